// Issue 33, parts 1 and 2, in Chromium on the bundled handbook (built under /book/ by
// run.sh): an alert's page (/alerts/<name>/ and its lower-case form) shows the
// runbook's first command, its jumps and the link to the whole runbook on the first
// screen of a phone and of a laptop, light and dark; an address under /alerts/ that no
// alert answers gets the 404 page naming the alert, with its links; axe-core (WCAG 2.1
// A/AA and best practices) finds nothing on either.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { serve } from './static-server.mjs';
import { launch } from './browser.mjs';

const book = process.env.BOOK_DIR;
const require = createRequire(import.meta.url);
const SCREENS = [{ width: 390, height: 844 }, { width: 1366, height: 900 }];
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

async function open(path, viewport, colorScheme = 'light') {
  const page = await browser.newPage({ viewport });
  await page.emulateMedia({ colorScheme });
  const response = await page.goto(server.url + path);
  return { page, status: response.status() };
}

/** axe-core's WCAG 2.1 A/AA and best-practice violations on `page`. */
async function axe(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Whether `locator`'s box lies wholly within the first screen. */
async function onFirstScreen(page, locator) {
  const box = await locator.boundingBox();
  const height = page.viewportSize().height;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

for (const viewport of SCREENS) {
  for (const scheme of ['light', 'dark']) {
    test(`an alert's page shows its first command and the runbook on the first screen (${viewport.width}px, ${scheme})`, async () => {
      const { page, status } = await open('alerts/NodeFilesystemAlmostFull/', viewport, scheme);
      assert.equal(status, 200);
      assert.equal((await page.locator('h1').textContent()).trim(), 'NodeFilesystemAlmostFull');
      const command = page.locator('.alert-steps pre').first();
      assert.match(await command.textContent(), /kubectl/);
      assert.ok(await onFirstScreen(page, command), 'the first command is on the first screen');
      assert.ok(await onFirstScreen(page, page.locator('.alert-runbook-link')), 'one tap to the runbook');
      assert.ok(await onFirstScreen(page, page.locator('.alert-kicker .severity')), 'the severity');
      const jumps = await page.locator('.alert-jumps a').evaluateAll((links) => links.map((a) => a.className));
      assert.deepEqual(jumps, ['jump-diagnosis', 'jump-mitigation', 'jump-escalation']);
      assert.deepEqual(await axe(page), []);
      await page.close();
    });
  }
}

test('the lower-case address shows the same page, and a section link goes on to the runbook', async () => {
  const { page, status } = await open('alerts/nodefilesystemalmostfull/', SCREENS[0]);
  assert.equal(status, 200);
  assert.equal((await page.locator('h1').textContent()).trim(), 'NodeFilesystemAlmostFull');
  await page.locator('.alert-runbook-link').click();
  await page.waitForURL(/\/book\/runbooks\/node-disk-pressure\/$/);
  // An alert rule's `runbook_url` with a section (`…/alerts/<name>/#mitigation`) lands there.
  await page.goto(server.url + 'alerts/NodeFilesystemAlmostFull/#mitigation');
  await page.waitForURL(/\/book\/runbooks\/node-disk-pressure\/#mitigation$/);
  await page.close();
});

for (const viewport of SCREENS) {
  for (const scheme of ['light', 'dark']) {
    test(`an alert without a runbook gets a 404 page that names it (${viewport.width}px, ${scheme})`, async () => {
      const { page, status } = await open('alerts/FrobnicatorOverheating/', viewport, scheme);
      assert.equal(status, 404);
      const help = page.locator('.missing-alert');
      assert.ok(await help.isVisible());
      assert.equal(await page.locator('.not-found-generic').isVisible(), false);
      assert.equal((await help.locator('h2 .alert-name').textContent()), 'FrobnicatorOverheating');
      assert.equal(await help.locator('a[href="/book/alerts/"]').count(), 1);
      assert.equal(await help.locator('.missing-alert-search').getAttribute('href'), '/book/search/?q=FrobnicatorOverheating');
      const write = await help.locator('.missing-alert-new').getAttribute('href');
      assert.ok(write.startsWith('https://github.com/opsbook/opsbook/new/main/content/runbooks?filename=FrobnicatorOverheating.md&value='), write);
      assert.match(decodeURIComponent(write), /alerts: \[FrobnicatorOverheating\]/);
      assert.equal(await page.locator('.search-form input').inputValue(), 'FrobnicatorOverheating');
      assert.deepEqual(await axe(page), []);
      await page.close();
    });
  }
}

test('an address in lower case proposes the runbook under the alert name as the handbook writes it', async () => {
  // The monitoring mixins link `/alerts/<name in lower case>/`; an incident review of
  // the bundled handbook names `BlackboxProbeFailed`, which has no runbook.
  const { page, status } = await open('alerts/blackboxprobefailed/', SCREENS[0]);
  assert.equal(status, 404);
  const help = page.locator('.missing-alert');
  assert.equal(await help.locator('h2 .alert-name').textContent(), 'BlackboxProbeFailed');
  const write = await help.locator('.missing-alert-new').getAttribute('href');
  assert.ok(write.includes('?filename=BlackboxProbeFailed.md&value='), write);
  assert.match(decodeURIComponent(write), /title: BlackboxProbeFailed\nkind: runbook\nalerts: \[BlackboxProbeFailed\]/);
  assert.deepEqual(await axe(page), []);
  await page.close();
  // A name the handbook does not write stays as the address has it.
  const other = await open('alerts/frobnicatoroverheating/', SCREENS[0]);
  assert.equal(await other.page.locator('.missing-alert h2 .alert-name').textContent(), 'frobnicatoroverheating');
  await other.page.close();
});

test('a 404 page elsewhere stays generic', async () => {
  const { page, status } = await open('no/such/page/', SCREENS[0]);
  assert.equal(status, 404);
  assert.equal(await page.locator('.missing-alert').isVisible(), false);
  assert.ok(await page.locator('.not-found-generic').isVisible());
  await page.close();
});

for (const viewport of SCREENS) {
  for (const scheme of ['light', 'dark']) {
    test(`the alerts table fits its column, reads as cards on a phone and filters (${viewport.width}px, ${scheme})`, async () => {
      const { page, status } = await open('alerts/', viewport, scheme);
      assert.equal(status, 200);
      const rows = page.locator('.alerts-table tbody tr');
      const total = await rows.count();
      assert.ok(total >= 5, `the bundled handbook's alerts: ${total}`);
      // Nothing wider than the screen: no sideways scrolling of the page or the table.
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: window.innerWidth,
        table: document.querySelector('.alerts-table').scrollWidth,
        column: document.querySelector('.alerts-table').clientWidth,
      }));
      assert.ok(widths.page <= widths.screen, `the page fits: ${JSON.stringify(widths)}`);
      assert.ok(widths.table <= widths.column + 1, `the table fits its column: ${JSON.stringify(widths)}`);
      const display = await rows.first().evaluate((row) => getComputedStyle(row).display);
      if (viewport.width < 800) {
        assert.equal(display, 'block', 'a card per alert');
        const label = await page.locator('.alerts-table td[data-label="Runbook"]').first()
          .evaluate((cell) => getComputedStyle(cell, '::before').content);
        assert.equal(label, '"Runbook"', 'each cell says what it is');
      } else {
        assert.equal(display, 'table-row');
      }
      // The filter keeps the rows holding every word, and says how many.
      const filter = page.locator('#alerts-filter-input');
      assert.ok(await filter.isVisible());
      assert.equal(await page.locator('label[for="alerts-filter-input"]').textContent(), 'Filter alerts');
      await filter.fill('certificate');
      const shown = await rows.evaluateAll((all) => all.filter((row) => !row.hidden).map((row) => row.textContent));
      assert.ok(shown.length > 0 && shown.length < total, `${shown}`);
      assert.ok(shown.every((text) => /certificate/i.test(text)), `every row shown holds the word: ${shown}`);
      assert.ok(await rows.filter({ hasText: 'PostgresPrimaryDown' }).isHidden());
      assert.match(await page.locator('.alerts-shown').textContent(), new RegExp(`^${shown.length} of ${total} alerts$`));
      await filter.fill('');
      assert.equal(await rows.evaluateAll((all) => all.filter((row) => !row.hidden).length), total);
      assert.deepEqual(await axe(page), []);
      await page.close();
    });
  }
}

test('without JavaScript the alerts table shows every alert and no dead filter box', async () => {
  const context = await browser.newContext({ viewport: SCREENS[0], javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + 'alerts/');
  assert.ok(!(await page.locator('.alerts-filter').isVisible()));
  assert.ok((await page.locator('.alerts-table tbody tr').count()) >= 5);
  await context.close();
});
