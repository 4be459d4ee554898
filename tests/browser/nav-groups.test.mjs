// A Middleman handbook's `section` groups (issue 31, part 7), in headless Chromium on a
// handbook built here: each group's name stands once above its first page, in the page
// as written, after a level cut to a window lists all its pages in place, and after a
// section off the page's path is unfolded from its branch file; a name of markup is
// text; axe (WCAG 2.1 AA and best practices) finds nothing on a grouped navigation and
// on the folder's page of groups, in both colour schemes.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeFindings, buildAndServe, openAt, stopAndRemove, writeUnder } from './browser.mjs';

const MARKUP = 'Zone <img src=x onerror="window.__xss=1"> & co';
let work;
let server;
let browser;

/** Writes `text` at `path` under the site's folder. */
function write(path, text) {
  writeUnder(join(work, 'site'), path, text);
}

/** The group of manual page `i`: six groups of ten, the last one's name markup. */
const groupOf = (i) => (i < 50 ? `Group ${Math.floor(i / 10)}` : MARKUP);
const pad = (i) => String(i).padStart(2, '0');

before(async () => {
  assert.ok(process.env.OPSBOOK_BIN, 'OPSBOOK_BIN names the binary');
  work = mkdtempSync(join(tmpdir(), 'opsbook-nav-groups-'));
  write('book.toml', '[handbook]\ntitle = "Groups"\n\n[build]\ncontent-dir = "source"\n');
  write('config.rb', 'activate :tech_docs\n');
  write('source/index.html.md', '---\ntitle: Groups\n---\n\nThe manual.\n');
  write('source/other/only.html.md', '---\ntitle: Only\n---\n\nText.\n');
  write('source/manual/glossary.html.md', '---\ntitle: Glossary\n---\n\nWords.\n');
  for (let i = 0; i < 60; i++) {
    write(`source/manual/p${pad(i)}.html.md`, `---\ntitle: Page ${pad(i)}\nsection: '${groupOf(i)}'\n---\n\nSteps.\n`);
  }
  ({ server, browser } = await buildAndServe(work, '/hb/'));
});

after(() => stopAndRemove({ server, browser }, work));

const open = (path, options) => openAt(browser, server.url + path, options);

/** The manual's level as shown: `[name]` for a group's name, titles for pages. */
const level = (page) => page.evaluate(() => Array.from(document.querySelectorAll('.nav-tree > li'))
  .filter((li) => li.offsetParent !== null && li.style.getPropertyValue('--depth') === '1')
  .map((li) => (li.classList.contains('nav-group') ? `[${li.textContent}]` : li.querySelector('a, .nav-show-all').textContent)));

/** The whole level, as the folder's page lists it. */
const everything = ['Glossary'];
for (let i = 0; i < 60; i++) {
  if (i % 10 === 0) everything.push(`[${groupOf(i)}]`);
  everything.push(`Page ${pad(i)}`);
}

test('a window starts with its first group\'s name, and lists the whole level under each name once', async () => {
  const { context, page } = await open('manual/p30.html');
  const shown = await level(page);
  assert.deepEqual(shown.slice(0, 3), ['[Group 0]', 'Page 05', 'Page 06'], 'the window opens inside a group, under its name');
  assert.equal(shown.at(-1), '11 more in Manual…');
  await page.locator('.nav-show-all').click();
  await page.locator('.nav-tree a', { hasText: 'Glossary' }).waitFor();
  assert.deepEqual(await level(page), everything);
  assert.equal(await page.locator('.nav-tree a[aria-current="page"]').textContent(), 'Page 30');
  assert.equal(await page.locator('.nav-tree img').count(), 0, 'a name is text');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await context.close();
});

test('a section unfolded from its branch file shows its groups\' names', async () => {
  const { context, page } = await open('other/only.html');
  await page.locator('.nav-toggle[aria-label="Pages in Manual"]').click();
  await page.locator('.nav-tree a', { hasText: 'Page 59' }).waitFor();
  // The manual's level, then the page's own section's.
  assert.deepEqual(await level(page), [...everything, 'Only']);
  // Folding hides the names with the pages.
  await page.locator('.nav-toggle[aria-label="Pages in Manual"]').click();
  assert.deepEqual(await level(page), ['Only']);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await context.close();
});

test('axe finds nothing on the grouped navigation and the folder\'s page of groups', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const path of ['manual/p30.html', 'manual/']) {
      const { context, page } = await open(path, { colorScheme });
      if (path === 'manual/') {
        assert.deepEqual(await page.locator('main h2.section-group').allTextContents(), everything.filter((t) => t.startsWith('[')).map((t) => t.slice(1, -1)));
      }
      assert.deepEqual(await axeFindings(page), [], `${path}, ${colorScheme}`);
      await context.close();
    }
  }
});
