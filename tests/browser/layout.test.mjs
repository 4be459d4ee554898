// The reader's layout in headless Chromium: no page scrolls sideways. Every page of three
// handbooks (the bundled one, the starter of `opsbook init` and a handbook in English and
// German, fixtures/translated) is read at 320, 390 and 1280 px, light and dark: the
// document is no wider than the window and no element's box reaches past it, but inside
// a box that scrolls or clips it (a wide table's region, a code block).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './static-server.mjs';
import { axeFindings, launch } from './browser.mjs';

const bin = process.env.OPSBOOK_BIN;
const WIDTHS = [320, 390, 1280];
const SCHEMES = ['light', 'dark'];
const here = path.dirname(new URL(import.meta.url).pathname);
let work;
let browser;
const sites = [];

/** Builds the handbook at `root` into `work`/`name` at a pinned day. */
function build(root, name) {
  const out = path.join(work, name);
  execFileSync(bin, ['build', '--root', root, '--out', out, '--quiet'], { env: { ...process.env, OPSBOOK_TODAY: '2026-11-15' } });
  return out;
}

before(async () => {
  assert.ok(process.env.BOOK_DIR, 'BOOK_DIR names the built bundled handbook');
  assert.ok(bin, 'OPSBOOK_BIN names the binary');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'opsbook-layout-'));
  execFileSync(bin, ['init', path.join(work, 'starter')], { stdio: 'ignore' });
  const built = [
    ['the bundled handbook', process.env.BOOK_DIR, '/book/'],
    ['the starter', build(path.join(work, 'starter'), 'starter-public'), '/'],
    ['the translated handbook', build(path.join(here, 'fixtures', 'translated'), 'translated-public'), '/'],
  ];
  for (const [name, dir, base] of built) sites.push({ name, dir, server: await serve(dir, base), pages: pagesOf(dir) });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const site of sites) await site.server.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Every page a build wrote under `dir` (its address below the base), but redirects. */
function pagesOf(dir) {
  return fs.readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith('.html'))
    .filter((file) => !/<meta http-equiv="refresh"/.test(fs.readFileSync(path.join(dir, file), 'utf8')))
    .map((file) => file.split(path.sep).join('/').replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

/** What reaches past the window's right edge, or is cut at its left edge: the document's
    width, then each element whose visible part (after the boxes around it that scroll or
    clip) lies outside, by its tag and classes. The page may not hide the overflow. */
function overflowing() {
  const width = window.innerWidth;
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > width) found.push(`document ${root.scrollWidth}px`);
  for (const el of [root, document.body]) {
    if (/hidden|clip/.test(getComputedStyle(el).overflowX)) found.push(`${el.tagName} hides its overflow`);
  }
  const name = (el) => el.tagName.toLowerCase() + [...el.classList].map((c) => `.${c}`).join('');
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right <= width + 0.5 && box.left >= -0.5) continue;
    if (box.width === 0 || box.height === 0 || box.right <= 0) continue;
    if (getComputedStyle(el).visibility === 'hidden' || el.closest('[inert]')) continue;
    let left = box.left;
    let right = box.right;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX === 'visible') continue;
      const clip = up.getBoundingClientRect();
      left = Math.max(left, clip.left);
      right = Math.min(right, clip.right);
    }
    if (right - left > 0.5 && (right > width + 0.5 || left < -0.5)) found.push(`${name(el)} ${Math.round(left)}..${Math.round(right)}px`);
  }
  // Text that runs out of its element's box, when nothing else explains a wide document.
  if (found.length === 1 && root.scrollWidth > width) {
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.right > width + 0.5 && box.width > 0) found.push(`text "${node.data.trim().slice(0, 30)}" in ${name(node.parentElement)} ..${Math.round(box.right)}px`);
    }
  }
  return found;
}

