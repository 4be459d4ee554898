// Translations, as a reader meets them in headless Chromium: a bilingual
// handbook (built here with OPSBOOK_BIN from files this test writes) has `lang` on the
// document and on a page's text not yet translated, `hreflang` alternates both ways, a
// language switch that is a labelled navigation landmark whose links say their language
// and lead to the same page in the other language, and axe-core (WCAG 2.0/2.1 A and AA)
// finds no violation on a translated page and on one shown for want of a translation.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './static-server.mjs';
import { launch } from './browser.mjs';

const bin = process.env.OPSBOOK_BIN;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let work;
let server;
let browser;

const files = {
  'book.toml': '[handbook]\ntitle = "Ops"\nbase-url = "https://ops.example.org/"\nlanguages = ["en", "de"]\nrepository = "https://github.com/kestrel/handbook"\n\n[status]\ncomponents = [ { id = "api", name = "API" } ]\n',
  'content/_index.md': '---\ntitle: Home\n---\nWelcome.\n',
  'content/runbooks/_index.md': '---\ntitle: Runbooks\n---\n',
  'content/runbooks/db.md': '---\ntitle: Database failover\n---\nFail over the database.\n',
  'content/runbooks/db.de.md': '---\ntitle: Datenbank-Failover\n---\nDie Datenbank umschalten.\n\n```sh\npg_ctl promote\n```\n',
  'content/runbooks/dns.md': '---\ntitle: DNS outage\n---\nResolvers lost their caches.\n',
  'content/runbooks/dns.de.md': '---\ntitle: DNS-Ausfall\n---\nDie Resolver verloren ihre Zwischenspeicher.\n',
  'content/runbooks/web.md': '---\ntitle: Web server\n---\nRestart the web server.\n',
  'content/runbooks/ports.md': '---\ntitle: Ports\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n\nBetween.\n\n| c | d |\n|---|---|\n| 3 | 4 |\n',
  'content/runbooks/ports.de.md': '---\ntitle: Ports\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n\nDazwischen.\n\n| c | d |\n|---|---|\n| 3 | 4 |\n',
  'content/runbooks/api.md': '---\ntitle: API recovery\nkind: runbook\nservice: api\nseverity: sev2\nowners: [api-team]\ntags: [api]\nalerts: [ApiDown, ApiSlow]\n---\nBring the API back.\n',
  'content/status/api-errors.md': '---\ntitle: API errors\nkind: incident\nstatus: resolved\nimpact: minor\nstarted_at: 2026-11-02T09:00:00Z\nresolved_at: 2026-11-02T10:00:00Z\ncomponents:\n  api: partial_outage\n---\nIt broke.\n',
};

before(async () => {
  assert.ok(bin, 'OPSBOOK_BIN names the binary');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'opsbook-languages-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
    fs.writeFileSync(path.join(work, name), text);
  }
  execFileSync(bin, ['build', '--root', work, '--out', path.join(work, 'public'), '--quiet']);
  server = await serve(path.join(work, 'public'), '/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function open(url) {
  const page = await browser.newPage();
  await page.goto(server.url + url);
  return page;
}

test('each language has its lang and names the other with hreflang', async () => {
  const page = await open('de/runbooks/db/');
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) =>
    links.map((l) => [l.hreflang, l.getAttribute('href')]));
  assert.deepEqual(alternates, [
    ['en', 'https://ops.example.org/runbooks/db/'],
    ['de', 'https://ops.example.org/de/runbooks/db/'],
    ['x-default', 'https://ops.example.org/runbooks/db/'],
  ]);
  await page.close();
});

test('the language switch is a labelled landmark that leads to the same page', async () => {
  const page = await open('runbooks/db/');
  const nav = page.getByRole('navigation', { name: 'Languages' });
  const link = nav.getByRole('link', { name: 'Deutsch' });
  assert.equal(await link.getAttribute('hreflang'), 'de');
  assert.equal(await link.getAttribute('lang'), 'de');
  assert.equal(await nav.getByRole('link', { name: 'English' }).getAttribute('aria-current'), 'page');
  await link.click();
  await page.waitForURL(/\/de\/runbooks\/db\/$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Datenbank-Failover');
  assert.ok(await page.getByRole('navigation', { name: 'Sprachen' }).isVisible());
  await page.close();
});

test('a page not yet translated says so in the reader language, its text in its own', async () => {
  const page = await open('de/runbooks/web/');
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal(await page.getAttribute('main', 'lang'), 'en');
  const notice = page.getByRole('note');
  assert.equal(await notice.getAttribute('lang'), 'de');
  assert.match(await notice.textContent(), /noch nicht übersetzt/);
  assert.equal(await page.getAttribute('link[rel="canonical"]', 'href'), 'https://ops.example.org/runbooks/web/');
  await page.close();
});

test('axe-core finds no violation on a translated page and on a page not yet translated', async () => {
  for (const url of ['de/runbooks/db/', 'de/runbooks/web/', 'runbooks/db/']) {
    const page = await open(url);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], url);
    await page.close();
  }
});

