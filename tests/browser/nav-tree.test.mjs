// An MkDocs handbook's sidebar is its `nav:` as it nests, in headless Chromium on a
// handbook built here: a section over pages of several folders is a heading by its key
// that folds and unfolds on the page's path, three levels deep; a closed section leads
// to its first page; a link leaves the handbook; axe (WCAG 2.1 AA and best practices)
// finds nothing, in both colour schemes.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeFindings, buildAndServe, openAt, stopAndRemove, writeUnder } from './browser.mjs';

let work;
let server;
let browser;

const NAV = `site_name: Tree
nav:
  - Home: index.md
  - Guides:
    - Running: api/running.md
    - Deeper:
      - Part one: api/advanced/part-1.md
      - Contact: about/contact.md
  - About:
    - about/notes.md
  - Status: https://status.example.org/
`;

before(async () => {
  assert.ok(process.env.OPSBOOK_BIN, 'OPSBOOK_BIN names the binary');
  work = mkdtempSync(join(tmpdir(), 'opsbook-nav-tree-'));
  const write = (path, text) => writeUnder(join(work, 'site'), path, text);
  write('book.toml', '[handbook]\ntitle = "Tree"\n');
  write('mkdocs.yml', NAV);
  write('content/index.md', '# Welcome\n');
  write('content/api/running.md', '# How to run\n');
  write('content/api/advanced/part-1.md', '# The first part\n');
  write('content/about/contact.md', '# Contact us\n');
  write('content/about/notes.md', '# Release notes\n');
  ({ server, browser } = await buildAndServe(work, '/hb/'));
});

after(() => stopAndRemove({ server, browser }, work));

const open = (path, options) => openAt(browser, server.url + path, options);

/** The visible entries of the sidebar, indented by depth. */
const shown = (page) => page.evaluate(() => Array.from(document.querySelectorAll('.nav-tree > li'))
  .filter((li) => li.offsetParent !== null)
  .map((li) => '  '.repeat(Number(li.style.getPropertyValue('--depth'))) + li.querySelector('a').textContent));

test('the sections above the page are open, fold and unfold, and a page of another folder stands where nav: puts it', async () => {
  const { context, page } = await open('about/contact/');
  assert.deepEqual(await shown(page), ['Home', 'Guides', '  Running', '  Deeper', '    Part one', '    Contact', 'About', 'Status']);
  assert.equal(await page.locator('.nav-tree a[aria-current="page"]').textContent(), 'Contact');
  await page.locator('.nav-tree li.nav-section', { hasText: 'Guides' }).locator('.nav-toggle').first().click();
  assert.deepEqual(await shown(page), ['Home', 'Guides', 'About', 'Status'], 'folding hides the whole section');
  await context.close();
});

test('a closed section leads to its first page, and a link leaves the handbook', async () => {
  const { context, page } = await open('');
  assert.equal(await page.locator('.nav-tree a', { hasText: 'About' }).getAttribute('href'), '/hb/about/notes/');
  assert.equal(await page.locator('.nav-tree a', { hasText: 'Status' }).getAttribute('href'), 'https://status.example.org/');
  await page.locator('.nav-tree a', { hasText: 'Guides' }).click();
  await page.waitForURL(/api\/running\/$/);
  assert.deepEqual(await shown(page), ['Home', 'Guides', '  Running', '  Deeper', 'About', 'Status']);
  await context.close();
});

test('axe finds nothing on the nested sidebar', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await open('api/advanced/part-1/', { colorScheme });
    assert.deepEqual(await axeFindings(page), [], colorScheme);
    await context.close();
  }
});
