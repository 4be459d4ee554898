// Measures opsbook's search and Pagefind's on the same built site, in headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core), cold for every query:
//
// - bytes and time to the first five results with their excerpts, on a host that
//   compresses (gzip) and serves byte ranges and on a plain host that does neither;
//   every response but the harness page itself is counted, scripts included;
// - MRR@5 on the relevance set (the first relevant page's reciprocal rank in the top
//   five, 0 past it);
// - for each quoted phrase, how many of the pages whose text holds it each engine finds
//   (at any rank).
//
//   node measure.mjs SITE_DIR RELEVANCE_JSON HANDBOOK_ROOT > result.json
//
// SITE_DIR is opsbook's output with Pagefind's index in SITE_DIR/pagefind/ (the wrapper,
// run.sh, builds both). Two harness pages are written into SITE_DIR/__bench/.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

// playwright-core as run.sh installed it (NODE_MODULES_DIR: the folder holding node_modules).
const require = createRequire(path.join(process.env.NODE_MODULES_DIR || path.dirname(new URL(import.meta.url).pathname), 'package.json'));
const { chromium } = require('playwright-core');

const [site, relevanceFile, root] = process.argv.slice(2);
if (!site || !relevanceFile || !root) {
  console.error('usage: node measure.mjs SITE_DIR RELEVANCE_JSON HANDBOOK_ROOT');
  process.exit(2);
}
const relevance = JSON.parse(fs.readFileSync(relevanceFile, 'utf8'));

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.wasm': 'application/wasm',
};
// What a compressing host compresses: text. Pagefind's own files (.pagefind, .pf_*) are
// gzip already and go as they are on both hosts.
const COMPRESSED = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml']);

/** A static host over `dir`: `rich` compresses text with gzip (level 6, as nginx's
    gzip_comp_level default of most distributions' configs) and serves byte ranges;
    otherwise every file goes whole and as it is. */
function serve(dir, rich) {
  const gzipped = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(path.resolve(dir))) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    const ext = path.extname(file);
    const type = TYPES[ext] || 'application/octet-stream';
    let body = fs.readFileSync(file);
    const headers = { 'content-type': type, 'cache-control': 'no-store' };
    const range = rich && /^bytes=(\d+)-(\d*)$/.exec(req.headers.range || '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${body.length}`, 'accept-ranges': 'bytes' });
      res.end(body.subarray(start, end + 1));
      return;
    }
    if (rich) headers['accept-ranges'] = 'bytes';
    if (rich && COMPRESSED.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(body, { level: 6 }));
      body = gzipped.get(file);
      headers['content-encoding'] = 'gzip';
      headers.vary = 'accept-encoding';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      origin: `http://127.0.0.1:${server.address().port}`,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

// The harness pages: nothing but each engine's own scripts and a query run to five
// results with their excerpts. `window.__done` holds the ranked page addresses, the
// time from navigation start and the excerpts.
const OPSBOOK_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>opsbook</title>
<script src="/search-analysis.js" defer></script>
<script src="/search.js" data-root="/" defer></script>
<script>
document.addEventListener('DOMContentLoaded', async function () {
  var q = new URL(location.href).searchParams.get('q');
  var all = new URL(location.href).searchParams.get('all') === '1';
  var engine = OpsbookSearch.page.engine;
  var found = await engine.search(q);
  var top = all ? found.results : found.results.slice(0, 5);
  var shown = await Promise.all(top.map(function (hit, i) {
    return Promise.all([engine.record(hit.page), all ? null : engine.sections(hit.page, hit.sections)]).then(function (got) {
      var excerpt = '';
      if (got[1]) {
        var best = OpsbookSearch.bestSections(got[1], found, 3);
        // As the results show it (search-box.js): around the words in the section's
        // text; when only its heading has them, the heading highlighted first.
        var parts = best.length ? OpsbookSearch.snippet(best[0].text || '', found, 28) : [];
        if (best.length && !parts.some(function (p) { return p[1]; }) && best[0].heading) parts = OpsbookSearch.highlight(best[0].heading, found).concat(parts);
        excerpt = parts.map(function (p) { return p[1] ? '<mark>' + p[0] + '</mark>' : p[0]; }).join('');
      }
      return { url: got[0].url, excerpt: excerpt };
    });
  }));
  window.__done = { ms: performance.now(), results: shown, count: found.results.length };
});
</script></head><body><main><h1>opsbook</h1></main></body></html>`;

const PAGEFIND_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind</title>
<script type="module">
const params = new URL(location.href).searchParams;
const q = params.get('q');
const all = params.get('all') === '1';
const pagefind = await import('/pagefind/pagefind.js');
const found = await pagefind.search(q);
const top = all ? found.results : found.results.slice(0, 5);
const data = await Promise.all(top.map((r) => r.data()));
window.__done = { ms: performance.now(), results: data.map((d) => ({ url: d.url, excerpt: d.excerpt })), count: found.results.length };
</script></head><body><main><h1>Pagefind</h1></main></body></html>`;

fs.mkdirSync(path.join(site, '__bench'), { recursive: true });
fs.writeFileSync(path.join(site, '__bench', 'opsbook.html'), OPSBOOK_PAGE);
fs.writeFileSync(path.join(site, '__bench', 'pagefind.html'), PAGEFIND_PAGE);

