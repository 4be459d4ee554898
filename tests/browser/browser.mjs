// Starts Debian's Chromium headless through playwright-core, with the flags this
// machine needs (no background networking: the sandbox refuses outside connections).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';

/** Builds the handbook in `work`/site with the binary OPSBOOK_BIN names into
    `work`/public under the base path `base`, serves it there and starts Chromium. */
export async function buildAndServe(work, base) {
  execFileSync(process.env.OPSBOOK_BIN, ['build', '--root', join(work, 'site'), '--out', join(work, 'public'), '--base-url', base, '--quiet']);
  const server = await serve(join(work, 'public'), base);
  return { server, browser: await launch() };
}

/** Stops what [`buildAndServe`] started, if it did, and removes `work`. */
export async function stopAndRemove(started, work) {
  await started?.browser?.close();
  await started?.server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
}

/** Writes `text` at `path` under the folder `root`, making the folders between. */
export function writeUnder(root, path, text) {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A new page of `browser` at `address`, in a desktop window of `colorScheme`. */
export async function openAt(browser, address, { colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, colorScheme });
  const page = await context.newPage();
  await page.goto(address, { waitUntil: 'load' });
  return { context, page };
}

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
