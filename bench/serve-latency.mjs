#!/usr/bin/env node
// Edit latency of `opsbook serve`: from saving a page to the server answering with the
// new content.
//
//   cargo build --release
//   node bench/serve-latency.mjs ROOT [--edits 10] [--pause 2000] [--bin target/release/opsbook]
//
// bench/serve-latency.sh runs it on a generated 10,000-page handbook and on the company
// handbook of ../shared/corpora.
//
// Starts the server on a free port, then edits ROOT's pages one after another the way
// editors save (write a temporary file, rename it over the page), each time asking for
// the page until it shows the new text. Prints each latency, the median and the worst;
// the pages are restored afterwards. ROOT is changed while it runs: use a copy.
// `--pause` is the time between edits (a person reading the result), during which the
// server brings the search index up to date.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const root = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
if (!root) {
  console.error('usage: node bench/serve-latency.mjs ROOT [--edits 10] [--pause 2000] [--bin PATH]');
  process.exit(2);
}
const edits = Number(option('--edits', '10'));
const pause = Number(option('--pause', '2000'));
const bin = option('--bin', 'target/release/opsbook');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function startServer() {
  const started = performance.now();
  const child = spawn(bin, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk) => { errors += chunk; });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = out.match(/at (http:\/\/\S+\/)/);
      if (url) resolve({ child, url: url[1], startup: performance.now() - started, errors: () => errors });
    });
    child.on('exit', (code) => reject(new Error(`opsbook serve exited with ${code}:\n${errors}`)));
  });
}

function pickPages(handbook, count) {
  const pages = handbook.pages.filter((p) => p.source && !/(^|\/)_?index\.md$/.test(p.source));
  const step = Math.max(1, Math.floor(pages.length / count));
  return Array.from({ length: Math.min(count, pages.length) }, (_, i) => pages[(i * step + 7) % pages.length]);
}

function saveAtomically(path, text) {
  const temp = join(path, '..', `.${Date.now()}.opsbook-bench.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, path);
}

async function waitFor(url, marker) {
  for (;;) {
    const response = await fetch(url);
    const body = await response.text();
    if (body.includes(marker)) return;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const server = await startServer();
console.log(`server up in ${(server.startup / 1000).toFixed(2)} s at ${server.url}`);
const handbook = await (await fetch(server.url + 'handbook.json')).json();
const pages = pickPages(handbook, edits);
console.log(`${handbook.pages.length} pages; editing ${pages.length}, ${pause} ms apart`);
const latencies = [];
const originals = new Map();
try {
  for (const [i, page] of pages.entries()) {
    await sleep(pause);
    const file = join(root, page.source);
    const original = originals.get(file) ?? readFileSync(file, 'utf8');
    originals.set(file, original);
    const marker = `opsbookbenchedit${i}x${Date.now()}`;
    const started = performance.now();
    saveAtomically(file, `${original}\n\nEdited: ${marker}\n`);
    await waitFor(new URL(page.url, server.url).href, marker);
    const latency = performance.now() - started;
    latencies.push(latency);
    console.log(`edit ${i + 1}: ${page.url} ${latency.toFixed(1)} ms`);
  }
} finally {
  for (const [file, text] of originals) saveAtomically(file, text);
  await sleep(pause);
  server.child.kill('SIGINT');
}
const rebuilds = server.errors().split('\n').filter((line) => line.startsWith('Rebuilt'));
for (const line of rebuilds) console.log(`  server: ${line}`);
console.log(`median ${median(latencies).toFixed(1)} ms, worst ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} edits`);
