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
  await page.waitForFunction(() => [...document.querySelectorAll('#search-results .search-result')].every((r) => r.querySelector('.search-result-title')), null, { timeout: 5000 });
  const titles = await page.locator('#search-results .search-result-title').allTextContents();
  assert.ok(titles.includes('DNS outage'), titles.join(', '));
  assert.equal(await page.inputValue('.search-page-form input'), 'resolver');
  await page.close();
});

test('a word that matches no page is left out and named, on the search page and in the box', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'search/?q=' + encodeURIComponent('failover qwxzvbnk'));
  const titles = page.locator('#search-results .search-result-title');
  await titles.first().waitFor({ timeout: 5000 });
  assert.ok((await titles.allTextContents()).includes('Database failover'));
  assert.equal(await page.locator('#search-results .search-missing').textContent(), 'No page has “qwxzvbnk”: these pages have the other words.');
  await page.locator('.search-form input').first().fill('failover qwxzvbnk ');
  const note = page.locator('.search-form .search-results .search-missing');
  await note.waitFor({ timeout: 5000 });
  assert.equal(await note.textContent(), 'No page has “qwxzvbnk”.');
  await page.locator('.search-form input').first().fill('qwxzvbnk ');
  await page.locator('.search-form .search-results .search-empty').waitFor({ timeout: 5000 });
  await page.close();
});

test('filters narrow the results, as buttons and as query words', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'search/?q=' + encodeURIComponent('kind:rca'));
  await page.locator('#search-results .search-result-title').first().waitFor({ timeout: 5000 });
  await page.waitForFunction(() => [...document.querySelectorAll('#search-results .search-result')].every((r) => r.querySelector('.search-result-title')), null, { timeout: 5000 });
  const titles = await page.locator('#search-results .search-result-title').allTextContents();
  assert.deepEqual(titles.sort(), ['DNS outage', 'Expired intermediate certificate']);
  await page.locator('.search-filter[data-token="kind:rca"]').click();
  await page.locator('.search-filter[data-token="kind:runbook"]').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'kind:runbook');
  await page.waitForFunction(() => document.querySelectorAll('#search-results .search-result-title').length === 3);
  await page.close();
});

/** The titles of the type-ahead results for `query`, typed into the box of a page. */
async function typeAhead(query) {
  const page = await browser.newPage();
  await page.goto(server.url + 'runbooks/cache/');
  await page.locator('.search-form input').fill(query);
  const first = page.locator('.search-form .search-results .search-result-title').first();
  await first.waitFor({ timeout: 5000 });
  await page.waitForFunction(() => [...document.querySelectorAll('.search-form .search-results [role="option"]')].every((r) => r.querySelector('.search-result-title')), null, { timeout: 5000 });
  const titles = await page.locator('.search-form .search-results .search-result-title').allTextContents();
  await page.close();
  return titles;
}

// Issue 19: what an operator types finds the page, in the box and on /search/.
test('stemmed, misspelt, quoted and identifier queries find the page first (type-ahead)', async () => {
  assert.equal((await typeAhead('promoting'))[0], 'Database failover', 'the page says "promote"');
  assert.equal((await typeAhead('postgress'))[0], 'Database failover', 'a typo of PostgresPrimaryDown\'s part');
  assert.equal((await typeAhead('"split brain"'))[0], 'Database failover');
  assert.equal((await typeAhead('pg_stat_replication'))[0], 'Database failover');
});