test(`no page scrolls sideways at ${WIDTHS.join(', ')} px, ${SCHEMES.join(' and ')}`, async (t) => {
  const failures = [];
  for (const site of sites) {
    const context = await browser.newContext({ viewport: { width: WIDTHS[0], height: 800 } });
    const page = await context.newPage();
    const counts = Object.fromEntries(WIDTHS.map((w) => [w, new Set()]));
    for (const address of site.pages) {
      await page.goto(site.server.url + address, { waitUntil: 'domcontentloaded' });
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        for (const colorScheme of SCHEMES) {
          await page.emulateMedia({ colorScheme });
          const found = await page.evaluate(overflowing);
          if (!found.length) continue;
          counts[width].add(address);
          failures.push(`${site.name} /${address} at ${width}px, ${colorScheme}: ${found.slice(0, 4).join('; ')}`);
        }
      }
    }
    t.diagnostic(`${site.name}: ${site.pages.length} pages; overflowing at ${WIDTHS.map((w) => `${w}px: ${counts[w].size}`).join(', ')}`);
    await context.close();
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

/** The site of `name` and a fresh page of it at `width` px, in `colorScheme`. */
async function open(name, address, width, colorScheme = 'light') {
  const site = sites.find((s) => s.name === name);
  const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
  const page = await context.newPage();
  await page.goto(site.server.url + address, { waitUntil: 'load' });
  return { context, page };
}

/** The pieces of text under `selector` that break inside themselves: a piece runs from
    one break point a word may take (a space, a hyphen, a slash, a `<wbr>`) to the next;
    one that takes two lines although it would fit on one broke mid-word. */
function brokenWords(selector) {
  const broken = [];
  for (const box of document.querySelectorAll(selector)) {
    const room = box.getBoundingClientRect().width;
    const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      const pieces = node.data.split(/(?<=[\s\-/])/);
      let at = 0;
      for (const piece of pieces) {
        const word = piece.trimEnd();
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        at += piece.length;
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        const wide = [...range.getClientRects()].reduce((sum, r) => sum + r.width, 0);
        if (word && lines.size > 1 && wide <= room) broken.push(`${box.tagName.toLowerCase()}: "${word}"`);
      }
    }
  }
  return broken;
}

test('identifiers in headings and tables break at their parts, never mid-word where a part ends', async () => {
  const cases = [
    ['the translated handbook', 'runbooks/cinder-volume/'],
    ['the translated handbook', 'de/runbooks/cinder-volume/'],
    ['the translated handbook', 'de/alerts/'],
    ['the bundled handbook', 'alerts/'],
    ['the bundled handbook', 'review/'],
  ];
  for (const [name, address] of cases) {
    for (const width of WIDTHS) {
      const { context, page } = await open(name, address, width);
      const broken = await page.evaluate(brokenWords, 'main h1, main h2, main h3, main th, main td, main dd, main :not(pre) > code');
      assert.deepEqual(broken, [], `/${address} at ${width}px`);
      if (address.includes('cinder-volume')) {
        // The long name in the title wraps between its words, at a <wbr> the page put there.
        assert.ok(await page.locator('main h1 wbr').count() > 0, `/${address}: break points in the title`);
        assert.equal((await page.locator('main h1').textContent()).startsWith('CinderVolumeStuckAttaching '), true, 'the text is unchanged');
      }
      await context.close();
    }
  }
});

test('a page without contents keeps no empty column, and its tables are whole on a wide screen', async () => {
  for (const address of ['review/', 'alerts/', 'owners/', 'tags/', 'runbooks/', 'rca/']) {
    const { context, page } = await open('the bundled handbook', address, 1280);
    const sizes = await page.evaluate(() => {
      const layout = document.querySelector('.layout');
      const style = getComputedStyle(layout);
      return {
        toc: document.querySelector('.page-toc').getBoundingClientRect().width,
        main: Math.round(document.querySelector('main').getBoundingClientRect().right),
        edge: Math.round(layout.getBoundingClientRect().right - parseFloat(style.paddingRight)),
        cut: [...document.querySelectorAll('main .table-wrap')].map((w) => w.scrollWidth - w.clientWidth).filter((d) => d > 1),
      };
    });
    // A section's catalog has contents ("Runbooks"): its column stays.
    if (!/^(runbooks|rca)\//.test(address)) {
      assert.equal(sizes.toc, 0, `/${address}: no contents column`);
      assert.equal(sizes.main, sizes.edge, `/${address}: the page takes the column`);
    }
    assert.deepEqual(sizes.cut, [], `/${address}: no table cut`);
    await context.close();
  }
  // A table wider than a phone scrolls inside its own box, a named region one can focus.
  const { context, page } = await open('the translated handbook', 'de/runbooks/cinder-volume/', 390);
  const wrap = page.locator('main .table-wrap').first();
  assert.equal(await wrap.getAttribute('role'), 'region');
  assert.equal(await wrap.getAttribute('tabindex'), '0');
  assert.ok(await wrap.getAttribute('aria-label'));
  assert.ok(await wrap.evaluate((w) => w.scrollWidth > w.clientWidth), 'wider than the screen: it scrolls');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page does not');
  await context.close();
});

/** The header's boxes: its own, the title's and each control's shown, with its name. */
const headerBoxes = () => {
  const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
  const header = document.querySelector('.site-header');
  const shown = [...header.querySelectorAll('button, input, a')].filter((el) => el.getBoundingClientRect().width > 0 && getComputedStyle(el).visibility !== 'hidden');
  return {
    header: box(header),
    title: box(header.querySelector('.site-title')),
    theme: box(header.querySelector('.theme-button')),
    controls: shown.map((el) => ({ ...box(el), name: el.getAttribute('aria-label') || el.textContent.trim(), what: el.className || el.tagName })),
  };
};

test('on a phone the header is one row of icons with names, the theme never over the title', async () => {
  const cases = [
    ['the bundled handbook', 'runbooks/postgres-primary-failover/', ['Menu', 'opsbook Handbook', 'Search the handbook', 'Theme: auto']],
    ['the translated handbook', 'de/runbooks/cinder-volume/', ['Menü', 'Betriebshandbuch der Speicherplattform', 'Das Handbuch durchsuchen', 'Farbschema: automatisch', 'English', 'Deutsch']],
    ['the starter', '', ['Operations Handbook', 'Theme: auto']],
  ];
  for (const [name, address, names] of cases) {
    for (const width of [320, 390]) {
      for (const colorScheme of SCHEMES) {
        const { context, page } = await open(name, address, width, colorScheme);
        const boxes = await page.evaluate(headerBoxes);
        const where = `/${address} at ${width}px, ${colorScheme}`;
        assert.ok(boxes.header.bottom - boxes.header.top <= 64, `${where}: header ${boxes.header.bottom - boxes.header.top}px high`);
        for (const control of boxes.controls) {
          assert.ok(control.top >= boxes.header.top && control.bottom <= boxes.header.bottom, `${where}: ${control.what} in the row`);
          assert.ok(control.right <= width && control.left >= 0, `${where}: ${control.what} on the screen`);
        }
        assert.ok(boxes.theme.left >= boxes.title.right, `${where}: the theme button right of the title`);
        // Each control is named; the language links by their language's name.
        const shown = boxes.controls.map((c) => c.name.replace(/\s+/g, ' '));
        for (const word of names) assert.ok(shown.some((n) => n.includes(word)), `${where}: "${word}" in ${shown.join(' | ')}`);
        if (name === 'the translated handbook') {
          assert.equal(await page.getByRole('link', { name: 'Deutsch' }).count(), 1, 'the link says its language');
          assert.equal(await page.getByRole('button', { name: 'Menü' }).count(), 1);
        }
        // The search icon opens the box over the whole row.
        if (name !== 'the starter' || await page.locator('.search-form').count()) {
          await page.locator('.search-form input').click();
          const form = await page.locator('.search-form').boundingBox();
          assert.ok(form.width >= 0.9 * width, `${where}: search ${form.width}px wide`);
        }
        await context.close();
      }
    }
  }
});

test('an alert page\'s first command wraps on a phone, and the reader\'s choice is kept', async () => {
  const fits = (page) => page.locator('.alert-steps pre').first().evaluate((pre) => pre.scrollWidth <= pre.clientWidth);
  for (const [width, wrapped] of [[390, 'true'], [1366, 'false']]) {
    const { context, page } = await open('the bundled handbook', 'alerts/PostgresPrimaryDown/', width);
    const toggle = page.getByRole('button', { name: 'Wrap lines' });
    assert.equal(await toggle.getAttribute('aria-pressed'), wrapped, `${width}px: wrapped by default on a phone only`);
    if (wrapped === 'true') assert.ok(await fits(page), 'the whole command shows on a phone');
    await toggle.click();
    const now = wrapped === 'true' ? 'false' : 'true';
    assert.equal(await toggle.getAttribute('aria-pressed'), now);
    await page.reload();
    assert.equal(await toggle.getAttribute('aria-pressed'), now, `${width}px: kept across pages`);
    if (now === 'true') assert.ok(await fits(page), 'wrapped as chosen');
    assert.deepEqual(await axeFindings(page), []);
    await context.close();
  }
});

test('"Back to top" shows a screen down and covers nothing', async () => {
  for (const width of [390, 1280]) {
    const { context, page } = await open('the bundled handbook', 'guide/commands/', width);
    const button = page.locator('.back-to-top');
    assert.ok(!(await button.isVisible()), 'not at the top');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (const y of [1600, 3000, height]) {
      await page.evaluate((top) => window.scrollTo({ top, behavior: 'instant' }), y);
      // Up a little: on a phone the header comes back with the button.
      await page.evaluate(() => window.scrollBy({ top: -200, behavior: 'instant' }));
      await page.waitForTimeout(350);
      assert.ok(await button.isVisible(), `${width}px: shown at ${y}`);
      const under = await button.evaluate((b) => {
        const r = b.getBoundingClientRect();
        const points = [[r.left + 1, r.top + 1], [r.right - 1, r.top + 1], [r.left + 1, r.bottom - 1], [r.right - 1, r.bottom - 1], [(r.left + r.right) / 2, (r.top + r.bottom) / 2]];
        return points.flatMap(([x, y]) => document.elementsFromPoint(x, y))
          .filter((el) => !el.contains(b) && !b.contains(el) && el.closest('main, .site-nav a, .site-footer > *'))
          .map((el) => el.tagName.toLowerCase() + (el.className ? `.${el.className}` : ''));
      });
      if (width < 800) assert.ok(await button.evaluate((b) => !!b.closest('.site-header')), 'on a phone it is in the header');
      else assert.deepEqual(under, [], `${width}px at ${y}: nothing under it`);
    }
    await context.close();
  }
});

test('axe finds nothing, best practices included, on the pages the header and wrapping change', async () => {
  const cases = [
    ['the bundled handbook', 'runbooks/postgres-primary-failover/'],
    ['the bundled handbook', 'alerts/'],
    ['the translated handbook', 'de/runbooks/cinder-volume/'],
    ['the starter', ''],
  ];
  for (const [name, address] of cases) {
    for (const width of [320, 1280]) {
      for (const colorScheme of SCHEMES) {
        const { context, page } = await open(name, address, width, colorScheme);
        assert.deepEqual(await axeFindings(page), [], `/${address} at ${width}px, ${colorScheme}`);
        await context.close();
      }
    }
  }
});