test('the German copies of the generated pages are German and accessible', async () => {
  // The alerts filter counts in German on the German alerts page, in English on the other.
  const alerts = await open('de/alerts/');
  await alerts.locator('#alerts-filter-input').fill('slow');
  assert.equal(await alerts.locator('.alerts-shown').textContent(), '1 von 2 Alarmen');
  assert.equal(await alerts.locator('.alerts-table tbody tr:not([hidden]) td a[href^="/de/runbooks/"]').textContent(), 'API recovery');
  await alerts.close();
  const english = await open('alerts/');
  await english.locator('#alerts-filter-input').fill('slow');
  assert.equal(await english.locator('.alerts-shown').textContent(), '1 of 2 alerts');
  await english.close();
  for (const url of ['de/alerts/', 'de/owners/', 'de/tags/api/', 'de/status/', 'de/status/api-errors/']) {
    const page = await open(url);
    assert.equal(await page.getAttribute('html', 'lang'), 'de', url);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], url);
    await page.close();
  }
  // The theme's script writes its words in German on a German page, in English elsewhere.
  const db = await open('de/runbooks/db/');
  assert.equal(await db.locator('.copy-button').first().textContent(), 'Kopieren');
  // The page's tools are icons named in German (their hidden text and their tooltip).
  const tools = await db.locator('.page-actions a.page-tool').evaluateAll((all) => all.map((a) => [a.textContent, a.title]));
  assert.deepEqual(tools, [['Bearbeiten', 'Bearbeiten'], ['Quelltext', 'Quelltext'], ['Verlauf', 'Verlauf']]);
  assert.equal(await db.locator('.theme-button').textContent(), 'Farbschema: automatisch');
  await db.locator('.theme-button').click();
  assert.equal(await db.locator('.theme-button').textContent(), 'Farbschema: hell');
  await db.keyboard.press('?');
  assert.equal(await db.locator('#shortcuts-title').textContent(), 'Tastenkürzel');
  await db.close();
  const web = await open('runbooks/web/');
  assert.equal(await web.locator('.theme-button').textContent(), 'Theme: auto');
  await web.close();
  // The German status page says its states in German.
  const status = await open('de/status/');
  assert.equal(await status.locator('.status-banner-text').textContent(), 'Alle Systeme betriebsbereit');
  await status.close();
});

test('regions that share a name are told apart in the language of the page', async () => {
  for (const [url, names] of [['de/runbooks/ports/', ['Tabelle 1 von 2', 'Tabelle 2 von 2']], ['runbooks/ports/', ['Table 1 of 2', 'Table 2 of 2']]]) {
    const page = await open(url);
    await page.waitForFunction(() => document.querySelector('main .table-wrap[aria-label$=" 2"]'));
    assert.deepEqual(await page.locator('main .table-wrap').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label'))), names, url);
    await page.close();
  }
});

test('a German page searches the German site, stemmed in German, and its search page is German', async () => {
  const page = await open('de/runbooks/web/');
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const box = page.locator('.search-form input');
  // A plural no page uses: found by its German stem, at its German address.
  await box.fill('Zwischenspeichern');
  const first = page.locator('.search-form .search-results a.search-result-link').first();
  await first.waitFor({ timeout: 5000 });
  assert.equal(await first.locator('.search-result-title').textContent(), 'DNS-Ausfall');
  assert.match(await first.getAttribute('href'), /^\/de\/runbooks\/dns\/(#.+)?$/);
  // A page not yet translated is found in the German site too.
  await box.fill('restart');
  await page.waitForFunction(() => [...document.querySelectorAll('.search-form .search-result-title')].some((t) => t.textContent === 'Web server'), null, { timeout: 5000 });
  assert.match(await page.locator('.search-form a.search-result-link').first().getAttribute('href'), /^\/de\/runbooks\/web\//);
  const index = requested.filter((p) => p.includes('/search/') && p.endsWith('.json'));
  assert.ok(index.length > 0 && index.every((p) => p.startsWith('/de/search/')), index.join(', '));
  // Submitting leads to the German search page, which searches the German index.
  await box.fill('Datenbanken');
  await box.press('Enter');
  await page.waitForURL(/\/de\/search\/\?q=Datenbanken$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  const titles = page.locator('#search-results .search-result-title');
  await titles.first().waitFor({ timeout: 5000 });
  assert.deepEqual(await titles.allTextContents(), ['Datenbank-Failover']);
  // The search script's words are German on a German page, English on an English one.
  assert.equal(await page.locator('#search-results .search-count').textContent(), '1 Seite');
  const box2 = page.locator('.search-form input');
  await box2.fill('qxqxzvzv');
  await page.locator('.search-form .search-empty').waitFor({ timeout: 5000 });
  assert.equal(await page.locator('.search-form .search-empty').textContent(), 'Keine Seite passt.');
  await page.close();
  // The English site's search knows no German page.
  const english = await open('search/?q=Datenbanken');
  await english.waitForFunction(() => document.querySelector('#search-results')?.textContent.trim().length > 0, null, { timeout: 5000 });
  assert.equal(await english.locator('#search-results .search-result-title').count(), 0);
  assert.equal(await english.locator('#search-results .search-empty').textContent(), 'No pages match.');
  await english.close();
});
