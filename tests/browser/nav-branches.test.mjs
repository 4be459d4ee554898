// Every branch of the navigation opens in place (issue 33, part 7), in headless Chromium
// on a handbook built here: a section off the page's path lists none of its pages in the
// page, and its toggle reads the section's branch file (nav/<name>.json) to list them,
// at any depth; a level cut to a window of 50 entries lists all its pages in place with
// one press of its "more" entry; what the reader opened stays open on the next page;
// nothing shifts when the toggles appear; without scripts the entries are links to the
// sections' pages, which list everything; axe (WCAG 2.1 AA and best practices) finds
// nothing with every branch open, at both sizes and in both colour schemes.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeFindings, countLayoutShifts, buildAndServe, stopAndRemove, writeUnder } from './browser.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const MARKUP = '<img src=x onerror="window.__xss=1"> & </script>';
let work;
let server;
let browser;

/** Writes `text` at `path` under the site's folder. */
function write(path, text) {
  writeUnder(join(work, 'site'), path, text);
}

before(async () => {
  assert.ok(process.env.OPSBOOK_BIN, 'OPSBOOK_BIN names the binary');
  work = mkdtempSync(join(tmpdir(), 'opsbook-nav-branches-'));
  write('book.toml', '[handbook]\ntitle = "Branches"\n');
  write('content/_index.md', '# Home\n');
  write('content/guide/_index.md', '# Guide\n');
  write('content/guide/a.md', '---\nweight: 1\n---\n# Guide A\n');
  write('content/guide/b.md', '---\nweight: 2\n---\n# Guide B\n');
  write('content/ops/_index.md', '# Ops\n');
  write('content/ops/deep/_index.md', '---\nweight: 0\n---\n# Deep\n');
  write('content/ops/deep/leaf.md', '# Leaf\n');
  write('content/ops/deep/deeper/_index.md', '# Deeper\n');
  write('content/ops/deep/deeper/bottom.md', '---\nweight: 1\n---\n# Bottom\n');
  // A title of markup: the script writes it as text.
  write('content/ops/deep/deeper/markup.md', `---\nweight: 2\ntitle: '${MARKUP}'\n---\nText.\n`);
  for (let i = 0; i < 60; i++) {
    const n = String(i).padStart(2, '0');
    write(`content/ops/page-${n}.md`, `---\nweight: ${i + 1}\n---\n# Page ${n}\n\n${'Some text. '.repeat(40)}\n`);
  }
  ({ server, browser } = await buildAndServe(work, '/hb/'));
});

after(() => stopAndRemove({ server, browser }, work));

/** Opens `path` in a fresh context, counting layout shifts and the branch files read. */
async function open(path, { viewport = DESKTOP, colorScheme = 'light', javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, javaScriptEnabled });
  await countLayoutShifts(context);
  const page = await context.newPage();
  const branches = [];
  page.on('request', (request) => { if (/\/hb\/nav\/[0-9a-f]{12}\.json$/.test(request.url())) branches.push(request.url()); });
  await page.goto(server.url + path, { waitUntil: 'load' });
  return { context, page, branches };
}

/** The navigation's visible entries, indented by depth. */
const outline = (page) => page.evaluate(() => Array.from(document.querySelectorAll('.nav-tree > li'))
  .filter((li) => li.offsetParent !== null)
  .map((li) => '  '.repeat(parseInt(li.style.getPropertyValue('--depth'), 10)) + (li.querySelector('a, .nav-show-all').textContent)));

const toggle = (page, title) => page.locator(`.nav-toggle[aria-label="Pages in ${title}"]`);

