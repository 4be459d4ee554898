// Issue 33, part 4, in Chromium: the customer's status page stands apart from the
// handbook (the status fixture, built by run.sh at a pinned time, and its status site):
// no handbook navigation on the status page and its incidents' pages, a visible
// subscribe block (the page's Atom feed, each component's, the JSON API), no owners or
// edit links on an incident's page, and the days of the uptime bar read by a tap on a
// phone; axe-core (WCAG 2.1 A/AA and best practices) finds nothing, at 390x844 and
// 1366x900, light and dark.
// On a phone (320 and 390 px wide, 844 high), the page and the status site: the active
// incident and all its updates, newest first, inside the first screen; Subscribe one
// closed control that opens with a tap or the keyboard; the JSON Feeds linked from it and
// from the head; the reader's own time whole, in the sentence; nothing wider than the
// screen, long names included; nothing moves when the times are written.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { serve } from './static-server.mjs';
import { countLayoutShifts, launch } from './browser.mjs';

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
      assert.ok(links.includes('/status/feed.json'), links.join(' '));
      for (const id of ['api', 'dns', 'cdn', 'storage']) assert.ok(links.includes(`/status/${id}/feed.json`), id);
      const alternates = await page.locator('head link[rel="alternate"]').evaluateAll((ls) => ls.map((l) => `${l.type} ${l.getAttribute('href')}`));
      assert.ok(alternates.includes('application/atom+xml /status/feed.xml'), alternates.join(', '));
      assert.ok(alternates.includes('application/feed+json /status/feed.json'), alternates.join(', '));
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
  assert.ok(links.includes('/feed.json') && links.includes('/dns/feed.json'), links.join(' '));
  const alternates = await page.locator('head link[rel="alternate"]').evaluateAll((ls) => ls.map((l) => `${l.type} ${l.getAttribute('href')}`));
  assert.deepEqual(alternates, ['application/atom+xml /feed.xml', 'application/feed+json /feed.json']);
  assert.deepEqual(await axe(page), []);
  await page.goto(onlyServer.url + 'api-errors/');
  const times = await page.locator('.status-updates li time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  assert.deepEqual(times, ['2026-11-15T09:10:00Z', '2026-11-15T10:00:00Z', '2026-11-15T11:30:00Z']);
  await page.close();
});

// The phone tests: the handbook's status page and the status site, at two widths, for a
// reader whose own time is written longer than the UTC time (en-US in India:
// "Nov 15, 05:30 PM GMT+5:30").
const PHONES = [{ width: 320, height: 844 }, { width: 390, height: 844 }];
const PAGES = [['the status page', () => server.url + 'status/'], ['the status site', () => onlyServer.url]];

async function openPhone(url, viewport) {
  const context = await browser.newContext({
    viewport, isMobile: true, hasTouch: true, timezoneId: 'Asia/Kolkata', locale: 'en-US',
  });
  await countLayoutShifts(context);
  const page = await context.newPage();
  await page.goto(url);
  return { page, context };
}

