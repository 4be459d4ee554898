// End to end: `opsbook serve` on a copy of the fixture handbook, open in real headless
// Chromium. Saving a page reloads it by itself, at the same scroll position, and leaves
// pages it did not change alone; a broken save shows its error over the page until
// the fix.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';

const bin = process.env.OPSBOOK_BIN;
const fixture = process.env.FIXTURE_DIR;
let root;
let server;
let url;
let browser;

function save(path, text) {
  writeFileSync(path + '.tmp~', text);
  renameSync(path + '.tmp~', path);
}

before(async () => {
  assert.ok(bin && fixture, 'OPSBOOK_BIN and FIXTURE_DIR are set by run.sh');
  root = mkdtempSync(join(tmpdir(), 'opsbook-reload-'));
  cpSync(fixture, root, { recursive: true });
  // A long page, to scroll.
  const cache = join(root, 'content/runbooks/cache.md');
  const filler = Array.from({ length: 150 }, (_, i) => `Paragraph ${i} of the cache runbook.`).join('\n\n');
  writeFileSync(cache, readFileSync(cache, 'utf8') + '\n\n' + filler + '\n');
  // A page whose URL is not ASCII.
  writeFileSync(join(root, 'content/guides/日本.md'), '---\ntitle: Japan\n---\nKonnichiwa.\n');
  server = spawn(bin, ['serve', '--root', root, '--port', '0'], {
    env: { ...process.env, OPSBOOK_TODAY: '2026-11-15' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/(http:\/\/\S+\/)/);
      if (found) resolve(found[1]);
    });
    server.on('exit', (code) => reject(new Error(`opsbook serve exited with ${code}`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGINT');
  if (root) rmSync(root, { recursive: true, force: true });
});

test('a saved page reloads itself at the same scroll position; other pages stay', async () => {
  const cachePath = join(root, 'content/runbooks/cache.md');
  const page = await browser.newPage();
  await page.goto(url + 'runbooks/cache/');
  const other = await browser.newPage();
  await other.goto(url + 'runbooks/db/');
  // Wait until both listen to the server.
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.scrollTo(0, 1500); window.notReloaded = true; });
  await other.evaluate(() => { window.notReloaded = true; });

  save(cachePath, readFileSync(cachePath, 'utf8').replace('Flush it.', 'Flush it, then warm it up.'));
  await page.waitForFunction(() => document.body !== null && document.body.innerText.includes('then warm it up'), null, { timeout: 10000 });
  assert.equal(await page.evaluate(() => window.notReloaded), undefined, 'the page reloaded');
  await page.waitForFunction(() => Math.abs(window.scrollY - 1500) < 5, null, { timeout: 5000 });
  assert.equal(await other.evaluate(() => window.notReloaded), true, 'the other page did not reload');
  await page.close();
  await other.close();
});

test('a broken save shows its error over the page, and the fix clears it', async () => {
  const cachePath = join(root, 'content/runbooks/cache.md');
  const good = readFileSync(cachePath, 'utf8');
  const page = await browser.newPage();
  await page.goto(url + 'runbooks/cache/');
  await page.waitForTimeout(300);
  save(cachePath, good.replace('title: Cache flush', 'title: [Cache flush'));
  const overlay = page.locator('#opsbook-problems');
  await overlay.waitFor({ timeout: 10000 });
  assert.match(await overlay.textContent(), /content\/runbooks\/cache\.md:\d+/);
  // The page still shows the last good version.
  assert.ok((await page.textContent('main')).includes('Cache flush'));

  // A page opened while the error stands shows it at once.
  const late = await browser.newPage();
  await late.goto(url + 'runbooks/db/');
  await late.locator('#opsbook-problems').waitFor({ timeout: 10000 });

  save(cachePath, good.replace('Flush it', 'Flush it carefully'));
  await page.waitForFunction(() => document.body !== null && document.body.innerText.includes('Flush it carefully'), null, { timeout: 10000 });
  assert.equal(await page.locator('#opsbook-problems').count(), 0);
  await late.locator('#opsbook-problems').waitFor({ state: 'detached', timeout: 10000 });
  await page.close();
  await late.close();
});

test('a page whose URL is not ASCII reloads too', async () => {
  const path = join(root, 'content/guides/日本.md');
  const page = await browser.newPage();
  await page.goto(url + 'guides/' + encodeURIComponent('日本') + '/');
  await page.waitForTimeout(300);
  save(path, readFileSync(path, 'utf8').replace('Konnichiwa.', 'Konbanwa.'));
  await page.waitForFunction(() => document.body !== null && document.body.innerText.includes('Konbanwa.'), null, { timeout: 10000 });
  await page.close();
});
