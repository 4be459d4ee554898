// Diagrams the build cannot draw (issue 31, item 5): the reader's browser draws them with
// the Mermaid script the build writes beside the pages, loaded only when such a diagram
// comes near the screen, from the site itself (the fixture is served under a base path,
// and any request elsewhere fails the test); without JavaScript the page shows a note and
// the source; the drawn page has no accessibility violations.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, axeViolations } from './browser.mjs';
import { serve } from './static-server.mjs';

const fixture = new URL('../fixtures/diagrams/', import.meta.url).pathname;
let work;
let browser;
let server;

before(async () => {
  assert.ok(process.env.OPSBOOK_BIN, 'OPSBOOK_BIN names the binary');
  work = mkdtempSync(join(tmpdir(), 'opsbook-diagrams-'));
  cpSync(fixture, join(work, 'site'), { recursive: true });
  // A page whose diagram is far below the first screen, and one with none.
  const filler = Array.from({ length: 120 }, (_, i) => `Paragraph ${i} of the runbook.`).join('\n\n');
  // `info`: a type Mermaid draws and the build's renderer does not read.
  const info = '```mermaid\ninfo\n```\n';
  writeFileSync(join(work, 'site/content/drawn.md'), `---\ntitle: Drawn\n---\n\n${info}\n\`\`\`mermaid\nflowchart TD\n    A --> B\n\`\`\`\n`);
  writeFileSync(join(work, 'site/content/long.md'), `---\ntitle: Long\n---\n\n${filler}\n\n${info}`);
  writeFileSync(join(work, 'site/content/plain.md'), '---\ntitle: Plain\n---\n\nNo diagram here.\n');
  execFileSync(process.env.OPSBOOK_BIN, ['build', '--root', join(work, 'site'), '--out', join(work, 'public'),
    '--base-url', '/handbook/', '--quiet']);
  server = await serve(join(work, 'public'), '/handbook/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A page that records every request and fails any outside the test's server. */
async function openPage(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const requests = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(server.url)) route.continue(); else route.abort();
  });
  return { context, page, requests };
}

test('a diagram the build could not draw is drawn by the browser, from the site', async () => {
  const { context, page, requests } = await openPage();
  await page.goto(server.url + 'drawn/');
  const figure = page.locator('figure[data-mermaid]');
  await figure.locator('.diagram-drawing svg[role="img"]').waitFor({ timeout: 30000 });
  assert.equal(await figure.locator('.diagram-note').count(), 0, 'the note goes once drawn');
  assert.equal(await figure.locator('details.diagram-source').getAttribute('open'), null, 'the source is closed');
  assert.match(await figure.locator('.diagram-drawing svg').getAttribute('aria-label'), /^Info diagram$/);
  assert.ok(requests.some((url) => url === server.url + 'mermaid.min.js'), requests.join('\n'));
  assert.ok(requests.every((url) => url.startsWith(server.url)), requests.join('\n'));
  // The build's own drawings are untouched.
  assert.equal(await page.locator('figure.diagram-flowchart > svg.diagram-svg').count(), 1);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('a diagram Mermaid cannot draw either keeps its source, the note saying so', async () => {
  const { context, page } = await openPage();
  await page.goto(server.url + 'escalation/');
  const note = page.locator('figure[data-mermaid] .diagram-note');
  await page.waitForFunction(() => /could not be drawn/.test(document.querySelector('figure[data-mermaid] .diagram-note')?.textContent || ''), null, { timeout: 30000 });
  assert.match(await note.innerText(), /could not be drawn; its Mermaid source is shown below/);
  assert.ok(await page.locator('figure[data-mermaid] pre code').isVisible());
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('the script loads only when such a diagram comes near the screen', async () => {
  const { context, page, requests } = await openPage({ viewport: { width: 1000, height: 700 } });
  await page.goto(server.url + 'long/');
  await page.waitForTimeout(500);
  assert.ok(!requests.some((url) => url.endsWith('/mermaid.min.js')), 'not loaded for a diagram far below');
  await page.locator('figure[data-mermaid]').scrollIntoViewIfNeeded();
  await page.locator('figure[data-mermaid] .diagram-drawing svg').waitFor({ timeout: 30000 });
  assert.equal(requests.filter((url) => url.endsWith('/mermaid.min.js')).length, 1);
  await context.close();
  const plain = await openPage();
  await plain.page.goto(server.url + 'plain/');
  await plain.page.waitForTimeout(300);
  assert.ok(!plain.requests.some((url) => url.endsWith('/mermaid.min.js')), 'a page without one never loads it');
  await plain.context.close();
});

test('without JavaScript the page says what the source is', async () => {
  const { context, page } = await openPage({ javaScriptEnabled: false });
  await page.goto(server.url + 'escalation/');
  const figure = page.locator('figure[data-mermaid]');
  assert.match(await figure.locator('.diagram-note').innerText(), /drawn by your browser with JavaScript/);
  assert.ok(await figure.locator('pre code').isVisible(), 'the source is shown');
  await context.close();
});
