// The reader's handbook (issue 18), in headless Chromium on the bundled handbook: the
// phone layout and its navigation drawer, the search combobox, copy buttons on code
// blocks, the table of contents following the reader, the theme switch, the keyboard
// shortcuts, the foldable navigation, and printing.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './static-server.mjs';
import { launch } from './browser.mjs';

const book = process.env.BOOK_DIR;
const PHONE = { viewport: { width: 390, height: 844 } };
let server;
let browser;

before(async () => {
  assert.ok(book, 'BOOK_DIR names the built bundled handbook');
  server = await serve(book, '/book/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page in its own context (storage, permissions, viewport). */
async function open(path, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(server.url + path);
  return { context, page };
}

const activeInfo = (page) => page.evaluate(() => ({
  inNav: document.getElementById('site-nav').contains(document.activeElement),
  isMenu: document.activeElement.classList.contains('menu-button'),
}));

test('on a phone the search icon opens a box and results the full width', async () => {
  for (const width of [360, 390, 430]) {
    const { context, page } = await open('runbooks/', { viewport: { width, height: 844 } });
    const icon = await page.locator('.search-form input').boundingBox();
    assert.ok(icon.width <= 48 && icon.height >= 24, `${width}: an icon in the header's row (${icon.width} x ${icon.height})`);
    await page.locator('.search-form input').click();
    const input = await page.locator('.search-form input').boundingBox();
    assert.ok(input.width >= 0.9 * width, `${width}: search box ${input.width}px wide`);
    await page.locator('.search-form input').fill('failover');
    await page.locator('.search-form [role="option"]').first().waitFor();
    const results = await page.locator('.search-dropdown').boundingBox();
    assert.ok(results.width >= 0.9 * width, `${width}: results ${results.width}px wide`);
    const option = await page.locator('.search-form [role="option"]').first().boundingBox();
    assert.ok(option.width >= 0.85 * width, `${width}: a result is ${option.width}px wide`);
    const header = await page.evaluate(() => document.querySelector('.site-header').scrollWidth <= window.innerWidth);
    assert.ok(header, `${width}: the header fits`);
    await context.close();
  }
});

test('skip links lead to the content and the navigation, and focus shows a thick ring', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await open('runbooks/postgres-primary-failover/', { colorScheme });
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return { width: style.outlineWidth, style: style.outlineStyle, color: style.outlineColor };
    });
    assert.deepEqual([ring.width, ring.style], ['3px', 'solid'], JSON.stringify(ring));
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to navigation');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.getElementById('site-nav').contains(document.activeElement)),
      'one Tab after the skip link reaches the navigation');
    await context.close();
  }
});

test('console blocks: prompts dropped, output left out, continued commands kept', async () => {
  const { context, page } = await open('guide/commands/');
  const copied = await page.evaluate(() => window.opsbookConsoleCommands([
    '$ kubectl get pods \\', '    -n kube-system', 'NAME   READY', 'coredns-1   1/1',
    '# systemctl restart kubelet', 'done', '$ echo "# not a prompt"', '',
  ].join('\n')));
  assert.equal(copied, 'kubectl get pods \\\n    -n kube-system\nsystemctl restart kubelet\necho "# not a prompt"');
  await context.close();
});

test('on a phone the menu opens a drawer that keeps focus and closes on Escape or outside', async () => {
  const { context, page } = await open('runbooks/postgres-primary-failover/', PHONE);
  const button = page.locator('.menu-button');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.ok(!(await page.locator('#site-nav').isVisible()), 'the drawer starts closed');
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await page.waitForFunction(() => getComputedStyle(document.getElementById('site-nav')).visibility === 'visible');
  assert.ok((await activeInfo(page)).inNav, 'focus moves into the drawer');
  // Tab and Shift-Tab many times: focus never leaves the drawer.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    assert.ok((await activeInfo(page)).inNav, `Tab ${i + 1} stays in the drawer`);
  }
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Shift+Tab');
    assert.ok((await activeInfo(page)).inNav, `Shift-Tab ${i + 1} stays in the drawer`);
  }
  await page.keyboard.press('Escape');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.ok((await activeInfo(page)).isMenu, 'focus returns to the menu button');
  // A click outside the drawer closes it too.
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await page.mouse.click(380, 600);
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await context.close();
});

test('on a phone the table of contents is a block above the content and tables scroll in a named region', async () => {
  const { context, page } = await open('guide/getting-started/', PHONE);
  const details = page.locator('.toc-details');
  assert.ok(await details.isVisible());
  assert.ok(!(await page.locator('.page-toc').isVisible()), 'no side column');
  const top = (await details.boundingBox()).y;
  const content = (await page.locator('.content').boundingBox()).y;
  assert.ok(top < content, 'above the content');
  await details.locator('summary').click();
  assert.ok(await details.locator('.toc a').first().isVisible());
  const wrap = page.locator('.content .table-wrap').first();
  assert.equal(await wrap.getAttribute('tabindex'), '0');
  assert.equal(await wrap.getAttribute('role'), 'region');
  assert.ok(await wrap.getAttribute('aria-label'));
  await context.close();
});