for (const viewport of PHONES) {
  for (const [name, url] of PAGES) {
    test(`${name} on a phone: the active incident and all its updates, newest first, in the first screen (${viewport.width}px)`, async () => {
      const { page, context } = await openPhone(url(), viewport);
      const incident = page.locator('.status-incident').first();
      assert.equal(await incident.locator('h3').textContent(), 'Elevated API error rates');
      const box = await incident.boundingBox();
      assert.ok(box.y >= 0 && box.y < viewport.height, `the incident starts at ${box.y}`);
      const updates = incident.locator('.status-update');
      const times = await updates.locator('.status-update-head time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
      assert.deepEqual(times, ['2026-11-15T11:30:00Z', '2026-11-15T10:00:00Z', '2026-11-15T09:10:00Z'], 'every update, newest first');
      const bottoms = await updates.evaluateAll((us) => us.map((u) => u.getBoundingClientRect().bottom));
      for (const bottom of bottoms) assert.ok(bottom <= viewport.height, `an update ends at ${bottom} of ${viewport.height}`);
      await context.close();
    });

    test(`${name} on a phone: Subscribe is one closed control that opens (${viewport.width}px)`, async () => {
      const { page, context } = await openPhone(url(), viewport);
      const subscribe = page.locator('details.status-subscribe');
      assert.equal(await subscribe.count(), 1);
      assert.equal(await subscribe.evaluate((d) => d.open), false, 'closed at first');
      assert.equal(await subscribe.locator('a').first().isVisible(), false, 'its links hidden');
      const summary = subscribe.locator('summary');
      // The keys before the tap: a tap keeps its element active for a moment, and a
      // Space pressed while that ends would lose its activation.
      await summary.focus();
      await page.keyboard.press('Enter');
      assert.equal(await subscribe.evaluate((d) => d.open), true, 'Enter opens it');
      await page.keyboard.press('Space');
      assert.equal(await subscribe.evaluate((d) => d.open), false, 'Space closes it');
      await summary.tap();
      assert.equal(await subscribe.evaluate((d) => d.open), true, 'a tap opens it');
      assert.ok(await subscribe.locator('a[href$="feed.json"]').first().isVisible());
      assert.deepEqual(await axe(page), []);
      await context.close();
    });

    test(`${name} on a phone: the reader's time is whole and in the sentence, and nothing moves (${viewport.width}px)`, async () => {
      const { page, context } = await openPhone(url(), viewport);
      await page.waitForFunction(() => document.querySelectorAll('time .local-time').length > 0);
      const times = await page.locator('time.local-shown').evaluateAll((ts) => ts.map((t) => {
        const local = t.querySelector('.local-time');
        const expected = new Intl.DateTimeFormat(undefined, {
          month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
        }).format(new Date(t.getAttribute('datetime')));
        // Its text as wide as it is written, against the width the page gives it.
        const probe = document.createElement('span');
        probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
        probe.textContent = local.textContent;
        local.after(probe);
        const natural = probe.getBoundingClientRect().width;
        probe.remove();
        const range = document.createRange();
        range.selectNodeContents(local);
        const shown = [...range.getClientRects()].reduce((sum, r) => sum + r.width, 0);
        return {
          text: local.textContent, expected, natural, shown, display: getComputedStyle(t).display,
          right: Math.max(...[...local.getClientRects()].map((r) => r.right)),
        };
      }));
      assert.ok(times.length >= 4, `${times.length} times`);
      for (const t of times) {
        assert.equal(t.text, t.expected);
        assert.match(t.text, /GMT\+5:30$/);
        assert.equal(t.display, 'inline', 'a time is text in its sentence, not a box');
        assert.ok(t.shown >= t.natural - 0.5, `"${t.text}" shows ${t.shown} of ${t.natural} px`);
        assert.ok(t.right <= viewport.width, `"${t.text}" ends at ${t.right}`);
      }
      await page.waitForTimeout(100);
      const shift = await page.evaluate(() => window.__shift);
      assert.ok(shift < 0.001, `layout shift ${shift}`);
      await context.close();
    });

    test(`${name} on a phone: nothing is wider than the screen, long names included (${viewport.width}px)`, async () => {
      const { page, context } = await openPhone(url(), viewport);
      const width = () => page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(await width() <= viewport.width, `scrollWidth ${await width()}`);
      // Names as long as a customer's: one word of 60 letters and a long sentence.
      await page.evaluate(() => {
        const long = 'Objectstoragereplicationgatewayfortheeucentralregionandbackup';
        document.querySelector('.status-component-name').textContent = long;
        document.querySelector('.status-group-name').firstChild.textContent = long + ' ';
        const chip = document.querySelector('.status-incident .status-chip');
        chip.lastChild.textContent = long + ': Partial Outage';
        document.querySelector('.status-incident h3 a').textContent = long;
        document.querySelector('.uptime-percent').textContent = long + ' % uptime';
        document.querySelector('.status-history a').textContent = long;
      });
      assert.ok(await width() <= viewport.width, `scrollWidth ${await width()} with long names`);
      await page.goto(url() + 'api-errors/');
      assert.ok(await width() <= viewport.width, `an incident's page: scrollWidth ${await width()}`);
      await context.close();
    });
  }
}
