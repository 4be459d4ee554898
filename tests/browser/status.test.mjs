// Issue 16, end to end: the status fixture (tests/fixtures/status-basic, built by
// run.sh at 2026-11-15T12:00:00Z) served by a plain static server, in headless
// Chromium: the banner's colour and words, each component's state as a colour and a
// word, the uptime days with incidents reachable with Tab and naming the day's incidents, an
// incident's updates in time order (issue 33), and axe-core (WCAG 2.0/2.1 A and AA) without a
// violation on the status page, an incident and a maintenance, light and dark.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { serve } from './static-server.mjs';
import { launch } from './browser.mjs';

const site = process.env.STATUS_SITE_DIR;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server;
let browser;

before(async () => {
  assert.ok(site, 'STATUS_SITE_DIR names the built status fixture');
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

test('the banner says the overall status in words and in its colour', async () => {
  const page = await open('status/');
  const banner = page.locator('.status-banner');
  assert.equal(await banner.getAttribute('role'), 'status');
  assert.equal((await banner.textContent()).trim(), 'Minor Service Outage');
  // Partial outage: orange, white text.
  const { background, color } = await banner.evaluate((el) => {
    const style = getComputedStyle(el);
    return { background: style.backgroundColor, color: style.color };
  });
  assert.equal(background, 'rgb(188, 76, 0)');
  assert.equal(color, 'rgb(255, 255, 255)');
  await page.close();
});

test('each component shows its state as a colour and a word', async () => {
  const page = await open('status/');
  const states = await page.locator('.status-component').evaluateAll((components) => components.map((c) => {
    const word = c.querySelector('.status-component-head .status-word');
    const dot = word.querySelector('.status-dot');
    return [c.querySelector('.status-component-name').textContent, word.textContent.trim(),
      getComputedStyle(dot).backgroundColor];
  }));
  assert.deepEqual(states.map(([name, word]) => [name, word]), [
    ['Public API', 'Partial Outage'], ['DNS', 'Operational'], ['CDN', 'Operational'], ['Object storage', 'Operational'],
  ]);
  assert.equal(states[0][2], 'rgb(188, 76, 0)');
  assert.equal(states[1][2], 'rgb(26, 127, 55)');
  await page.close();
});

test('the days with incidents are reached with Tab and name the day and its incidents', async () => {
  const page = await open('status/');
  const dnsCells = page.locator('#component-dns .uptime-day');
  assert.equal(await dnsCells.count(), 90);
  // Only the days with an incident or a maintenance are Tab stops: 90 stops a bar would
  // bury the page under the Tab key; the quiet days are read as list items.
  const stops = page.locator('#component-dns .uptime-day[tabindex="0"]');
  assert.equal(await stops.count(), 2);
  await stops.first().focus();
  await page.keyboard.press('Tab');
  const day = page.locator(':focus');
  assert.equal(await day.evaluate((el) => el.closest('.status-component').id), 'component-dns');
  assert.equal(await day.evaluate((el) => [...el.parentNode.children].indexOf(el)), 84);
  const tip = day.locator('.uptime-tip');
  assert.ok(await tip.isVisible(), 'the focused cell shows its text');
  assert.match(await tip.textContent(), /^2026-11-10: Major Outage — DNS resolution failures$/);
  // What assistive technology is given for the focused cell: its accessible name.
  const snapshot = await day.ariaSnapshot();
  assert.match(snapshot, /^- '?listitem "2026-11-10: Major Outage — DNS resolution failures"/);
  await page.close();
});

test('an incident page tells its whole history in time order, after its description (issue 33)', async () => {
  const page = await open('status/api-errors/');
  const times = await page.locator('.status-updates li time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  assert.deepEqual(times, ['2026-11-15T09:10:00Z', '2026-11-15T10:00:00Z', '2026-11-15T11:30:00Z']);
  const words = await page.locator('.status-updates li .status-word').allTextContents();
  assert.deepEqual(words, ['Investigating', 'Investigating', 'Identified']);
  const order = await page.evaluate(() => {
    const content = document.querySelector('.content');
    const updates = document.querySelector('.status-timeline');
    return content.compareDocumentPosition(updates) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, 'the description comes before the updates');
  await page.close();
});

for (const colorScheme of ['light', 'dark']) {
  for (const path of ['status/', 'status/api-errors/', 'status/storage-upgrade/', 'status/dns-outage/']) {
    test(`axe finds no WCAG 2.1 AA violation on /${path} (${colorScheme})`, async () => {
      const page = await open(path, colorScheme);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }));
      const violations = result.violations.map((v) =>
        `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary}`).join('\n'));
      assert.deepEqual(violations, [], violations.join('\n'));
      await page.close();
    });
  }
}

// The handbook's own status page and incident pages (base.html) learn the reader's zone
// before the first paint, as the status site does (status-site.test.mjs), and write the
// reader's time under each UTC time; its other pages do not look for it.
test("the handbook's status pages show the reader's own time; its other pages leave the zone alone", async () => {
  const context = await browser.newContext({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  const page = await context.newPage();
  for (const path of ['status/', 'status/api-errors/']) {
    await page.goto(server.url + path);
    await page.waitForFunction(() => document.querySelectorAll('time .local-time').length > 0);
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('local-zone')), path);
  }
  await page.goto(server.url);
  assert.ok(!(await page.evaluate(() => document.documentElement.classList.contains('local-zone'))), 'the home page');
  await context.close();
});
