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
import { serve } from './static-server.mjs';

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

for (const path of ['runbooks/cache/index.html', 'runbooks/db/index.html', 'setup/install/index.html', 'setup/photos/index.html']) {
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

// Docsy's imgproc: the original file in the box Hugo's processed image has, on a phone
// too: Resize keeps the photo's shape, Fill cuts it to the box, nothing scrolls sideways;
// Docsy's feature blocks stand side by side where there is room.
for (const width of [320, 1024]) {
  test(`imgproc figures keep Hugo's boxes and Docsy's blocks fit at ${width}px`, async () => {
    const server = await serve(join(work, 'public'));
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(server.url + 'setup/photos/');
    await page.waitForFunction(() => [...document.querySelectorAll('.processed-image img')].every((i) => i.complete));
    const boxes = await page.locator('.processed-image img').evaluateAll((imgs) => imgs.map((img) => {
      const r = img.getBoundingClientRect();
      return { width: r.width, height: r.height, natural: img.naturalWidth, fit: getComputedStyle(img).objectFit };
    }));
    assert.equal(boxes.length, 2);
    assert.equal(boxes[0].natural, 1500, 'the original file is shown');
    assert.ok(Math.abs(boxes[0].width / boxes[0].height - 600 / 400) < 0.02, `Resize keeps the shape: ${JSON.stringify(boxes[0])}`);
    assert.ok(Math.abs(boxes[1].width / boxes[1].height - 400 / 450) < 0.02, `Fill cuts to the box: ${JSON.stringify(boxes[1])}`);
    assert.equal(boxes[1].fit, 'cover');
    assert.ok(boxes[0].width <= 600 && boxes[1].width <= 400, 'no wider than Hugo makes them');
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(scroll <= 0, `the page scrolls sideways by ${scroll}px`);
    const features = await page.locator('.docsy-feature').evaluateAll((fs) => fs.map((f) => f.getBoundingClientRect()));
    assert.equal(features.length, 2);
    if (width >= 1024) assert.equal(features[0].top, features[1].top, 'features side by side on a wide screen');
    else assert.ok(features[1].top > features[0].top, 'and one under the other on a phone');
    const caption = await page.locator('.processed-image figcaption').first().innerText();
    assert.match(caption, /Rack 4 after the move\.\s+Photo: the data centre team/);
    await page.close();
    await server.close();
  });
}
