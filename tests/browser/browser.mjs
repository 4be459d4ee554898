// Starts Debian's Chromium headless through playwright-core, with the flags this
// machine needs (no background networking: the sandbox refuses outside connections).
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's violations of the rules tagged `tags` on `page` (axe is injected first). */
async function runAxe(page, tags) {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  }
  const result = await page.evaluate((values) => window.axe.run(document, { runOnly: { type: 'tag', values } }), tags);
  return result.violations;
}

/** The WCAG 2.1 A and AA violations axe-core finds on `page`. */
export async function axeViolations(page) {
  return (await runAxe(page, WCAG)).map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
  }));
}

/** axe-core's WCAG 2.1 A and AA and best-practice violations on `page`, each as
    "id: the first three elements". */
export async function axeFindings(page) {
  return (await runAxe(page, [...WCAG, 'best-practice']))
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Makes every page of `context` sum its layout shifts from the first paint on, as
    cumulative layout shift counts them, in `window.__shift`. */
export async function countLayoutShifts(context) {
  await context.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
}
