// Issue 32: the status page with measured checks (tests/fixtures/status-basic with
// tests/browser/fixtures/measured-book.toml, built --offline by run.sh from
// fixtures/health.json) in headless Chromium: each check's name, value and level in
// words, the trend as an image with a text alternative, the unknown component grey with
// its words, never green; and axe-core (WCAG 2.0/2.1 A and AA) without a violation,
// light and dark.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './static-server.mjs';
import { launch, axeViolations } from './browser.mjs';

const site = process.env.MEASURED_SITE_DIR;
let server;
let browser;

before(async () => {
  assert.ok(site, 'MEASURED_SITE_DIR names the built status fixture with checks');
  server = await serve(site, '/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path, colorScheme = 'light') {
  const page = await browser.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(server.url + path);
  return page;
}

test('each check shows its name, value and level in words, and a described trend', async () => {
  const page = await open('status/');
  const checks = await page.locator('.status-check').evaluateAll((items) => items.map((c) => [
    c.querySelector('.status-check-name').textContent,
    c.querySelector('.status-check-value').textContent,
    c.querySelector('.status-word').textContent.trim(),
  ]));
  assert.deepEqual(checks, [
    ['API probes', '1', 'Good'],
    ['CDN probes', '1', 'Good'],
    ['Latency', '0.4 s', 'Degraded'],
    ['Replication lag', 'no value', 'No data'],
  ]);
  const trends = page.locator('.status-check svg.trend');
  assert.ok((await trends.count()) >= 3, 'a trend for each check with values');
  const label = await trends.first().getAttribute('aria-label');
  assert.match(label, /^API probes of Public API over the last 90 days: /);
  assert.equal(await trends.first().getAttribute('role'), 'img');
  await page.close();
});

test('a component with no data is grey and says so, never green', async () => {
  const page = await open('status/');
  const storage = page.locator('.status-component', { hasText: 'Object storage' });
  const text = await storage.textContent();
  assert.match(text, /No data/);
  const dot = storage.locator('.status-check .status-dot').first();
  const colour = await dot.evaluate((el) => getComputedStyle(el).backgroundColor);
  const green = await page.locator('.status-check .status-level-green .status-dot').first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(colour, green, 'unknown is not shown green');
  await page.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no WCAG A/AA violation on the measured status page (${scheme})`, async () => {
    const page = await open('status/', scheme);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await page.close();
  });
}