/** A page address as both engines give it, for comparing: no leading slash, no
    fragment, no `index.html`, lower case. */
function normal(url) {
  return decodeURIComponent(url).replace(/#.*$/, '').replace(/^\/+/, '').replace(/index\.html$/, '').toLowerCase();
}

/** The published address of each source file, from opsbook's handbook.json. */
function addresses() {
  const handbook = JSON.parse(fs.readFileSync(path.join(site, 'handbook.json'), 'utf8'));
  const map = new Map();
  for (const page of handbook.pages) if (page.source) map.set(page.source.replace(/^content\//, ''), normal(page.url));
  return map;
}

/** The text of a page's Markdown as its reader reads it: the title of its front matter
    and its body, with link targets, HTML tags and the marks of emphasis, code, headings,
    quotes and tables out, white space folded, lower case. The phrases' ground truth: a
    page holds a phrase when its own text does (not the lists or links the site adds). */
function sourceText(markdown) {
  let body = markdown;
  let title = '';
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(markdown);
  if (front) {
    body = markdown.slice(front[0].length);
    const t = /^title:\s*(.*)$/m.exec(front[1]);
    if (t) title = t[1].replace(/^["']|["']$/g, '');
  }
  return (title + '\n' + body)
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[*_`#>|[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

async function run(browser, origin, engine, query, all) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  let scripts = 0;
  const files = [];
  const pending = [];
  page.on('requestfinished', (request) => {
    if (request.url().includes('/__bench/')) return;
    pending.push(request.sizes().then((sizes) => {
      const size = sizes.responseBodySize + sizes.responseHeadersSize;
      bytes += size;
      if (/\.(m?js|pagefind)$/.test(new URL(request.url()).pathname)) scripts += size;
      files.push(new URL(request.url()).pathname);
    }));
  });
  const url = `${origin}/__bench/${engine}.html?q=${encodeURIComponent(query)}${all ? '&all=1' : ''}`;
  await page.goto(url);
  await page.waitForFunction(() => window.__done, null, { timeout: 120000 });
  const done = await page.evaluate(() => window.__done);
  await Promise.all(pending);
  await context.close();
  return { ...done, bytes, scripts, files: files.length };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const where = addresses();
const out = { site: relevance.site, hosts: {}, relevance: {}, phrases: [] };
const engines = ['opsbook', 'pagefind'];
const queries = relevance.queries.map((entry) => {
  const relevant = entry.relevant.map((source) => {
    if (!where.has(source)) throw new Error(`${relevanceFile}: ${source} is no page of the site`);
    return where.get(source);
  });
  return { q: entry.q, relevant };
});

for (const [host, rich] of [['gzip+range', true], ['plain', false]]) {
  const server = await serve(site, rich);
  const rows = [];
  for (const { q, relevant } of queries) {
    const row = { q };
    for (const engine of engines) {
      const got = await run(browser, server.origin, engine, q, false);
      const ranked = got.results.map((r) => normal(r.url));
      const rank = ranked.findIndex((u) => relevant.includes(u)) + 1;
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      row[engine] = {
        bytes: got.bytes, scripts: got.scripts, ms: got.ms, files: got.files, rank, results: got.count,
        excerptsWithMark: got.results.filter((r) => /<mark>/.test(r.excerpt || '')).length,
        shown: got.results.length,
        top: ranked,
      };
      if (!words.length) throw new Error('empty query');
    }
    rows.push(row);
  }
  await server.close();
  out.hosts[host] = {
    rows,
    median: Object.fromEntries(engines.map((e) => [e, {
      bytes: median(rows.map((r) => r[e].bytes)),
      data: median(rows.map((r) => r[e].bytes - r[e].scripts)),
      ms: median(rows.map((r) => r[e].ms)),
    }])),
  };
}

for (const engine of engines) {
  const rows = out.hosts['gzip+range'].rows;
  const rr = rows.map((r) => (r[engine].rank ? 1 / r[engine].rank : 0));
  out.relevance[engine] = { queries: rows.length, mrr5: rr.reduce((a, b) => a + b, 0) / rows.length, misses: rows.filter((r) => !r[engine].rank).map((r) => r.q) };
}

// Phrases: the pages whose own text holds the phrase, against each engine's results.
const texts = new Map();
for (const [source, url] of where) {
  texts.set(url, sourceText(fs.readFileSync(path.join(root, 'content', source), 'utf8')));
}
const server = await serve(site, true);
for (const phrase of relevance.phrases || []) {
  const words = phrase.replace(/"/g, '').toLowerCase();
  const holding = [...texts].filter(([, text]) => text.includes(words)).map(([url]) => url);
  const row = { phrase, pages: holding.length };
  for (const engine of engines) {
    const got = await run(browser, server.origin, engine, phrase, true);
    const urls = new Set(got.results.map((r) => normal(r.url)));
    row[engine] = { found: holding.filter((u) => urls.has(u)).length, results: got.count, missing: holding.filter((u) => !urls.has(u)).slice(0, 5) };
  }
  out.phrases.push(row);
}
await server.close();
await browser.close();
console.log(JSON.stringify(out, null, 1));
