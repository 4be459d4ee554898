// Real Statuspage clients against a status page nothing is known of: Atlassian's
// `@statuspage/status-widget` in headless Chromium and the `statuspage.io` npm client in
// Node, both pinned in package.json. The handbook is tests/fixtures/status-measured (two
// measured components, one without checks), built as a status site at
// 2026-11-15T12:00:00Z twice: `--offline` without an earlier health.json, and against a
// Prometheus that cannot be reached (a closed port on 127.0.0.1). Neither client may
// read green or operational for the page or for the components that are unknown.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './static-server.mjs';
import { launch } from './browser.mjs';

const require = createRequire(import.meta.url);
const { Statuspage } = require('statuspage.io');
const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, '..', 'fixtures', 'status-measured');
// The widget's colour for `none` and `operational`.
const WIDGET_GREEN = 'rgb(46, 204, 113)';
const UNKNOWN = ['CDN', 'Object storage', 'Edge'];

let work;
let browser;
const builds = {};

/** A port on 127.0.0.1 that nothing listens on: taken, then given back. */
async function closedPort() {
  const server = net.createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/** Builds the fixture as a status site into `work`/`name` with `args` and `env`,
    puts the widget and a page embedding it beside it, and serves it. */
async function build(name, args, env = {}) {
  const out = path.join(work, name);
  const run = spawnSync(process.env.OPSBOOK_BIN,
    ['build', '--root', path.join(work, 'site'), '--status-site', '--out', out, ...args],
    { env: { ...process.env, ...env, SOURCE_DATE_EPOCH: '1794744000' }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /warning\[health-unavailable\]/);
  fs.copyFileSync(require.resolve('@statuspage/status-widget/dist/index.js'), path.join(out, 'widget.js'));
  const server = await serve(out, '/');
  fs.writeFileSync(path.join(out, 'embed.html'), `<!doctype html><html lang="en"><title>Embed</title>
<statuspage-widget src="${server.url}"></statuspage-widget>
<statuspage-widget src="${server.url}" appearance="badge"></statuspage-widget>
<script src="/widget.js"></script></html>`);
  return { server, stderr: run.stderr };
}

before(async () => {
  assert.ok(process.env.OPSBOOK_BIN, 'OPSBOOK_BIN names the opsbook binary');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'opsbook-status-clients-'));
  execFileSync('cp', ['-r', fixture, path.join(work, 'site')]);
  builds.offline = await build('offline', ['--offline']);
  const port = await closedPort();
  builds.unreachable = await build('unreachable', [], { OPSBOOK_PROMETHEUS_URL: `http://127.0.0.1:${port}` });
  assert.match(builds.unreachable.stderr, new RegExp(`127\\.0\\.0\\.1:${port}`));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const build of Object.values(builds)) await build.server.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

for (const name of ['offline', 'unreachable']) {
  test(`Atlassian's status widget shows no green for an unknown page (${name})`, async () => {
    const page = await browser.newPage();
    await page.goto(builds[name].server.url + 'embed.html');
    const widgets = page.locator('statuspage-widget');
    await page.locator('statuspage-widget .status-text').first().waitFor();
    await page.locator('statuspage-widget .status-indicator').nth(1).waitFor();
    const shown = await widgets.evaluateAll((all) => all.map((widget) => {
      const root = widget.shadowRoot ?? widget;
      const indicator = root.querySelector('.status-indicator');
      return {
        classes: indicator.className,
        text: (root.querySelector('.status-text') ?? indicator).textContent.trim(),
        colour: getComputedStyle(indicator).backgroundColor,
      };
    }));
    assert.equal(shown.length, 2);
    for (const widget of shown) {
      assert.ok(!/\b(none|operational)\b/.test(widget.classes), JSON.stringify(widget));
      assert.notEqual(widget.colour, WIDGET_GREEN, JSON.stringify(widget));
    }
    assert.equal(shown[0].text, 'Status unknown: no measurements');
    await page.close();
  });

  test(`the statuspage.io client reads the page and its unknown components as not operational (${name})`, async () => {
    const client = new Statuspage('opsbook');
    client.setApiUrl(builds[name].server.url);
    const status = await client.api.getStatus();
    assert.equal(status.status.indicator, 'minor');
    assert.equal(status.status.description, 'Status unknown: no measurements');
    const summary = await client.api.getSummary();
    assert.notEqual(summary.status.indicator, 'none');
    const states = Object.fromEntries((await client.api.getComponents()).components.map((c) => [c.name, c.status]));
    assert.deepEqual(Object.keys(states).sort(), [...UNKNOWN, 'DNS'].sort());
    for (const name of UNKNOWN) assert.notEqual(states[name], 'operational', `${name}: ${JSON.stringify(states)}`);
    assert.equal(states.DNS, 'operational', 'a component without checks keeps its incidents\' state');
    assert.deepEqual(summary.components.map((c) => [c.name, c.status]), (await client.api.getComponents()).components.map((c) => [c.name, c.status]));
  });
}
