// Issue 32, part 3, items 4 and 5, in headless Chromium.
// Item 4: the status site (`opsbook build --status-site`, the status fixture built by
// run.sh into STATUS_ONLY_DIR at 2026-11-15T12:00:00Z) served from its own root, as on
// status.example.org: the page at `/`, Atlassian's widget path `/api/v2/summary.json`
// answering from the page's origin, none of the handbook's chrome, and axe-core
// (WCAG 2.1 A/AA and best practices) without a violation, light and dark.
// Item 5: times are written in UTC (`<time datetime="...Z">`); theme.js adds the
// reader's own time under each, in the reader's zone (Chromium's `timezoneId`), and
// nothing without a script or for a reader in UTC; writing it moves nothing (cumulative
// layout shift 0, on a phone and a wide screen).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { serve } from './static-server.mjs';
import { countLayoutShifts, launch } from './browser.mjs';

const site = process.env.STATUS_ONLY_DIR;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server;
let browser;

before(async () => {
  assert.ok(site, 'STATUS_ONLY_DIR names the built status site');
  server = await serve(site, '/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(server.url + path);
  return { page, context };
}

test('the status page is the root of its site, and the widget finds /api/v2/summary.json', async () => {
  const { page, context } = await open('');
  assert.equal((await page.locator('.status-banner').textContent()).trim(), 'Minor Service Outage');
  // What Atlassian's status widget does: ask the page's own host for the summary.
  const summary = await page.evaluate(async () => {
    const response = await fetch('/api/v2/summary.json');
    return { ok: response.ok, type: response.headers.get('content-type'), body: await response.json() };
  });
  assert.ok(summary.ok);
  assert.equal(summary.body.page.name, 'Nimbus status');
  assert.equal(summary.body.status.description, 'Minor Service Outage');
  assert.deepEqual(summary.body.components.filter((c) => !c.group).map((c) => c.name),
    ['Public API', 'DNS', 'CDN', 'Object storage']);
  await context.close();
});

test('no chrome of the handbook: no navigation, search, owners, edit links or review notes', async () => {
  for (const path of ['', 'api-errors/', 'storage-upgrade/']) {
    const { page, context } = await open(path);
    for (const selector of ['#site-nav', '.site-nav', '.search-form', '.page-owners', '.edit-link', '.page-meta',
      '.review-note', '.breadcrumbs', '.page-toc']) {
      assert.equal(await page.locator(selector).count(), 0, `${selector} on /${path}`);
    }
    assert.equal(await page.locator('.site-title').getAttribute('href'), '/');
    const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) {
      assert.ok(!href.startsWith('/status/') && !href.startsWith('/runbooks/'), `${href} on /${path}`);
    }
    await context.close();
  }
});

test('an incident linked from the status page opens at the root', async () => {
  const { page, context } = await open('');
  await page.locator('a', { hasText: 'Elevated API error rates' }).first().click();
  await page.waitForURL(/\/api-errors\/$/);
  const times = await page.locator('.status-updates li time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  // The whole history in time order, as the handbook's incident page shows it.
  assert.deepEqual(times, ['2026-11-15T09:10:00Z', '2026-11-15T10:00:00Z', '2026-11-15T11:30:00Z']);
  await context.close();
});

test("the reader's own time follows each UTC time, in the reader's zone", async () => {
  const { page, context } = await open('api-errors/', { timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  const update = page.locator('.status-updates li').last();
  // The UTC time, then the reader's on a line of its own inside the same <time>.
  assert.equal((await update.locator('time').evaluate((t) => t.firstChild.textContent)).trim(), '2026-11-15 11:30 UTC');
  const local = await update.locator('time .local-time').textContent();
  // 11:30 UTC is 12:30 in Berlin in November (CET, +01:00).
  assert.match(local, /12:30/);
  assert.match(local, /CET|GMT\+1/);
  assert.equal(await update.locator('.local-time').getAttribute('title'), 'Your time (Europe/Berlin)');
  await context.close();

  const newYork = await open('api-errors/', { timezoneId: 'America/New_York', locale: 'en-US' });
  assert.match(await newYork.page.locator('.status-updates li .local-time').last().textContent(), /6:30|06:30/);
  await newYork.context.close();

  const utc = await open('api-errors/', { timezoneId: 'UTC' });
  assert.equal(await utc.page.locator('.local-time').count(), 0, 'a reader in UTC reads UTC once');
  await utc.context.close();

  // Nothing shifts when the times are written: the page and an incident's page, in
  // Berlin, on a phone and a wide screen, the shifts counted from before the first paint.
  for (const path of ['', 'api-errors/']) {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 900 }]) {
      const context = await browser.newContext({ viewport, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
      await countLayoutShifts(context);
      const page = await context.newPage();
      await page.goto(server.url + path, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('.local-time').length > 0);
      // Layout shifts reach the observer a frame or two after they happen.
      await page.waitForTimeout(300);
      // Under a thousandth, as page-tools.test.mjs reads a load-time shift: writing the
      // times into lines not kept for them shifted 0.015 to 0.155.
      const shift = await page.evaluate(() => window.__shift);
      assert.ok(shift < 0.001, `layout shift ${shift} on /${path} at ${viewport.width}px`);
      await context.close();
    }
  }

  const noScript = await open('api-errors/', { timezoneId: 'Europe/Berlin', javaScriptEnabled: false });
  assert.equal(await noScript.page.locator('.local-time').count(), 0, 'without a script, UTC alone');
  assert.equal((await noScript.page.locator('.status-updates li time').last().textContent()).trim(), '2026-11-15 11:30 UTC');
  await noScript.context.close();
});

for (const colorScheme of ['light', 'dark']) {
  for (const path of ['', 'api-errors/', 'storage-upgrade/', 'dns-outage/']) {
    test(`axe finds no violation, best practices included, on the status site's /${path} (${colorScheme})`, async () => {
      const { page, context } = await open(path, { colorScheme, timezoneId: 'Europe/Berlin' });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      }));
      const violations = result.violations.map((v) =>
        `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary}`).join('\n'));
      assert.deepEqual(violations, [], violations.join('\n'));
      await context.close();
    });
  }
}
