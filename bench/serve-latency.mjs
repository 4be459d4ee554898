#!/usr/bin/env node
// Edit latency of `opsbook serve`: from saving a file to the server answering with what
// the edit shows.
//
//   cargo build --release
//   node bench/serve-latency.mjs ROOT [--edits 10] [--pause 2000] [--spaced 300]
//        [--kinds body,title,...] [--bin target/release/opsbook] [--timeout 60000]
//        [--server-log FILE] [--poll-gap MS]
//
// bench/serve-latency.sh runs it on a generated 10,000-page handbook and on the company
// handbook of ../shared/corpora.
//
// Starts the server on a free port, then makes `--edits` edits of each kind the way
// editors save (write a temporary file, rename it over the page), each time asking for
// a page until it shows the edit. The kinds:
//   body            a line added to a page's text; the page shows it
//   title           a page's title; the page shows it
//   field           a front matter field shown in other pages' lists (a page's
//                   description); its section page shows it
//   section-title   a section's title (`_index.md`), shown in the navigation of every
//                   page; a page of another section shows it
//   section-weight  a section's weight, which moves it first in the navigation (each
//                   edit another section); a page of another section lists it first
//   add             a new page; its URL serves it
//   rename          an added page renamed; its new URL serves it
//   delete          a renamed page deleted; its URL answers 404
//   search          a new word added to a page's text; the search index finds it (the
//                   manifest names the shard where it sorts, and that shard holds it)
// `--server-log FILE` appends what the server prints on standard error to FILE (with
// OPSBOOK_SERVE_PHASES=1 in the environment, how long each phase of an edit took).
// `--poll-gap MS` waits MS milliseconds between the requests that ask whether an edit
// is served (default 0: back to back). Asking back to back keeps a core of a 2-core
// machine busy in the client and in the server's answers, which the rebuild then lacks:
// most for a delete, whose page is answered whole until it is gone; a gap measures the
// server with the cores to itself, to within the gap.
// Prints each latency and, per kind, the median and the worst; the files are restored
// afterwards. ROOT is changed while it runs: use a copy.
//
// `--pause` is the time between one edit being served and the next save (a person
// reading the result), during which the server brings the search index up to date.
// `--spaced MS` instead saves every MS milliseconds whether or not the last save is
// served yet (an editor saving as you pause while typing): each save is timed until it
// is served.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, appendFileSync, renameSync, unlinkSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const root = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
if (!root) {
  console.error('usage: node bench/serve-latency.mjs ROOT [--edits 10] [--pause 2000] [--spaced MS] [--kinds body,...] [--bin PATH]');
  process.exit(2);
}
const edits = Number(option('--edits', '10'));
const pause = Number(option('--pause', '2000'));
const spaced = option('--spaced', null) === null ? null : Number(option('--spaced', '300'));
const kinds = option('--kinds', 'body').split(',');
const bin = option('--bin', 'target/release/opsbook');
const timeout = Number(option('--timeout', '60000'));
const serverLog = option('--server-log', null);
const pollGap = Number(option('--poll-gap', '0'));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function startServer() {
  const started = performance.now();
  const child = spawn(bin, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk) => { errors += chunk; });
  if (serverLog) child.stderr.on('data', (chunk) => appendFileSync(serverLog, chunk));
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

