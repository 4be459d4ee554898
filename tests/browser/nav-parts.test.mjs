// An mdBook book's sidebar is its SUMMARY.md as mdBook draws it, in headless Chromium on
// a book built here: a part title is a heading (not a link), a draft chapter greyed
// text, a separator a line hidden from screen readers, the numbered chapters with their
// numbers, which screen readers skip; the page fits 320 px without sideways scrolling,
// and axe (WCAG 2.1 AA and best practices) finds nothing, in both colour schemes.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeFindings, buildAndServe, openAt, stopAndRemove, writeUnder } from './browser.mjs';

let work;
let server;
let browser;

const SUMMARY = `# Summary

[Introduction](README.md)

# Operations and incident response for the whole platform

- [Paging](ops/paging.md)
    - [Escalation](ops/escalation.md)
- [A chapter still being written]()
- [Databases](ops/db.md)

---

# Reference

- [Glossary](glossary.md)

[Contributors](contributors.md)
`;

before(async () => {
  assert.ok(process.env.OPSBOOK_BIN, 'OPSBOOK_BIN names the binary');
  work = mkdtempSync(join(tmpdir(), 'opsbook-nav-parts-'));
  const write = (path, text) => writeUnder(join(work, 'site'), path, text);
  write('book.toml', '[book]\ntitle = "Parts"\nsrc = "src"\n');
  write('src/SUMMARY.md', SUMMARY);
  write('src/README.md', '# Welcome\n');
  write('src/ops/paging.md', '# Paging people\n');
  write('src/ops/escalation.md', '# Escalating\n');
  write('src/ops/db.md', '# Databases\n');
  write('src/glossary.md', '# Glossary\n');
  write('src/contributors.md', '# Contributors\n');
  ({ server, browser } = await buildAndServe(work, '/hb/'));
});

after(() => stopAndRemove({ server, browser }, work));

test('part titles are headings, a draft is text, a separator is hidden, numbers are not read', async () => {
  const { context, page } = await openAt(browser, server.url + 'ops/escalation.html');
  const entries = await page.evaluate(() => Array.from(document.querySelectorAll('.nav-tree > li')).map((li) => ({
    text: li.textContent.trim(),
    link: li.querySelector('a') !== null,
    heading: li.querySelector('[role="heading"]') !== null,
    hidden: li.getAttribute('aria-hidden') === 'true',
  })));
  assert.deepEqual(entries.map((e) => e.text), ['Introduction', 'Operations and incident response for the whole platform',
    '1. Paging', '1.1. Escalation', '2. A chapter still being written', '3. Databases', '', 'Reference', '4. Glossary', 'Contributors']);
  assert.deepEqual(entries.filter((e) => e.heading).map((e) => e.text), ['Operations and incident response for the whole platform', 'Reference']);
  assert.deepEqual(entries.filter((e) => !e.link && !e.heading && !e.hidden).map((e) => e.text), ['2. A chapter still being written']);
  assert.equal(entries.filter((e) => e.hidden).length, 1, 'the separator');
  const headings = page.getByRole('heading', { name: 'Reference' });
  assert.equal(await headings.count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Glossary', exact: true }).count(), 1, 'the number is not part of the name');
  assert.equal(await page.getByRole('link', { name: /chapter still being written/ }).count(), 0, 'a draft is no link');
  assert.equal(await page.locator('.nav-tree a[aria-current="page"]').textContent(), '1.1. Escalation');
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [320, 1366]) {
    test(`the sidebar with parts fits ${width} px and passes axe (${colorScheme})`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
      const page = await context.newPage();
      await page.goto(server.url + 'ops/db.html', { waitUntil: 'load' });
      // On a small screen the sidebar is a drawer: opened, so that it is what is checked.
      if (width < 800) await page.locator('.menu-button').click();
      assert.ok(await page.getByRole('heading', { name: 'Reference' }).isVisible(), 'the sidebar is shown');
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
      assert.ok(widths.page <= widths.screen, `no sideways scrolling: ${JSON.stringify(widths)}`);
      assert.deepEqual(await axeFindings(page), []);
      await context.close();
    });
  }
}
