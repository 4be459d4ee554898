// Quoted phrases end to end (issue 34.2): a handbook written here, built with
// OPSBOOK_BIN, served by a plain static server, searched on /search/ in real Chromium.
// The phrase is found in every kind of block (table cell, list item, heading,
// admonition, title) on every page that has it, however many pages have its words
// elsewhere; no page that has only the words (in two blocks, or in another order) is
// shown.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve } from './static-server.mjs';
import { launch } from './browser.mjs';

let work;
let server;
let browser;

/** Writes `text` at `name` under the handbook's content. */
function page(name, text) {
  const file = path.join(work, 'content', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

before(async () => {
  assert.ok(process.env.OPSBOOK_BIN, 'OPSBOOK_BIN names the opsbook binary');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'opsbook-phrases-'));
  fs.writeFileSync(path.join(work, 'book.toml'), '[handbook]\ntitle = "Phrases"\nbase-url = "https://ops.example.org/handbook/"\n');
  page('_index.md', '---\ntitle: Phrases\n---\n\nHome.\n');
  page('runbooks/_index.md', '---\ntitle: Runbooks\n---\n\nRunbooks.\n');
  page('runbooks/etcd.md', '---\ntitle: Etcd quorum\n---\n\n## Symptoms\n\n| Sign | Meaning |\n|---|---|\n| Two leaders | Split brain |\n\n' +
    '## Steps\n\n- Stop the minority side.\n- Confirm no split brain remains.\n');
  page('runbooks/heading.md', '---\ntitle: Network partition\n---\n\n## Avoiding split brains\n\nFence the old primary.\n');
  page('runbooks/note.md', '---\ntitle: Cluster fencing\n---\n\nFence first.\n\n> [!WARNING]\n> Without fencing, a split brain corrupts data.\n');
  page('runbooks/title.md', '---\ntitle: Split-brain recovery\n---\n\nRecover the data.\n');
  // A long runbook: its sections are cut into several snippet files (about 2 KB each),
  // with the rare words only in two late sections, each word best in one of them.
  let long = '---\ntitle: Storage recovery\n---\n\nIntro.\n\n';
  for (let n = 1; n <= 14; n++) {
    const word = n === 9 ? ' Import the zpool, then export the zpool.' : n === 13 ? ' Run a scrub; scrub again.' : '';
    long += `## Stage ${n}\n\n${'Check the disks and their controllers. '.repeat(12)}${word}\n\n`;
  }
  page('runbooks/storage.md', long);
  // Many pages with both words, more often than the pages above, never as the phrase.
  for (let n = 0; n < 40; n++) {
    page(`notes/n${n}.md`, `---\ntitle: Note ${n}\n---\n\n` +
      'The brain of the cluster, split in two.\n\nSplit\n\nBrain, brain, brain: the split shards, the split logs.\n\n- split\n- brain\n');
  }
  const built = spawnSync(process.env.OPSBOOK_BIN, ['build', '--root', work, '--out', path.join(work, 'public'), '--quiet'],
    { encoding: 'utf8', env: { ...process.env, OPSBOOK_TODAY: '2026-11-15' } });
  assert.equal(built.status, 0, built.stderr);
  server = await serve(path.join(work, 'public'), '/handbook/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** The titles /search/ shows for `query`, and its count line. */
async function searchPage(query) {
  const page = await browser.newPage();
  await page.goto(server.url + 'search/?q=' + encodeURIComponent(query));
  await page.locator('#search-results .search-count').waitFor({ timeout: 5000 });
  // The count comes first; each result's title when its page's record has come.
  await page.waitForFunction(() => [...document.querySelectorAll('#search-results .search-result')].every((r) => r.querySelector('.search-result-title')), null, { timeout: 5000 });
  const titles = await page.locator('#search-results .search-result-title').allTextContents();
  const count = await page.locator('#search-results .search-count').textContent();
  await page.close();
  return { titles, count };
}

test('a quoted phrase finds every page that has it, in any block, and no other', async () => {
  const { titles, count } = await searchPage('"split brain"');
  assert.deepEqual(titles.sort(), ['Cluster fencing', 'Etcd quorum', 'Network partition', 'Split-brain recovery']);
  assert.equal(count, '4 pages');
  const loose = await searchPage('split brain');
  assert.equal(loose.count, '44 pages', 'without quotes, every page with both words');
});

test('a long page\'s sub-results come from the snippet files that hold its matching sections only', async () => {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(server.url + 'search/?q=' + encodeURIComponent('zpool scrub'));
  const result = page.locator('#search-results .search-result', { hasText: 'Storage recovery' });
  await result.locator('.search-subresult-link').first().waitFor({ timeout: 5000 });
  const links = [await result.locator('a.search-result-link').getAttribute('href'),
    ...await result.locator('.search-subresult-link').evaluateAll((all) => all.map((a) => a.getAttribute('href')))];
  assert.deepEqual(links.map((href) => href.replace(/^.*#/, '')).sort(), ['stage-13', 'stage-9']);
  assert.equal(await result.locator('mark').first().textContent(), 'zpool');
  // The page's snippets are in several files; the query fetched only those holding each
  // word's best section (stages 9 and 13), not its first.
  const files = requests.filter((p) => /\/search\/s\/\d+\/s-\d+(-\d+)?\.json$/.test(p));
  const pages = files.map((p) => p.match(/s-(\d+)/)[1]);
  assert.equal(new Set(pages).size, 1, JSON.stringify(files));
  assert.equal(files.length, 2, JSON.stringify(files));
  assert.ok(files.every((p) => /\/s-\d+-\d+\.json$/.test(p)), 'not its first file: ' + JSON.stringify(files));
  await page.close();
});

test('a phrase with another word: the pages with the phrase and the word', async () => {
  // `fencing` and `Fence` share a stem.
  const { titles } = await searchPage('"split brain" fencing');
  assert.deepEqual(titles.sort(), ['Cluster fencing', 'Network partition']);
  const none = await searchPage('"brain corrupts split"');
  assert.deepEqual(none.titles, []);
});

test('the search page shows the best sections of a page, each linked to its heading, with its words highlighted', async () => {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (request) => requests.push([new URL(request.url()).pathname, request.headers().range || '']));
  await page.goto(server.url + 'search/?q=' + encodeURIComponent('"split brain"'));
  const etcd = page.locator('#search-results .search-result', { hasText: 'Etcd quorum' });
  await etcd.locator('.search-subresult-link').first().waitFor({ timeout: 5000 });
  assert.match(await etcd.locator('a.search-result-link').getAttribute('href'), /\/handbook\/runbooks\/etcd\/#symptoms$/);
  assert.match(await etcd.locator('.search-result-place').textContent(), /^Runbooks\b/, 'the place is the breadcrumb path');
  const subs = etcd.locator('.search-subresult-link');
  assert.equal(await subs.count(), 1);
  assert.match(await subs.first().getAttribute('href'), /\/handbook\/runbooks\/etcd\/#steps$/);
  assert.equal(await subs.first().locator('.search-subresult-title').textContent(), 'Steps');
  // Every result has a snippet, and every snippet of a section with the words highlights
  // them; a page with the phrase only in its title shows the start of its text.
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#search-results .search-result-snippet'))
    .every((s) => s.textContent !== ''), null, { timeout: 5000 });
  const title = page.locator('#search-results .search-result', { hasText: 'Split-brain recovery' });
  assert.equal(await title.locator('.search-result-snippet').textContent(), 'Recover the data.');
  const snippets = await page.locator('#search-results .search-result-snippet').evaluateAll((all) =>
    all.map((s) => [s.textContent, Array.from(s.querySelectorAll('mark')).map((m) => m.textContent.toLowerCase())]));
  for (const [text, marks] of snippets.filter(([text]) => text !== 'Recover the data.')) {
    assert.ok(marks.includes('split') || marks.includes('brain') || marks.includes('brains'), `${text}: ${marks}`);
  }
  // The snippets come from one small file per page shown, fetched whole: no byte ranges, no page's HTML.
  assert.deepEqual(requests.filter(([, range]) => range), []);
  const snippetFiles = requests.filter(([p]) => /\/search\/s\/\d+\/s-\d+\.json$/.test(p));
  assert.ok(snippetFiles.length >= 1 && snippetFiles.length <= 4, JSON.stringify(snippetFiles));
  assert.deepEqual(requests.filter(([p]) => /\/runbooks\/[^/]+\/$/.test(p)), []);
  await page.close();
});

test('the search box groups a page\'s sub-results under it as options the arrow keys reach', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'runbooks/');
  await page.keyboard.press('/');
  await page.keyboard.type('"split brain"');
  const etcd = page.locator('.search-form .search-result', { hasText: 'Etcd quorum' });
  const group = etcd.locator('ul.search-subresults[role="group"]');
  await group.waitFor({ timeout: 5000 });
  assert.equal(await group.getAttribute('aria-label'), 'Etcd quorum');
  const sub = group.locator('a.search-subresult-link[role="option"]');
  assert.equal(await sub.count(), 1);
  assert.match(await sub.getAttribute('href'), /\/handbook\/runbooks\/etcd\/#steps$/);
  // The options in order: each page, then its sub-results; the arrow keys walk them all.
  const ids = await page.locator('.search-form [role="listbox"] [role="option"]').evaluateAll((all) => all.map((a) => a.id));
  const at = ids.indexOf(await sub.getAttribute('id'));
  assert.ok(at > 0 && ids[at - 1] === await etcd.locator('a.search-result-link').getAttribute('id'), ids.join(' '));
  for (let i = 0; i <= at; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('.search-form input[type="search"]').getAttribute('aria-activedescendant'), ids[at]);
  assert.equal(await sub.getAttribute('aria-selected'), 'true');
  const { axeViolations } = await import('./browser.mjs');
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});