test('a section off the path lists its pages when unfolded, read from its branch file, at any depth', async () => {
  const { context, page, branches } = await open('guide/a/');
  assert.deepEqual(await outline(page), ['Guide', '  Guide A', '  Guide B', 'Ops']);
  assert.deepEqual(branches, [], 'nothing is read before the reader asks');
  await toggle(page, 'Ops').click();
  await page.locator('.nav-tree a', { hasText: 'Page 59' }).waitFor();
  const ops = await outline(page);
  assert.equal(ops.length, 4 + 61, 'every page of the section, none cut');
  assert.deepEqual(ops.slice(3, 7), ['Ops', '  Deep', '  Page 00', '  Page 01']);
  assert.equal(ops.at(-1), '  Page 59');
  assert.equal(branches.length, 1);
  // Deeper sections unfold the same way, each read once.
  await toggle(page, 'Deep').click();
  await page.locator('.nav-tree a', { hasText: 'Leaf' }).waitFor();
  await toggle(page, 'Deeper').click();
  await page.locator('.nav-tree a', { hasText: 'Bottom' }).waitFor();
  const deep = ['Ops', '  Deep', '    Deeper', '      Bottom', `      ${MARKUP}`, '    Leaf'];
  assert.deepEqual((await outline(page)).slice(3, 9), deep);
  assert.equal(branches.length, 3);
  assert.equal(await page.locator('.nav-tree a', { hasText: 'Bottom' }).getAttribute('href'), '/hb/ops/deep/deeper/bottom/');
  assert.equal(await page.locator('.nav-tree img').count(), 0, 'a title is text');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  // Folding hides the branch, and unfolding it again reads nothing.
  await toggle(page, 'Ops').click();
  assert.deepEqual(await outline(page), ['Guide', '  Guide A', '  Guide B', 'Ops']);
  await toggle(page, 'Ops').click();
  assert.deepEqual((await outline(page)).slice(3, 9), deep);
  assert.equal(branches.length, 3);
  // What the reader opened stays open on the next page of the session.
  await page.locator('.nav-tree a', { hasText: 'Guide B' }).click();
  await page.waitForURL((url) => url.pathname === '/hb/guide/b/');
  await page.locator('.nav-tree a', { hasText: 'Bottom' }).waitFor();
  assert.equal(await toggle(page, 'Deeper').getAttribute('aria-expanded'), 'true');
  await context.close();
});

test('a level cut to a window lists all its pages in place, in order, with one press', async () => {
  const { context, page, branches } = await open('ops/page-40/');
  const before = await outline(page);
  const more = page.locator('.nav-show-all');
  assert.equal(await more.textContent(), '11 more in Ops…');
  assert.equal(before.filter((t) => t.startsWith('  ') && !t.startsWith('    ')).length, 51, 'a window of 50 and the more entry');
  await more.click();
  await page.locator('.nav-tree a', { hasText: 'Page 59' }).waitFor();
  const after = await outline(page);
  const level = after.filter((t) => /^ {2}\S/.test(t));
  assert.deepEqual(level, ['  Deep', ...Array.from({ length: 60 }, (_, i) => `  Page ${String(i).padStart(2, '0')}`)]);
  assert.equal(await page.locator('.nav-show-all').count(), 0);
  assert.equal(new URL(page.url()).pathname, '/hb/ops/page-40/', 'the reader stays on the page');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Deep', 'focus goes to the first page that was not shown');
  assert.equal(await page.locator('.nav-tree a[aria-current="page"]').textContent(), 'Page 40');
  assert.equal(branches.length, 1);
  await context.close();
  // A window at the start of the level: the pages after it come before the more entry.
  const start = await open('ops/page-05/');
  await start.page.locator('.nav-show-all').click();
  await start.page.locator('.nav-tree a', { hasText: 'Page 59' }).waitFor();
  const all = (await outline(start.page)).filter((t) => /^ {2}\S/.test(t));
  assert.deepEqual(all, ['  Deep', ...Array.from({ length: 60 }, (_, i) => `  Page ${String(i).padStart(2, '0')}`)]);
  assert.equal(await start.page.evaluate(() => document.activeElement.textContent), 'Page 49');
  await start.context.close();
});

test('without scripts the entries lead to the sections, whose pages list everything', async () => {
  const { context, page } = await open('ops/page-40/', { javaScriptEnabled: false });
  assert.equal(await page.locator('.nav-toggle').count(), 0);
  assert.equal(await page.locator('.nav-more a').getAttribute('href'), '/hb/ops/');
  await page.goto(server.url + 'ops/');
  assert.equal(await page.locator('main a', { hasText: /^Page \d\d$/ }).count(), 60);
  await context.close();
});

test('nothing shifts while the toggles appear, and axe finds nothing with every branch open', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await open('guide/a/', { viewport, colorScheme });
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.__shift), 0, `layout shift at ${viewport.width}, ${colorScheme}`);
      if (viewport === PHONE) {
        await page.locator('.menu-button').click();
      }
      await toggle(page, 'Ops').click();
      await toggle(page, 'Deep').click();
      await page.locator('.nav-tree a', { hasText: 'Leaf' }).waitFor();
      const found = await axeFindings(page);
      assert.deepEqual(found, [], `${viewport.width}, ${colorScheme}`);
      await context.close();
    }
  }
});
