// Issue 33, part 4, in Chromium: the customer's status page stands apart from the
// handbook (the status fixture, built by run.sh at a pinned time, and its status site):
// no handbook navigation on the status page and its incidents' pages, a visible
// subscribe block (the page's Atom feed, each component's, the JSON API), no owners or
// edit links on an incident's page, and the days of the uptime bar read by a tap on a
// phone; axe-core (WCAG 2.1 A/AA and best practices) finds nothing, at 390x844 and
// 1366x900, light and dark.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { serve } from './static-server.mjs';
import { launch } from './browser.mjs';

const site = process.env.STATUS_SITE_DIR;
const only = process.env.STATUS_ONLY_DIR;
const require = createRequire(import.meta.url);
const SCREENS = [{ width: 390, height: 844 }, { width: 1366, height: 900 }];
let server;
let onlyServer;
let browser;

before(async () => {
  assert.ok(site && only, 'STATUS_SITE_DIR and STATUS_ONLY_DIR name the built status fixture');
  server = await serve(site, '/');
  onlyServer = await serve(only, '/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await onlyServer?.close();
});

async function open(url, viewport, colorScheme = 'light', options = {}) {
  const page = await browser.newPage({ viewport, ...options });
  await page.emulateMedia({ colorScheme });
  await page.goto(url);
  return page;
}

async function axe(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

for (const viewport of SCREENS) {
  for (const scheme of ['light', 'dark']) {
    test(`the status page has no handbook menu and a subscribe block (${viewport.width}px, ${scheme})`, async () => {
      const page = await open(server.url + 'status/', viewport, scheme);
      assert.equal(await page.locator('#site-nav').count(), 0);
      assert.equal(await page.locator('.menu-button, .menu-link').count(), 0);
      const subscribe = page.locator('.status-subscribe');
      assert.ok(await subscribe.isVisible());
      const links = await subscribe.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.includes('/status/feed.xml'), links.join(' '));
      for (const id of ['api', 'dns', 'cdn', 'storage']) assert.ok(links.includes(`/status/${id}/feed.xml`), id);
      assert.ok(links.includes('/status/api/v2/summary.json'));
      assert.ok(links.includes('/status/api/v2/components.json'));
      assert.deepEqual(await axe(page), []);
      await page.close();
    });

    test(`an incident's page: no menu, owners or edit links (${viewport.width}px, ${scheme})`, async () => {
      const page = await open(server.url + 'status/api-errors/', viewport, scheme);
      assert.equal(await page.locator('#site-nav').count(), 0);
      assert.equal(await page.locator('.page-meta, .repository-links, .page-footer').count(), 0);
      assert.deepEqual(await axe(page), []);
      await page.close();
    });
  }
}

test('a tap on the uptime bar reads the day under the finger on a phone', async () => {
  const page = await open(server.url + 'status/', SCREENS[0], 'light', { hasTouch: true, isMobile: true });
  const bar = page.locator('#component-dns .uptime-bar');
  const readout = page.locator('#component-dns .uptime-readout');
  assert.equal(await readout.isVisible(), false);
  // The day of the DNS incident, the 85th cell.
  const day = page.locator('#component-dns .uptime-day').nth(84);
  await bar.scrollIntoViewIfNeeded();
  const box = await day.boundingBox();
  assert.ok(box.width < 10, 'a day is narrower than a finger');
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  assert.ok(await readout.isVisible());
  const text = await readout.textContent();
  assert.equal(text, await day.locator('.uptime-tip').textContent());
  assert.match(text, /DNS/);
  assert.equal(await bar.locator('.picked').count(), 1);
  await page.close();
});

test('the status site shows the same subscribe block and the incident in time order', async () => {
  const page = await open(onlyServer.url, SCREENS[0]);
  const links = await page.locator('.status-subscribe a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.includes('/feed.xml') && links.includes('/dns/feed.xml') && links.includes('/api/v2/summary.json'), links.join(' '));
  assert.deepEqual(await axe(page), []);
  await page.goto(onlyServer.url + 'api-errors/');
  const times = await page.locator('.status-updates li time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  assert.deepEqual(times, ['2026-11-15T09:10:00Z', '2026-11-15T10:00:00Z', '2026-11-15T11:30:00Z']);
  await page.close();
});
