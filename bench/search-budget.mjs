// Measures the search budgets on a built site: for typical queries (one and two words,
// typing mistakes, a quoted phrase), the bytes a browser transfers (manifest, shards,
// reversed shards, filter lists, page records, and the snippet files `s-<page>.json`:
// those a phrase is checked in and the top 10 results' sections, as search-box.js asks
// for them) and the time a query takes once its files are loaded; and the size of the
// whole index against the Markdown. Every index file is gzip at rest and counts as its
// bytes on disk, once.
//
//   node bench/search-budget.mjs SITE_DIR CONTENT_DIR [query ...]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const search = require('../tests/js/search-client.cjs');
const [site, content, ...given] = process.argv.slice(2);
if (!site || !content) {
  console.error('usage: node bench/search-budget.mjs SITE_DIR CONTENT_DIR [query ...]');
  process.exit(2);
}
const queries = given.length ? given : ['failover', 'disk pressure', 'certificate', 'kafka lag', 'rollback', 'incident review', 'dns',
  'replica promote', 'rollbak', 'ertificate', 'lailover', '"disk pressure"', '"blast radius"'];

function sizeOf(dir, filter) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) total += sizeOf(p, filter);
    else if (filter(entry.name)) total += fs.statSync(p).size;
  }
  return total;
}

const indexDir = path.join(site, 'search');
const indexBytes = sizeOf(indexDir, (n) => n.endsWith('.json') && !n.startsWith('index'));
const markdownBytes = sizeOf(content, (n) => /\.(md|markdown)$/i.test(n));
console.log(`index: ${(indexBytes / 1e6).toFixed(2)} MB = ${(100 * indexBytes / markdownBytes).toFixed(1)}% of ${(markdownBytes / 1e6).toFixed(1)} MB of Markdown`);

const rows = [];
for (const query of queries) {
  let bytes = 0;
  const parts = { manifest: 0, shards: 0, filters: 0, records: 0, snippets: 0 };
  const partOf = (name) =>
    /^[tr]-/.test(name) ? 'shards' : name.startsWith('p-') ? 'records' : name.startsWith('f-') ? 'filters' : name.startsWith('s/') ? 'snippets' : 'manifest';
  // The engine asks for each file once (it keeps what it loaded), as the browser does.
  const engine = new search.Engine((name) => {
    const packed = fs.readFileSync(path.join(indexDir, name));
    bytes += packed.length;
    parts[partOf(name)] += packed.length;
    return JSON.parse(zlib.gunzipSync(packed).toString('utf8'));
  });
  const found = await engine.search(query);
  for (const hit of found.results.slice(0, 10)) await engine.sections(hit.page, hit.sections);
  // Once its files are loaded, the query again: the time of the search itself.
  const runs = 20;
  const started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await engine.search(query);
  const ms = Number(process.hrtime.bigint() - started) / 1e6 / runs;
  const kB = (n) => Math.round(n / 1024);
  rows.push({ query, results: found.results.length, kB: kB(bytes), shards: kB(parts.shards), records: kB(parts.records), snippets: kB(parts.snippets), ms: ms.toFixed(1) });
}
console.table(rows);
const worst = rows.reduce((a, b) => (a.kB > b.kB ? a : b));
console.log(`largest transfer: ${worst.kB} kB ("${worst.query}"); slowest query: ${Math.max(...rows.map((r) => Number(r.ms)))} ms`);
