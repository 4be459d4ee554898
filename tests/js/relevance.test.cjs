// The relevance set (issue 19): queries an operator types, over the bundled handbook and
// some of the shared corpora, each with the page that must come first. Every expected
// page must be in the top 3; the mean reciprocal rank (MRR) is printed and must stay at
// 0.9 or more. The bundled handbook is BOOK_DIR (built by tests/browser/run.sh); the
// corpora are built here with OPSBOOK_BIN from OPSBOOK_CORPORA (default
// ../shared/corpora): without them the corpus queries are skipped visibly, and under
// CI=true they fail, as in tests/integration/corpora.rs. SEARCH_CLIENT points at another client to
// compare (the MRR before a change).
const zlib = require('node:zlib');
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const repo = path.join(__dirname, '..', '..');
const search = require(process.env.SEARCH_CLIENT || path.join(__dirname, 'search-client.cjs'));
const sets = require('./relevance/queries.json');
const ci = /^(true|1|yes)$/i.test((process.env.CI || '').trim());
const corpora = process.env.OPSBOOK_CORPORA || path.join(repo, '..', 'shared', 'corpora');

/** Builds a corpus like bench/snapshot-outputs.sh does; the output folder. */
function buildCorpus(name) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'opsbook-relevance-'));
  fs.cpSync(path.join(corpora, name), path.join(work, 'content'), { recursive: true });
  fs.writeFileSync(path.join(work, 'book.toml'), `[handbook]\ntitle = "${name}"\n[check]\nlinks = "warn"\n`);
  const run = spawnSync(process.env.OPSBOOK_BIN, ['build', '--out', path.join(work, 'public'), '--quiet'],
    { cwd: work, env: { ...process.env, OPSBOOK_TODAY: '2026-11-22' }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return { dir: path.join(work, 'public'), cleanup: () => fs.rmSync(work, { recursive: true, force: true }) };
}

/** The reciprocal ranks of a set's queries over the index in `site`. */
async function ranks(site, queries) {
  const engine = new search.Engine((name) => JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(site, 'search', name)))));
  // Phrases are checked against the text of each result's best section, as the browser does.
  engine.text = async (page, section) => {
    const record = await engine.record(page);
    const html = fs.readFileSync(path.join(site, record.url, 'index.html'));
    const start = record.ranges[section * 2] || 0;
    const part = html.subarray(start, start + (record.ranges[section * 2 + 1] || 0)).toString('utf8');
    return part.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ');
  };
  const rows = [];
  for (const [query, expected] of queries) {
    const found = await engine.search(query);
    const titles = [];
    for (const hit of found.results.slice(0, 10)) titles.push((await engine.record(hit.page)).title);
    const rank = titles.indexOf(expected) + 1;
    rows.push({ query, expected, rank, first: titles[0] || '' });
  }
  return rows;
}

const all = [];

function report(name, rows) {
  all.push(...rows);
  const mrr = rows.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) / rows.length;
  process.stdout.write(`# relevance ${name}: MRR ${mrr.toFixed(3)} over ${rows.length} queries\n`);
  for (const r of rows.filter((r) => r.rank !== 1)) {
    process.stdout.write(`#   ${JSON.stringify(r.query)}: rank ${r.rank || '>10'} (first: ${r.first})\n`);
  }
  return rows.filter((r) => !r.rank || r.rank > 3).map((r) => `${r.query} -> ${r.rank || '>10'}, first ${r.first}`);
}

test('the bundled handbook: the expected page in the top 3', { skip: !process.env.BOOK_DIR && 'BOOK_DIR is not set' }, async () => {
  assert.deepEqual(report('bundled handbook', await ranks(process.env.BOOK_DIR, sets.bundled)), []);
});

for (const name of Object.keys(sets).filter((n) => n !== 'bundled')) {
  test(`the ${name} corpus: the expected page in the top 3`, async (t) => {
    if (!fs.existsSync(path.join(corpora, name))) {
      assert.ok(!ci, `no corpora at ${corpora} under CI=true: fetch them there or set OPSBOOK_CORPORA`);
      process.stdout.write(`# skipped: no corpora at ${corpora} (set OPSBOOK_CORPORA): ${name} checks nothing\n`);
      t.skip('no corpora');
      return;
    }
    if (!process.env.OPSBOOK_BIN) { t.skip('OPSBOOK_BIN is not set'); return; }
    const built = buildCorpus(name);
    try {
      assert.deepEqual(report(name, await ranks(built.dir, sets[name])), []);
    } finally {
      built.cleanup();
    }
  });
}

test('the whole set: at least 40 queries, MRR 0.9 or more', { skip: !process.env.BOOK_DIR && 'BOOK_DIR is not set' }, () => {
  if (all.length < 40) return; // the corpora were skipped
  const mrr = all.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) / all.length;
  process.stdout.write(`# relevance: MRR ${mrr.toFixed(3)} over ${all.length} queries\n`);
  assert.ok(mrr >= 0.9, `MRR ${mrr.toFixed(3)}`);
});