function saveAtomically(path, text) {
  const temp = join(dirname(path), `.${Date.now()}${Math.random().toString(36).slice(2)}.opsbook-bench.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/// Sets front matter `key` to `value` in a page's text.
function setFront(text, key, value) {
  const end = text.indexOf('\n---', 4);
  const front = text.slice(0, end).split('\n').filter((line) => !line.startsWith(`${key}:`));
  front.push(`${key}: ${value}`);
  return front.join('\n') + text.slice(end);
}

/// Removes front matter `keys` (with their indented or listed lines) from a page's text.
function dropFront(text, keys) {
  const end = text.indexOf('\n---', 4);
  const kept = [];
  let dropping = false;
  for (const line of text.slice(0, end).split('\n')) {
    if (/^[^\s-][^:]*:/.test(line)) dropping = keys.some((key) => line.startsWith(`${key}:`));
    if (!dropping) kept.push(line);
  }
  return kept.join('\n') + text.slice(end);
}

async function get(url) {
  const response = await fetch(url);
  const bytes = Buffer.from(await response.arrayBuffer());
  // The search index's files are gzip-compressed JSON.
  const body = bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes;
  return { status: response.status, body: body.toString('utf8') };
}

/// Asks until `shows` says the answer shows the edit; the time from `started` to then.
async function served(url, shows, started) {
  for (;;) {
    const answer = await get(url);
    if (await shows(answer)) return performance.now() - started;
    if (performance.now() - started > timeout) throw new Error(`${url}: not served after ${timeout} ms`);
    if (pollGap > 0) await sleep(pollGap);
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
const at = (url) => new URL(url, server.url).href;
const sourceOf = (page) => join(root, page.source);
const isIndex = (page) => /(^|\/)_?index\.md$/.test(page.source ?? '');
const contentPages = handbook.pages.filter((p) => p.source && !isIndex(p));
// Top-level sections, by their URL's one folder.
const sections = handbook.pages.filter((p) => p.source && isIndex(p) && new URL(at(p.url)).pathname.split('/').filter(Boolean).length === 1);
const sectionOf = (page) => handbook.pages.find((p) => p.source && isIndex(p) && at(p.url) === new URL('..', at(page.url)).href);

function spread(list, count, offset = 7) {
  const step = Math.max(1, Math.floor(list.length / count));
  return Array.from({ length: Math.min(count, list.length) }, (_, i) => list[(i * step + offset) % list.length]);
}

const originals = new Map();
const remember = (file) => {
  if (!originals.has(file)) originals.set(file, existsSync(file) ? readFileSync(file, 'utf8') : null);
  return readFileSync(file, 'utf8');
};
const stamp = (kind, i) => `opsbench${kind.replace('-', '')}${i}x${Date.now()}`;
// Pages added by `add`, renamed by `rename`, deleted by `delete`: [file, url].
const added = [];

/// Each kind: `count` edits, each saving and returning [url, shows].
const EDITS = {
  body: (pages) => (i) => {
    const page = pages[i];
    const marker = stamp('body', i);
    saveAtomically(sourceOf(page), `${remember(sourceOf(page))}\n\nEdited: ${marker}\n`);
    return [at(page.url), (a) => a.body.includes(marker)];
  },
  title: (pages) => (i) => {
    const page = pages[i];
    const marker = stamp('title', i);
    saveAtomically(sourceOf(page), setFront(remember(sourceOf(page)), 'title', `"Title ${marker}"`));
    return [at(page.url), (a) => a.body.includes(marker)];
  },
  field: (pages) => (i) => {
    const page = pages[i];
    const marker = stamp('field', i);
    // A page's description, shown in its section's list of pages (and on its tag pages):
    // the section page shows it. (A runbook's severity shows only in a catalog, a
    // section with `default_kind`, and on `/alerts/`: looking for it on an ordinary
    // section page timed a change that never shows there.)
    saveAtomically(sourceOf(page), setFront(remember(sourceOf(page)), 'description', `"Described ${marker}"`));
    const section = sectionOf(page);
    if (!section) throw new Error(`${page.url} has no section page to show its description`);
    return [at(section.url), (a) => a.body.includes(marker)];
  },
  'section-title': () => (i) => {
    const section = sections[(i * 3 + 1) % sections.length];
    const other = contentPages.find((p) => !at(p.url).startsWith(at(section.url)));
    const marker = stamp('section-title', i);
    saveAtomically(sourceOf(section), setFront(remember(sourceOf(section)), 'title', `"Section ${marker}"`));
    return [at(other.url), (a) => a.body.includes(marker)];
  },
  'section-weight': () => {
    // Each edit moves another section first (a lower weight than any before): the
    // navigation of a page of another section lists it before every other section.
    const firstOf = (page) => {
      const body = page.slice(Math.max(0, page.indexOf('class="nav-tree"')));
      let best = null;
      for (const s of sections) {
        const found = body.indexOf(`href="${new URL(at(s.url)).pathname}"`);
        if (found >= 0 && (best === null || found < best[0])) best = [found, s];
      }
      return best && best[1];
    };
    let moved = null;
    return async (i) => {
      if (moved === null) {
        const first = firstOf((await get(at(contentPages[0].url))).body);
        moved = sections.filter((s) => s !== first);
      }
      const section = moved[i % moved.length];
      const other = contentPages.find((p) => !at(p.url).startsWith(at(section.url)));
      const shows = (a) => firstOf(a.body) === section;
      if (spaced === null && shows(await get(at(other.url)))) throw new Error(`${section.url} is first already`);
      saveAtomically(sourceOf(section), setFront(remember(sourceOf(section)), 'weight', String(-1000 - i)));
      return [at(other.url), shows];
    };
  },
  search: (pages) => (i) => {
    const page = pages[i];
    const marker = stamp('search', i);
    saveAtomically(sourceOf(page), `${remember(sourceOf(page))}\n\nEdited: ${marker}\n`);
    // The word is in the last shard whose first word is not after it.
    const findable = async (answer) => {
      if (answer.status !== 200) return false;
      const shards = JSON.parse(answer.body).shards;
      const n = Math.max(0, shards.filter((first) => first <= marker).length - 1);
      const shard = await get(at(`search/t-${n}.json`));
      return shard.status === 200 && JSON.parse(shard.body).w[marker] !== undefined;
    };
    return [at('search/manifest.json'), findable];
  },
  add: (pages) => (i) => {
    const near = pages[i];
    const name = `bench-added-${i}-${Date.now()}`;
    const file = join(dirname(sourceOf(near)), `${name}.md`);
    const url = new URL(`${name}/`, at(near.url).replace(/[^/]+\/$/, '')).href;
    const marker = stamp('add', i);
    // A copy of a page beside it (the fields its kind requires), with another title and
    // without what only one page may claim (its alerts, aliases and slug).
    const copy = dropFront(readFileSync(sourceOf(near), 'utf8'), ['alerts', 'aliases', 'slug']);
    const text = setFront(copy, 'title', `"Added ${marker}"`);
    saveAtomically(file, `${text}\n\nA page added: ${marker}.\n`);
    added.push([file, url, marker]);
    return [url, (a) => a.status === 200 && a.body.includes(marker)];
  },
  rename: () => (i) => {
    const [file, , marker] = added[i];
    const name = `bench-renamed-${i}-${Date.now()}`;
    const to = join(dirname(file), `${name}.md`);
    const url = new URL(`../${name}/`, added[i][1]).href;
    renameSync(file, to);
    added[i] = [to, url, marker];
    return [url, (a) => a.status === 200 && a.body.includes(marker)];
  },
  delete: () => (i) => {
    const [file, url] = added[i];
    unlinkSync(file);
    return [url, (a) => a.status === 404];
  },
};

const results = {};
try {
  for (const kind of kinds) {
    const make = EDITS[kind];
    if (!make) throw new Error(`no edit kind ${kind}; kinds: ${Object.keys(EDITS).join(', ')}`);
    const count = ['rename', 'delete'].includes(kind) ? Math.min(edits, added.length) : edits;
    const edit = make(spread(contentPages, count, kind.length * 13));
    const latencies = [];
    const waiting = [];
    for (let i = 0; i < count; i++) {
      if (spaced === null) {
        await sleep(pause);
        const started = performance.now();
        const [url, shows] = await edit(i);
        latencies.push(await served(url, shows, started));
      } else {
        const started = performance.now();
        const [url, shows] = await edit(i);
        waiting.push(served(url, shows, started).then((ms) => latencies.push(ms)));
        await sleep(spaced);
      }
    }
    await Promise.all(waiting);
    results[kind] = latencies;
    console.log(`${kind}: ${latencies.map((ms) => ms.toFixed(0)).join(' ')} ms`);
    // The next kind starts from a quiet server.
    await sleep(Math.max(pause, 2000));
  }
} finally {
  for (const [file, text] of originals) if (text !== null) saveAtomically(file, text);
  for (const [file] of added) if (existsSync(file)) unlinkSync(file);
  await sleep(2000);
  server.child.kill('SIGINT');
}
const mode = spaced === null ? `${pause} ms pause between edits` : `saves ${spaced} ms apart`;
console.log(`\n${mode}; ${pollGap > 0 ? `${pollGap} ms between polls; ` : ""}${contentPages.length} pages`);
console.log('kind            edits   median      max');
for (const [kind, latencies] of Object.entries(results)) {
  console.log(`${kind.padEnd(15)} ${String(latencies.length).padStart(5)} ${median(latencies).toFixed(0).padStart(6)} ms ${Math.max(...latencies).toFixed(0).padStart(6)} ms`);
}
