// The community page (`/community/`) of a handbook with three peers, built by run.sh
// --offline from copies of what two opsbook handbooks published (the measured status
// fixture, its CDN degraded, and the model handbook) and a third never read: in headless
// Chromium, each peer's state in words and never green when unknown, no sideways
// scrolling at 320 px, and axe-core (WCAG 2.1 A and AA and best practices) without a
// finding, light and dark; the search box's "all handbooks", chosen with the keyboard,
// finds a page only a peer has, labelled with the peer and linking to its address.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './static-server.mjs';
import { launch, axeFindings } from './browser.mjs';

const site = process.env.COMMUNITY_DIR;
let server;
let browser;

before(async () => {
  assert.ok(site, 'COMMUNITY_DIR names the built community fixture');
  server = await serve(site, '/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width, colorScheme) {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.emulateMedia({ colorScheme });
  const response = await page.goto(server.url + 'community/');
  assert.equal(response.status(), 200);
  return page;
}

test('each peer shows its state in words, the outage red and the unread peer unknown', async () => {
  const page = await open(1280, 'light');
  const states = await page.locator('.community-peer h2 .status-word').allTextContents();
  assert.equal(states.length, 3);
  assert.notEqual(states[0].trim(), 'All measured fine', 'a degraded, measured peer is not green');
  assert.notEqual(states[0].trim(), 'Unknown', 'its copy is fresh: measured at the pinned time');
  assert.equal(states[2].trim(), 'Unknown', 'a peer never read');
  const gone = await page.locator('#peer-gone').textContent();
  assert.match(gone, /has no copy of it/);
  const green = await page.locator('#peer-gone .status-level-green').count();
  assert.equal(green, 0, 'never green for what is unknown');
  const shared = await page.locator('#community-shared ~ ul a, .community-shared a').count();
  assert.ok(shared > 0, "the model handbook's runbooks are listed");
  await page.close();
});

for (const scheme of ['light', 'dark']) {
  for (const width of [320, 1280]) {
    test(`the community page fits ${width} px and passes axe (${scheme})`, async () => {
      const page = await open(width, scheme);
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
      assert.ok(widths.page <= widths.screen, `no sideways scrolling: ${JSON.stringify(widths)}`);
      assert.deepEqual(await axeFindings(page), []);
      await page.close();
    });
  }
}

test('"all handbooks" finds a page only a peer has, labelled with it and linking to its address', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + 'search/');
  const form = page.locator('header .search-form');
  const input = form.locator('input[type="search"]');
  await input.fill('backlog');
  await page.waitForSelector('header .search-dropdown:not([hidden])');
  assert.equal(await form.locator('.search-result-peer').count(), 0, 'this handbook: no peer page');
  // The choice by keyboard: Tab to the radio group, an arrow to "All handbooks".
  await input.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  assert.equal(await form.getByRole('radio', { name: 'All handbooks' }).isChecked(), true);
  await input.fill('');
  await input.fill('backlog');
  const result = form.locator('.search-result-peer a').first();
  await result.waitFor();
  assert.equal(await result.getAttribute('href'), 'http://127.0.0.1:9/model/runbooks/queue/');
  assert.equal((await result.locator('.search-result-title').textContent()).trim(), 'Queue backlog');
  assert.match(await result.locator('.search-result-place').textContent(), /^Model Handbook \(model\)/);
  assert.equal(await result.getAttribute('role'), 'option', 'an option of the list box like the others');
  // The choice is remembered, and the page with the control open passes axe.
  await page.reload();
  await page.locator('header .search-form input[type="search"]').focus();
  assert.equal(await page.locator('header .search-scope input[value="all"]').isChecked(), true);
  assert.ok(await page.locator('header .search-scope').isVisible(), 'shown while the box has the focus');
  assert.deepEqual(await axeFindings(page), []);
  await page.close();
});
