// A Hugo handbook's `main` menu as the bar across the top, in headless Chromium on a
// handbook built here: its links in Hugo's order, the current page marked, names of
// markup shown as text; on a phone it is a row of its own that scrolls sideways
// without widening the page; axe (WCAG 2.1 AA and best practices) finds nothing on it,
// in both colour schemes.
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

before(async () => {
  assert.ok(process.env.OPSBOOK_BIN, 'OPSBOOK_BIN names the binary');
  work = mkdtempSync(join(tmpdir(), 'opsbook-menu-'));
  write('book.toml', '[handbook]\ntitle = "Menu"\n');
  write('hugo.toml', "title = 'Menu'\n");
  let menus = `[[main]]\nname = '${MARKUP}'\nurl = '/zone/'\nweight = 90\n`;
  for (let i = 1; i <= 12; i++) menus += `[[main]]\nname = 'Entry number ${i}'\nurl = 'https://example.org/${i}'\nweight = ${i * 5}\n`;
  write('config/_default/menus.toml', menus);
  write('content/_index.md', '---\ntitle: Menu\n---\n\nHome.\n');
  write('content/docs/_index.md', '---\ntitle: Documentation\nlinkTitle: Docs\nmenu: {main: {weight: 1}}\n---\n\nThe docs.\n');
  write('content/docs/setup.md', '---\ntitle: Setup\n---\n\nSteps.\n');
  write('content/zone.md', '---\ntitle: Zone\n---\n\nThe zone.\n');
  ({ server, browser } = await buildAndServe(work, '/hb/'));
});

after(() => stopAndRemove({ server, browser }, work));

const open = (path, options) => openAt(browser, server.url + path, options);

test('the menu lists its entries in order and marks the current page', async () => {
  const { context, page } = await open('docs/');
  const names = await page.locator('.site-menu a').allTextContents();
  assert.equal(names[0], 'Docs');
  assert.equal(names[1], 'Entry number 1');
  assert.equal(names.at(-1), MARKUP, 'a name of markup is text');
  assert.equal(await page.locator('.site-menu a[aria-current="page"]').textContent(), 'Docs');
  assert.equal(await page.locator('.site-menu a').first().getAttribute('href'), '/hb/docs/');
  assert.equal(await page.locator('.site-menu img').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await context.close();
});

test('on a phone the menu scrolls in a row of its own and the page does not widen', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
  const page = await context.newPage();
  await page.goto(server.url + 'docs/setup/', { waitUntil: 'load' });
  const sizes = await page.evaluate(() => {
    const menu = document.querySelector('.site-menu');
    const title = document.querySelector('.site-title');
    return {
      page: document.documentElement.scrollWidth,
      view: window.innerWidth,
      menuScrolls: menu.scrollWidth > menu.clientWidth,
      below: menu.getBoundingClientRect().top >= title.getBoundingClientRect().bottom - 1,
    };
  });
  assert.ok(sizes.page <= sizes.view, `the page is ${sizes.page}px wide in ${sizes.view}px`);
  assert.ok(sizes.menuScrolls, 'twelve entries do not fit a phone: the row scrolls');
  assert.ok(sizes.below, 'the menu is a row below the title');
  await context.close();
});

test('axe finds nothing on a page with the menu', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await open('docs/setup/', { colorScheme });
    assert.deepEqual(await axeFindings(page), [], colorScheme);
    await context.close();
  }
});