test('the search box is a combobox that announces the count and the active option', async () => {
  const { context, page } = await open('runbooks/');
  const input = page.locator('.search-form input');
  assert.equal(await input.getAttribute('role'), 'combobox');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  await input.fill('failover');
  await page.locator('.search-form [role="option"]').first().waitFor();
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  const listbox = page.locator('#' + (await input.getAttribute('aria-controls')));
  assert.equal(await listbox.getAttribute('role'), 'listbox');
  assert.match(await page.locator('.search-status').textContent(), /\d+ pages? match/);
  await page.keyboard.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  assert.ok(active);
  assert.equal(await page.locator('#' + active).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  await context.close();
});

test('a code block has its language and a copy button that copies the code', async () => {
  const { context, page } = await open('runbooks/postgres-primary-failover/');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const block = page.locator('.code-block').filter({ has: page.locator('pre[data-lang="bash"]') }).first();
  assert.equal(await block.locator('.code-lang').textContent(), 'bash');
  const code = await block.locator('pre code').textContent();
  const button = block.locator('button.copy-button');
  await button.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[role="status"].visually-hidden:not(.search-status)')?.textContent === 'Copied');
  assert.equal(await button.textContent(), 'Copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code.replace(/\n$/, ''));
  await context.close();
});

test('a console block copies only its commands, without prompts or output', async () => {
  const { context, page } = await open('guide/commands/');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const block = page.locator('.code-block').filter({ has: page.locator('pre[data-lang="console"]') }).first();
  const text = await block.locator('pre code').textContent();
  assert.match(text, /^\$ opsbook check\n/);
  const button = block.locator('button.copy-button');
  assert.match(await button.getAttribute('title'), /commands only/);
  await button.click();
  await page.waitForFunction((b) => b.textContent === 'Copied', await button.elementHandle());
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'opsbook check\nopsbook check --format github');
  await context.close();
});

test('without JavaScript a code block still shows its code and no dead button', async () => {
  const { context, page } = await open('guide/commands/', { javaScriptEnabled: false });
  assert.equal(await page.locator('button.copy-button').count(), 0);
  assert.ok(await page.locator('pre[data-lang="console"]').first().isVisible());
  assert.ok(!(await page.locator('.theme-button').isVisible()), 'the theme switch needs a script: hidden');
  await context.close();
});

test('the table of contents marks the section being read', async () => {
  const { context, page } = await open('runbooks/postgres-primary-failover/', { viewport: { width: 1400, height: 900 } });
  await page.locator('#rollback').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.getElementById('rollback').scrollIntoView({ block: 'start' }));
  const link = page.locator('.page-toc a[href="#rollback"]');
  await page.waitForFunction(() => document.querySelector('.page-toc a[href="#rollback"]').getAttribute('aria-current') === 'true');
  assert.equal(await link.getAttribute('aria-current'), 'true');
  assert.equal(await page.locator('.page-toc a[aria-current="true"]').count(), 1, 'one link at a time');
  await page.evaluate(() => document.getElementById('diagnosis').scrollIntoView({ block: 'start' }));
  await page.waitForFunction(() => document.querySelector('.page-toc a[href="#diagnosis"]').getAttribute('aria-current') === 'true');
  await context.close();
});

