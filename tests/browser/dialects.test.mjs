// Accessibility of what other tools' syntax becomes (tabs, details, figures, video
// links, callouts, placeholders): the dialects fixture built and checked with axe-core
// in real headless Chromium, on each page's content.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const fixture = new URL('../fixtures/dialects/', import.meta.url).pathname;
let work;
let browser;

before(async () => {
  assert.ok(process.env.OPSBOOK_BIN, 'OPSBOOK_BIN names the binary');
  work = mkdtempSync(join(tmpdir(), 'opsbook-dialects-'));
  cpSync(fixture, join(work, 'site'), { recursive: true });
  execFileSync(process.env.OPSBOOK_BIN, ['build', '--root', join(work, 'site'), '--out', join(work, 'public'), '--quiet']);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

for (const path of ['runbooks/cache/index.html', 'runbooks/db/index.html', 'setup/install/index.html']) {
  test(`the dialects on ${path} have no accessibility violations`, async () => {
    const page = await browser.newPage();
    await page.goto('file://' + join(work, 'public', path));
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run('.content', { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] }));
    const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(violations, []);
    await page.close();
  });
}