test('the search page: stems, typos with "did you mean", phrases, identifiers, facets of the results', async () => {
  const page = await browser.newPage();
  const first = async (query) => {
    await page.goto(server.url + 'search/?q=' + encodeURIComponent(query));
    const title = page.locator('#search-results .search-result-title').first();
    await title.waitFor({ timeout: 5000 });
    return title.textContent();
  };
  assert.equal(await first('promoting'), 'Database failover');
  assert.equal(await first('"split brain"'), 'Database failover');
  assert.equal(await first('PG_STAT_REPLICATION'), 'Database failover');
  assert.equal(await first('postgress'), 'Database failover');
  const suggest = page.locator('#search-results .search-suggest a');
  await suggest.waitFor({ timeout: 5000 });
  assert.equal(await suggest.textContent(), 'postgres');
  // The result shows where it stands: section, kind, service, severity.
  await page.waitForFunction(() => /ledger-db · SEV1/.test(document.querySelector('.search-result-place')?.textContent || ''));
  // The filter counts are those of the results: one runbook, no other kind.
  await page.waitForFunction(() => document.querySelector('.search-filter[data-token="kind:runbook"]')?.textContent === 'runbook (1)');
  assert.equal(await page.locator('.search-filter[data-token="kind:rca"]').count(), 0);
  const { axeViolations } = await import('./browser.mjs');
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('snippets keep table cells apart and long words inside the dropdown', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(server.url + 'search/?q=pg_stat_replication');
  await page.locator('#search-results mark').first().waitFor({ timeout: 5000 });
  const marks = await page.locator('#search-results mark').allTextContents();
  assert.ok(marks.every((m) => m.length < 40), marks.join(', '));
  const overflow = await page.evaluate(() => getComputedStyle(document.querySelector('.search-result-snippet')).overflowWrap);
  assert.equal(overflow, 'anywhere');
  assert.equal(await page.locator('.search-filters-box').evaluate((d) => d.open), false, 'filters fold away on a phone');
  await page.close();
});

// Issue 19: a typing mistake in a word's first letters finds the word though it sorts in
// another shard. The browser's search.js reads a small index of four shards (served in
// place of the fixture's), where `lubernetes` sorts into the third and `kubernetes` is
// in the second.
const typoIndex = {
  'manifest.json': { version: 1, pages: 4, chunk: 16, language: 'en', stop: ['the'], shards: ['aa', 'kub', 'l', 'p'], reversed: ['sergtsop'],
    facets: { kind: [], section: [], owner: [], tag: [] } },
  't-0.json': { w: { alpha: 'alpha' }, p: { alpha: '0a0' } },
  't-1.json': { w: { kubernetes: 'kubernet' }, p: { kubernet: '1a0' } },
  't-2.json': { w: { lambda: 'lambda' }, p: { lambda: '2a0' } },
  't-3.json': { w: { postgres: 'postgr' }, p: { postgr: '3a0' } },
  'r-0.json': ['postgres', 'kubernetes', 'lambda', 'alpha'],
  'p-0.json': [['guides/writing/', 'Alpha', 'page', '', ''], ['runbooks/cache/', 'Kubernetes nodes', 'runbook', '', ''],
    ['policies/', 'Lambda', 'page', '', ''], ['runbooks/db/', 'Postgres', 'runbook', '', '']],
};

test('a typing mistake in the first letters finds the word in another shard (issue 19)', async () => {
  const page = await browser.newPage();
  await page.route(/\/handbook\/search\/[a-z]-?\d*\w*\.json$/, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (!(name in typoIndex)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ contentType: 'application/json', body: JSON.stringify(typoIndex[name]) });
  });
  await page.goto(server.url + 'search/?q=lubernetes');
  const title = page.locator('#search-results .search-result-title').first();
  await title.waitFor({ timeout: 5000 });
  assert.equal(await title.textContent(), 'Kubernetes nodes');
  assert.equal(await page.locator('#search-results .search-suggest a').textContent(), 'kubernetes');
  await page.locator('.search-form input').first().fill('ostgres');
  const first = page.locator('.search-form .search-results .search-result-title').first();
  await first.waitFor({ timeout: 5000 });
  assert.equal(await first.textContent(), 'Postgres');
  await page.close();
});

test('a quoted phrase shows only the pages that have it (issue 19)', async () => {
  // `failover` and `runbook` are on three pages; "failover runbook" on two of them.
  const page = await browser.newPage();
  await page.goto(server.url + 'search/?q=' + encodeURIComponent('"failover runbook"'));
  await page.locator('#search-results .search-result-title').first().waitFor({ timeout: 5000 });
  assert.deepEqual((await page.locator('#search-results .search-result-title').allTextContents()).sort(), ['Cache flush', 'Writing guide']);
  assert.equal(await page.locator('#search-results .search-count').textContent(), '2 pages', 'every page checked');
  // The words of a page in another order: no page.
  await page.locator('.search-form input').first().fill('"brain split"');
  await page.locator('.search-form .search-results .search-empty').waitFor({ timeout: 5000 });
  assert.equal(await page.locator('.search-form .search-results .search-result-title').count(), 0);
  await page.close();
});

test('a page loads the parts only some searches need when a search first needs them (issue 34)', async () => {
  const page = await browser.newPage();
  const scripts = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.split('/').pop();
    if (name.endsWith('.js')) scripts.push(name);
  });
  const later = () => scripts.filter((name) => ['search-typos.js', 'search-phrases.js', 'search-page.js'].includes(name));
  const asked = (file) => page.waitForRequest((request) => request.url().endsWith('/' + file), { timeout: 5000 });
  const firstTitle = (title) => page.waitForFunction((t) => document.querySelector('.search-form .search-result-title')?.textContent === t, title, { timeout: 5000 });
  await page.goto(server.url + 'runbooks/cache/');
  const box = page.locator('.search-form input').first();
  await box.fill('resolver');
  await firstTitle('DNS outage');
  assert.deepEqual(later(), [], 'a word the index has needs none of them');
  const typos = asked('search-typos.js');
  await box.fill('postgress');
  await typos;
  await firstTitle('Database failover');
  await box.fill('resolver');
  await firstTitle('DNS outage');
  const phrases = asked('search-phrases.js');
  await box.fill('"split brain"');
  await phrases;
  await firstTitle('Database failover');
  await box.fill('postgress');
  await firstTitle('Database failover');
  assert.deepEqual(later(), ['search-typos.js', 'search-phrases.js'], 'a typing mistake, a phrase, each part once');
  await page.goto(server.url + 'search/?q=failover');
  await page.locator('#search-results .search-result-title').first().waitFor({ timeout: 5000 });
  assert.ok(scripts.includes('search-page.js'), 'the search page loads its own part');
  await page.close();
});
