// Accessibility of the default theme (issue 18): axe-core finds no WCAG 2.1 A/AA
// violation on any page type of the bundled handbook, in the light and the dark scheme,
// whether the scheme comes from the system or from the theme switch; nor with the search
// results open, nor with the navigation drawer open on a phone.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './static-server.mjs';
import { launch, axeViolations, axeFindings } from './browser.mjs';

const book = process.env.BOOK_DIR;
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

/** Every page type: home, section with catalog, runbook, RCA, blog and post, the generated pages, 404. */
const PAGE_TYPES = [
  ['home', ''],
  ['section with runbook catalog', 'runbooks/'],
  ['section with incident catalog and roll-up', 'rca/'],
  ['runbook', 'runbooks/postgres-primary-failover/'],
  ['RCA', 'rca/2026-03-dns-resolver-outage/'],
  ['guide page with code and tables', 'guide/getting-started/'],
  ['search', 'search/?q=failover'],
  ['review', 'review/'],
  ['owners', 'owners/'],
  ['tags', 'tags/'],
  ['tag', 'tags/blameless/'],
  ['alerts', 'alerts/'],
  ['print page of a section', 'print/runbooks/'],
  ['blog with its posts', 'news/'],
  ['blog post', 'news/2026/11/23/blogs-and-minutes/'],
  ['authors', 'authors/'],
  ['author', 'authors/opsbook-maintainers/'],
  ['404', 'no-such-page/'],
];

const SCHEMES = [
  // [name, the system's scheme, the switch's stored choice]
  ['light', 'light', null],
  ['dark', 'dark', null],
  ['dark by the switch', 'light', 'dark'],
  ['light by the switch', 'dark', 'light'],
];

function report(violations) {
  return JSON.stringify(violations, null, 2);
}

for (const [scheme, system, stored] of SCHEMES) {
  test(`no axe violations on any page type, ${scheme}`, async () => {
    const context = await browser.newContext({ colorScheme: system });
    if (stored) await context.addInitScript((theme) => localStorage.setItem('opsbook-theme', theme), stored);
    const page = await context.newPage();
    const failures = [];
    for (const [name, path] of PAGE_TYPES) {
      await page.goto(server.url + path);
      if (stored) assert.equal(await page.getAttribute('html', 'data-theme'), stored);
      if (path.startsWith('search/')) await page.locator('#search-results .search-result-link').first().waitFor();
      const violations = await axeViolations(page);
      if (violations.length) failures.push(`${name} (/${path}): ${report(violations)}`);
    }
    await context.close();
    assert.deepEqual(failures, [], failures.join('\n'));
  });
}

test('no axe violations with the search results open, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(server.url + 'runbooks/');
    await page.locator('.search-form input').fill('failover');
    await page.locator('.search-form [role="option"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    const violations = await axeViolations(page);
    await context.close();
    assert.deepEqual(violations, [], `${colorScheme}: ${report(violations)}`);
  }
});

test('no axe violations with the navigation drawer open on a phone', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(server.url + 'runbooks/postgres-primary-failover/');
  await page.locator('.menu-button').click();
  const violations = await axeViolations(page);
  await context.close();
  assert.deepEqual(violations, [], report(violations));
});

test('the search page names its two search landmarks apart, and the search, alerts, blog and status pages pass the best practices', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'search/?q=failover');
  await page.locator('#search-results .search-result-link').first().waitFor();
  const names = await page.locator('[role="search"]').evaluateAll((forms) =>
    forms.map((form) => form.getAttribute('aria-label') || document.getElementById(form.getAttribute('aria-labelledby'))?.textContent));
  assert.deepEqual(names, ['Search the handbook', 'Search']);
  const failures = [];
  for (const path of ['search/?q=failover', 'alerts/', 'news/', 'status/']) {
    await page.goto(server.url + path);
    if (path.startsWith('search/')) await page.locator('#search-results .search-result-link').first().waitFor();
    const findings = await axeFindings(page);
    if (findings.length) failures.push(`/${path}: ${report(findings)}`);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
  await page.close();
});