test('the theme switch persists across reloads and applies before the first paint', async () => {
  const context = await browser.newContext({ colorScheme: 'light' });
  // Record data-theme the moment <body> is parsed (before anything is painted) and at
  // DOMContentLoaded.
  await context.addInitScript(() => {
    const seen = {};
    window.__theme = seen;
    new MutationObserver((records, observer) => {
      if (document.body) { seen.atBody = document.documentElement.getAttribute('data-theme'); observer.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', () => { seen.atReady = document.documentElement.getAttribute('data-theme'); });
  });
  const page = await context.newPage();
  await page.goto(server.url + 'runbooks/');
  const button = page.locator('.theme-button');
  assert.match(await button.textContent(), /auto/);
  await button.click();
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  await button.click();
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.reload();
  assert.deepEqual(await page.evaluate(() => window.__theme), { atBody: 'dark', atReady: 'dark' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), background);
  assert.equal(background, 'rgb(13, 17, 23)', 'the dark background');
  // The highlighting follows the switch: the dark sheet on screen, the light one on paper.
  assert.deepEqual(await page.evaluate(() => Array.from(document.querySelectorAll('link[data-scheme]'), (l) => l.media)),
    ['print', 'screen']);
  assert.match(await button.textContent(), /dark/);
  await button.click();
  await page.reload();
  assert.equal(await page.getAttribute('html', 'data-theme'), null, 'back to auto');
  await context.close();
});

test('keyboard shortcuts: / searches, [ and ] turn pages, ? lists them', async () => {
  const { context, page } = await open('runbooks/postgres-primary-failover/');
  const next = await page.locator('.page-nav a[rel="next"]').getAttribute('href');
  const prev = await page.locator('.page-nav a[rel="prev"]').getAttribute('href');
  await page.keyboard.press('?');
  const dialog = page.locator('dialog.shortcuts-dialog');
  assert.ok(await dialog.isVisible());
  assert.match(await dialog.textContent(), /Previous page/);
  await page.keyboard.press('Escape');
  assert.ok(!(await dialog.isVisible()), 'Escape closes the list');
  await page.keyboard.press('/');
  assert.ok(await page.evaluate(() => document.activeElement.matches('.search-form input')));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.locator('h1').click();
  await page.keyboard.press(']');
  await page.waitForURL((url) => url.pathname === next);
  await page.keyboard.press('[');
  await page.waitForURL((url) => url.pathname.endsWith('/postgres-primary-failover/'));
  await page.keyboard.press('[');
  await page.waitForURL((url) => url.pathname === prev);
  await context.close();
});

test('the navigation folds, keeps the current branch open and remembers the rest for the session', async () => {
  const { context, page } = await open('runbooks/postgres-primary-failover/', { viewport: { width: 1400, height: 900 } });
  const runbooks = page.locator('.nav-item.open > .nav-toggle').first();
  assert.equal(await runbooks.getAttribute('aria-expanded'), 'true', 'the current branch is open');
  const guide = page.locator('.nav-item.has-toggle:not(.open) > .nav-toggle').first();
  assert.equal(await guide.getAttribute('aria-expanded'), 'false', 'other sections start folded');
  const name = await guide.getAttribute('aria-label');
  await guide.click();
  assert.equal(await guide.getAttribute('aria-expanded'), 'true');
  await page.locator('.page-nav a[rel="next"]').click();
  await page.waitForLoadState('load');
  const again = page.locator(`.nav-toggle[aria-label="${name}"]`);
  assert.equal(await again.getAttribute('aria-expanded'), 'true', 'remembered across pages');
  await context.close();
});

test('printed, no code block or table is wider than the page', async () => {
  for (const path of ['guide/getting-started/', 'guide/configuration/', 'rca/', 'print/runbooks/']) {
    const { context, page } = await open(path, { viewport: { width: 700, height: 1000 } });
    await page.emulateMedia({ media: 'print' });
    const wide = await page.evaluate(() => {
      const main = document.querySelector('main');
      const limit = main.clientWidth + 1;
      return Array.from(main.querySelectorAll('pre, table, .table-wrap')).filter((el) =>
        el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().width > limit,
      ).map((el) => `${el.tagName} ${el.scrollWidth}/${el.clientWidth}`);
    });
    assert.deepEqual(wide, [], path);
    assert.ok(!(await page.locator('.site-nav').isVisible()), 'no navigation on paper');
    assert.ok(!(await page.locator('.search-form').isVisible()), 'no search on paper');
    assert.equal(await page.locator('.copy-button:visible').count(), 0, 'no buttons on paper');
    await context.close();
  }
});

test('a section links its print page, which holds every page of the section', async () => {
  const { context, page } = await open('runbooks/');
  const link = page.locator('.page-actions a', { hasText: 'Print this section' });
  await link.click();
  await page.waitForURL(/\/book\/print\/runbooks\/$/);
  const titles = await page.locator('.printed-title').allTextContents();
  assert.ok(titles.includes('PostgreSQL primary failover'), titles.join(', '));
  assert.equal(titles.length, 6, titles.join(', '));
  assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex');
  await context.close();
});

test('on a wide screen tables use the whole column while text keeps its measure', async () => {
  const { context, page } = await open('rca/', { viewport: { width: 1920, height: 1000 } });
  const widths = await page.evaluate(() => ({
    text: document.querySelector('.content p').getBoundingClientRect().width,
    table: document.querySelector('.catalog .table-wrap').getBoundingClientRect().width,
  }));
  assert.ok(widths.text <= 52 * 16 + 1, JSON.stringify(widths));
  assert.ok(widths.table > widths.text + 100, JSON.stringify(widths));
  // The catalog comes before the section's text, and no card list repeats its pages.
  const order = await page.evaluate(() => {
    const catalog = document.querySelector('.catalog');
    const content = document.querySelector('.page > .content');
    return catalog.compareDocumentPosition(content) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, 'catalog first');
  assert.equal(await page.locator('.section-list').count(), 0, 'no second list of the same reviews');
  await context.close();
});
