// End to end: a fixture handbook built under /handbook/, served by a plain static
// server, searched in real headless Chromium: typing in the search box shows the right
// page; /search/?q= shows results as a page; filters narrow them.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './static-server.mjs';
import { launch } from './browser.mjs';

const site = process.env.SITE_DIR;
let server;
let browser;

before(async () => {
  assert.ok(site, 'SITE_DIR names the built fixture');
  server = await serve(site, '/handbook/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('typing in the search box shows matching pages as you type', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'runbooks/cache/');
  await page.keyboard.press('/');
  await page.keyboard.type('failover');
  const first = page.locator('.search-form .search-results a.search-result-link').first();
  await first.waitFor({ timeout: 5000 });
  assert.equal(await first.locator('.search-result-title').textContent(), 'Database failover');
  // The snippet comes from the best section, fetched by byte range, and deep-links to it.
  await page.waitForFunction(() => document.querySelector('.search-results mark') !== null, null, { timeout: 5000 });
  assert.match(await first.getAttribute('href'), /^\/handbook\/runbooks\/db\/(#.+)?$/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/handbook\/runbooks\/db\//);
  await page.close();
});

test('a /search/?q= URL shows the results as a page', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'search/?q=resolver');
  const links = page.locator('#search-results a.search-result-link');
  await links.first().waitFor({ timeout: 5000 });
  const titles = await page.locator('#search-results .search-result-title').allTextContents();
  assert.ok(titles.includes('DNS outage'), titles.join(', '));
  assert.equal(await page.inputValue('.search-page-form input'), 'resolver');
  await page.close();
});

test('filters narrow the results, as buttons and as query words', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'search/?q=' + encodeURIComponent('kind:rca'));
  await page.locator('#search-results .search-result-title').first().waitFor({ timeout: 5000 });
  const titles = await page.locator('#search-results .search-result-title').allTextContents();
  assert.deepEqual(titles.sort(), ['DNS outage', 'Expired intermediate certificate']);
  await page.locator('.search-filter[data-token="kind:rca"]').click();
  await page.locator('.search-filter[data-token="kind:runbook"]').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'kind:runbook');
  await page.waitForFunction(() => document.querySelectorAll('#search-results .search-result-title').length === 3);
  await page.close();
});
