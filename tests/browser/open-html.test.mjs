// What a page's HTML leaves open ends with its body: in real headless Chromium, the
// handbook's footer and navigation show on pages whose HTML leaves a comment, a
// `<textarea>` or a self-closed `<iframe />` open, and on an MDX page the self-closed
// frame is closed where it stands, so the heading after it shows too.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';

const fixture = new URL('../fixtures/errors/unclosed-html/', import.meta.url).pathname;
let work;
let browser;

before(async () => {
  assert.ok(process.env.OPSBOOK_BIN, 'OPSBOOK_BIN names the binary');
  work = mkdtempSync(join(tmpdir(), 'opsbook-open-html-'));
  cpSync(fixture, join(work, 'site'), { recursive: true });
  const frame = '# Frame\n\n<iframe title="Calendar" src="about:blank" />\n\n## After the frame\n\nText.\n';
  writeFileSync(join(work, 'site', 'content', 'frame.md'), frame);
  writeFileSync(join(work, 'site', 'content', 'jsx.mdx'), frame.replace('# Frame', '# JSX frame'));
  execFileSync(process.env.OPSBOOK_BIN, ['build', '--root', join(work, 'site'), '--out', join(work, 'public'), '--quiet']);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

for (const path of ['index.html', 'paste/index.html', 'frame/index.html', 'jsx/index.html']) {
  test(`the footer and navigation of ${path} show, whatever its HTML leaves open`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto('file://' + join(work, 'public', path));
    assert.ok(await page.locator('footer.site-footer').isVisible(), 'the footer shows');
    // The footer and the handbook's navigation are elements of their own, outside
    // every element of the page's content.
    const outside = await page.evaluate(() => ['footer.site-footer', '#site-nav'].map((selector) => {
      const element = document.querySelector(selector);
      return !!element && !element.closest('main, iframe, textarea, details, template');
    }));
    assert.deepEqual(outside, [true, true]);
    await page.close();
  });
}

test('on an MDX page a self-closed frame is closed where it stands', async () => {
  const page = await browser.newPage();
  await page.goto('file://' + join(work, 'public', 'jsx/index.html'));
  assert.ok(await page.locator('h2', { hasText: 'After the frame' }).isVisible());
  await page.goto('file://' + join(work, 'public', 'frame/index.html'));
  assert.equal(await page.locator('h2', { hasText: 'After the frame' }).count(), 0, 'in HTML the frame takes it in');
  await page.close();
});
