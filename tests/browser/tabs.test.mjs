// Tabs (issue 33, part 5): the tabs fixture built and read in real headless Chromium.
// Each group of panels is one WAI-ARIA tablist worked with the arrow keys, Home and End;
// a Docusaurus groupId switches every set of its group on the page and on the next page
// read, a queryString selects and records the tab in the address, MkDocs and Docsy sets
// follow the label chosen; without JavaScript every panel shows, each under its label.
// axe (WCAG 2.1 AA and best practices) finds nothing, on a phone and a desktop, light and
// dark.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';
import { serve } from './static-server.mjs';

const fixture = new URL('../fixtures/tabs/', import.meta.url).pathname;
let work;
let server;
let browser;

before(async () => {
  assert.ok(process.env.OPSBOOK_BIN, 'OPSBOOK_BIN names the binary');
  work = mkdtempSync(join(tmpdir(), 'opsbook-tabs-'));
  cpSync(fixture, join(work, 'site'), { recursive: true });
  execFileSync(process.env.OPSBOOK_BIN, ['build', '--root', join(work, 'site'), '--out', join(work, 'public'), '--quiet']);
  server = await serve(join(work, 'public'), '/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function open(path, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(server.url + path);
  return { context, page };
}

/** Each set of the page: its tabs' names and selection, and which panels show. */
const sets = (page) => page.evaluate(() => [...document.querySelectorAll('.tabs[data-tabs]')].map((set) => ({
  tabs: [...set.querySelectorAll(':scope > [role=tablist] > [role=tab]')].map((tab) => ({
    name: tab.textContent.trim(),
    selected: tab.getAttribute('aria-selected'),
    tabindex: tab.getAttribute('tabindex'),
    controls: tab.getAttribute('aria-controls'),
  })),
  shown: [...set.querySelectorAll(':scope > [role=tabpanel]')].filter((p) => !p.hidden).map((p) => p.id),
})));

const selected = (set) => set.tabs.filter((t) => t.selected === 'true').map((t) => t.name);

test('each set is a tablist with one tab in the tab order and one panel shown', async () => {
  const { context, page } = await open('install/packages/');
  const all = await sets(page);
  assert.equal(all.length, 3);
  for (const set of all) {
    assert.equal(set.shown.length, 1, JSON.stringify(set));
    const current = set.tabs.find((t) => t.selected === 'true');
    assert.equal(current.controls, set.shown[0]);
    assert.deepEqual(set.tabs.map((t) => t.tabindex), set.tabs.map((t) => (t === current ? '0' : '-1')));
  }
  assert.deepEqual(selected(all[0]), ['Fedora'], 'the TabItem marked default');
  assert.deepEqual(selected(all[2]), ['Command line'], 'else the first');
  const labelled = await page.evaluate(() => {
    const panel = document.querySelector('[role=tabpanel]:not([hidden])');
    return document.getElementById(panel.getAttribute('aria-labelledby')).getAttribute('role');
  });
  assert.equal(labelled, 'tab');
  await context.close();
});

test('arrows, Home and End move between tabs and show their panels', async () => {
  const { context, page } = await open('install/packages/');
  await page.locator('[role=tab][aria-selected=true]').nth(2).focus();
  const third = async () => (await sets(page))[2];
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(selected(await third()), ['Web console']);
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Web console');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(selected(await third()), ['Command line'], 'Right wraps to the first');
  await page.keyboard.press('ArrowLeft');
  assert.deepEqual(selected(await third()), ['Web console'], 'Left wraps to the last');
  await page.keyboard.press('Home');
  assert.deepEqual(selected(await third()), ['Command line']);
  await page.keyboard.press('End');
  assert.deepEqual(selected(await third()), ['Web console']);
  // A set without a groupId changes nothing else.
  const all = await sets(page);
  assert.deepEqual(selected(all[0]), ['Fedora']);
  await context.close();
});

test('a groupId switches every set of the group, on this page and the next, and the query string records it', async () => {
  const { context, page } = await open('install/packages/');
  await page.click('[role=tab]:text-is("macOS") >> nth=0');
  let all = await sets(page);
  assert.deepEqual(selected(all[0]), ['macOS']);
  assert.deepEqual(selected(all[1]), ['macOS']);
  assert.match(page.url(), /[?&]os=mac\b/, 'queryString writes the choice into the address');
  await page.goto(server.url + 'upgrade/steps/');
  all = await sets(page);
  assert.deepEqual(selected(all[0]), ['macOS'], 'remembered across pages');
  await page.goto(server.url + 'install/packages/?os=deb');
  all = await sets(page);
  assert.deepEqual(selected(all[0]), ['Debian'], 'the query string wins over the stored choice');
  await context.close();
});

test('MkDocs and Docsy sets follow the label chosen, across pages; ===+ is shown first', async () => {
  const { context, page } = await open('upgrade/steps/');
  let all = await sets(page);
  assert.equal(all.length, 3, '`===!` starts a second MkDocs set');
  assert.deepEqual(selected(all[1]), ['Linux']);
  assert.deepEqual(selected(all[2]), ['After']);
  await page.click('[role=tab]:text-is("Windows")');
  await page.goto(server.url + 'upgrade/restart/');
  all = await sets(page);
  assert.deepEqual(selected(all[0]), ['Windows'], 'the Docsy pane follows the label');
  assert.deepEqual(selected(all[1]), ['Notes'], 'persist=disabled keeps the first');
  await context.close();
});

test('without JavaScript every panel shows, in order, under its label', async () => {
  const { context, page } = await open('install/packages/', { javaScriptEnabled: false });
  const view = await page.evaluate(() => [...document.querySelectorAll('.tabs')].map((set) =>
    [...set.querySelectorAll(':scope > .tab-panel')].map((panel) => ({
      label: panel.querySelector('.tab-label').textContent,
      visible: panel.getBoundingClientRect().height > 0 && panel.querySelector('.tab-label').getBoundingClientRect().height > 0,
    }))));
  assert.deepEqual(view[0].map((p) => p.label), ['Debian', 'Fedora', 'macOS']);
  assert.ok(view.flat().every((p) => p.visible), JSON.stringify(view));
  assert.equal(await page.locator('[role=tablist]').count(), 0);
  await context.close();
});

test('the page without tabs loads no tab script', async () => {
  const { context, page } = await open('upgrade/plain/');
  assert.equal(await page.locator('script[src$="tabs.js"]').count(), 0);
  await context.close();
});

for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 900 }]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe finds nothing on the tabs pages at ${viewport.width}x${viewport.height}, ${colorScheme}`, async () => {
      const { createRequire } = await import('node:module');
      const require = createRequire(import.meta.url);
      for (const path of ['install/packages/', 'upgrade/steps/', 'upgrade/restart/']) {
        const { context, page } = await open(path, { viewport, colorScheme });
        // One tab chosen by keyboard, so the focused, selected state is checked too.
        await page.focus('[role=tab][aria-selected=true]');
        await page.keyboard.press('ArrowRight');
        await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
        const result = await page.evaluate(() => window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        }));
        const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assert.deepEqual(violations, [], `${path}`);
        await context.close();
      }
    });
  }
}
