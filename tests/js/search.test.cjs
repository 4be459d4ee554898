// The search client's pure parts under Node: text handling identical to the Rust side,
// number decoding, query parsing, shard lookup, and ranking and filtering against the
// index of the model fixture (built by tests/browser/run.sh into SITE_DIR).
const zlib = require('node:zlib');
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const search = require('./search-client.cjs');

test('folds and splits words like crates/search/src/search_index/text.rs', () => {
  assert.deepEqual(search.words('Übergabe: kafka-consumer_groups.sh, pg_stat (v2)'), ['ubergabe', 'kafka', 'consumer', 'groups', 'sh', 'pg', 'stat', 'v2']);
  assert.deepEqual(search.words('日本語 ÉCOLE'), ['日本', '本語', 'ecole'], 'CJK text as pairs of characters');
  assert.equal(search.fold('U\u0308bergabe'), 'ubergabe');
  assert.equal(search.fold('ページ'), 'ページ');
  assert.equal(search.fold('Ελλάδα'), 'ελλαδα');
  assert.equal(search.fold('Straße'), 'strasse');
  assert.deepEqual(search.words('a I x9 ok'), ['x9', 'ok'], 'one-character words are not indexed');
});

test('cuts CJK text into overlapping pairs of characters, the letters next to it words of their own', () => {
  assert.deepEqual(search.words('イベント'), ['イベ', 'ベン', 'ント']);
  assert.deepEqual(search.words('ga4で収集'), ['ga4', 'で収', '収集']);
  assert.deepEqual(search.words('Kubernetesのノード'), ['kubernetes', 'のノ', 'ノー', 'ード']);
  assert.deepEqual(search.words('数据库 데이터'), ['数据', '据库', '데이', '이터']);
  assert.deepEqual(search.words('A社 社'), [], 'a CJK character alone is not indexed');
  const parsed = search.parseQuery('"イベント" データ', []);
  assert.deepEqual(parsed.phrases, [['イベ', 'ベン', 'ント']], 'a quoted CJK word is a phrase of its pairs');
  assert.deepEqual(parsed.groups.map((g) => g.words), [['イベ', 'ベン', 'ント'], ['デー', 'ータ']]);
  assert.equal(search.tolerance('イベ'), 0, 'no typing mistake in a CJK pair');
  assert.equal(search.tolerance('kubernetes'), 2);
  assert.equal(new search.analysis.Analyzer('en').stem('イベ'), 'イベ', 'a pair is its own stem');
});

test('highlights the matching stretch of CJK text, and counts two of its characters as a word', () => {
  const analyzer = new search.analysis.Analyzer('ja');
  const found = { analyzer, terms: ['イベ', 'ベン', 'ント'], stems: ['イベ', 'ベン', 'ント'], prefix: false };
  const text = 'ga4で収集されるすべてのデータはイベントとして追跡されます。' + 'あいうえおかきくけこ'.repeat(10);
  const parts = search.snippet(text, found, 10);
  assert.deepEqual(parts.filter((p) => p[1]).map((p) => p[0]), ['イベント']);
  const shown = parts.map((p) => p[0]).join('');
  assert.ok(shown.length < 30 && shown.includes('イベント'), `about ten words of two characters: ${shown}`);
  assert.deepEqual(search.highlight('GA4のイベント一覧', found), [['GA4の', false], ['イベント', true], ['一覧', false]]);
  assert.deepEqual(search.highlight('pg_stat', { analyzer, terms: ['stat'], stems: ['stat'], prefix: false }), [['pg', false], ['_', false], ['stat', true]]);
});

test('decodes the compact numbers of crates/search/src/search_index/encode.rs', () => {
  assert.deepEqual(search.decode('5w1'), [5, 32]);
  assert.deepEqual(search.decode(''), []);
});

test('parses words and filters out of a query', () => {
  const parsed = search.parseQuery('kind:runbook owner:@DBA-team Failing the disk', ['the']);
  assert.deepEqual(parsed.terms, ['failing', 'disk']);
  assert.deepEqual(parsed.filters, { kind: ['runbook'], owner: ['dba-team'] });
  assert.equal(parsed.prefix, true, 'the last word is being typed');
  assert.equal(search.parseQuery('disk ', []).prefix, false);
  assert.deepEqual(search.parseQuery('tag:Übergabe', []).filters, { tag: ['ubergabe'] });
});

test('finds the shard of a word by its first words', () => {
  const firsts = ['00', 'disk', 'limits', 'whole'];
  assert.equal(search.shardOf('failover', firsts), 1);
  assert.equal(search.shardOf('00', firsts), 0);
  assert.equal(search.shardOf('zebra', firsts), 3);
  assert.deepEqual(search.shardsOfPrefix('li', firsts), [1, 2]);
});

test('reads listed and common postings', () => {
  const listed = search.stemPostings('1a0' + '2b1', 10);
  assert.deepEqual(Array.from(listed.entries()), [[1, [10, 0]], [3, [11, 1]]]);
  const common = search.stemPostings(['12', 4, '0k1'], 4);
  assert.deepEqual(Array.from(common.entries()), [[0, [20, 1]], [2, [4, 0]]]);
});

test('parses phrases, identifiers and camel case (issue 19)', () => {
  const parsed = search.parseQuery('"split brain" pg_stat_replication KubePodCrashLooping', ['the']);
  assert.deepEqual(parsed.phrases, [['split', 'brain']]);
  assert.deepEqual(parsed.groups[2], { words: ['pg', 'stat', 'replication'], identifier: 'pg_stat_replication', camel: {} });
  assert.deepEqual(parsed.groups[3].camel, { kubepodcrashlooping: ['kube', 'pod', 'crash', 'looping'] });
  assert.equal(parsed.prefix, true);
  assert.equal(search.parseQuery('"split brain"', []).prefix, false, 'a closed phrase is not being typed');
  assert.equal(search.parseQuery('10.0.0.1', []).groups[0].identifier, '10.0.0.1');
  // A flag with its dashes, a key with a slash whole (not its dotted part).
  assert.equal(search.parseQuery('--keep-pvc', []).groups[0].identifier, '--keep-pvc');
  assert.deepEqual(search.parseQuery('--insecure', []).groups[0], { words: ['insecure'], identifier: '--insecure', camel: {} });
  assert.equal(search.parseQuery('argocd.argoproj.io/sync-wave', []).groups[0].identifier, 'argocd.argoproj.io/sync-wave');
});

test('measures typing mistakes by edit distance, stopping early', () => {
  assert.equal(search.distance('postgress', 'postgres', 2), 1);
  assert.equal(search.distance('kafak', 'kafka', 2), 1, 'two neighbouring letters swapped are one mistake');
  assert.equal(search.distance('abc', 'xyzxyz', 1), 2, 'above the limit: limit + 1');
});

test('counts the filter values of the results only', () => {
  const files = { kind: { runbook: search.decode ? '01' : '', rca: '2' } };
  const counts = search.facetCounts([{ page: 0 }, { page: 2 }], files, { kind: [{ value: 'rca', label: 'RCA' }] });
  assert.deepEqual(counts.kind, [{ value: 'rca', label: 'RCA', count: 1 }, { value: 'runbook', label: 'runbook', count: 1 }]);
});

test('highlights only the matching words of a long token', () => {
  const analyzer = new search.analysis.Analyzer('en');
  const parts = search.snippet('check pg_stat_replication now', { analyzer, terms: ['replication'], stems: ['replic'], prefix: false }, 5);
  assert.deepEqual(parts.filter((p) => p[1]).map((p) => p[0]), ['replication']);
  const stemmed = search.snippet('We promoted it', { analyzer, terms: ['promoting'], stems: ['promot'], prefix: false }, 5);
  assert.deepEqual(stemmed.filter((p) => p[1]).map((p) => p[0]), ['promoted']);
});

test('builds snippets around the matched words', () => {
  const parts = search.snippet('one two three failover four five', { terms: ['failover'], stems: ['failov'], prefix: false }, 3);
  assert.deepEqual(parts.filter((p) => p[1]).map((p) => p[0]), ['failover']);
  assert.ok(parts.length < 11);
});

test('the cells of a table row and the items of a list do not run together in a snippet', () => {
  const found = { terms: ['lag'], stems: ['lag'], prefix: false };
  const text = (parts) => parts.map((p) => p[0]).join('');
  assert.equal(text(search.snippet('Typical lag\nstandby-1\n4 s', found, 10)), 'Typical lag · standby-1 · 4 s');
  assert.equal(text(search.snippet('The lag grows.\nThen it drops', found, 10)), 'The lag grows. Then it drops', 'a sentence ends its block');
  assert.equal(text(search.snippet('lag\n\n', found, 10)), 'lag', 'empty blocks add nothing');
});

test('a snippet reaches the last words of a text: its last window ends with the text', () => {
  // 34 words, the match last: windows start every 4 words, and 0, 4 end before it.
  const words = Array.from({ length: 33 }, (_, i) => 'w' + i).concat(['failover']);
  const parts = search.snippet(words.join(' '), { terms: ['failover'], stems: ['failov'], prefix: false }, 28);
  assert.deepEqual(parts.filter((p) => p[1]).map((p) => p[0]), ['failover']);
  assert.equal(parts[parts.length - 1][0], 'failover', 'the window ends with the text');
});

const site = process.env.SITE_DIR;
const engine = site && new search.Engine((name) => JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(site, 'search', name)))));

async function titles(query) {
  const found = await engine.search(query);
  return Promise.all(found.results.map(async (hit) => (await engine.record(hit.page)).title));
}

test('ranks the page about a word first', { skip: !site && 'SITE_DIR is not set' }, async () => {
  const found = await titles('failover');
  assert.equal(found[0], 'Database failover');
  assert.ok(found.includes('Writing guide'), found.join(', '));
});

test('every word must match; stems match other forms', { skip: !site && 'SITE_DIR is not set' }, async () => {
  assert.deepEqual(await titles('resolvers lost caches'), ['DNS outage']);
  assert.deepEqual(await titles('promoting replica'), ['Database failover'], 'a form the handbook does not use');
  // A word no page has, in any form, is left out and named; the others still all match.
  const found = await engine.search('failover zzzunknown');
  assert.deepEqual(found.missing, ['zzzunknown']);
  assert.deepEqual(await titles('failover zzzunknown'), await titles('failover'));
});

test('stemmed, misspelt, quoted and identifier queries (issue 19)', { skip: !site && 'SITE_DIR is not set' }, async () => {
  assert.equal((await titles('promoting'))[0], 'Database failover');
  const typo = await engine.search('postgress');
  assert.deepEqual(typo.corrections, { postgress: 'postgres' });
  assert.equal((await titles('postgress'))[0], 'Database failover');
  assert.equal((await titles('pg_stat_replication'))[0], 'Database failover');
  assert.equal((await titles('"split brain"'))[0], 'Database failover');
  assert.equal((await titles('failing over'))[0], 'Database failover');
  const record = await engine.record((await engine.search('promoting')).results[0].page);
  assert.deepEqual([record.service, record.severity], ['ledger-db', 'SEV1']);
});

test('a word being typed matches by prefix', { skip: !site && 'SITE_DIR is not set' }, async () => {
  const found = await titles('interm');
  assert.equal(found[0], 'Expired intermediate certificate');
});

test('filters narrow by kind, owner, tag and section', { skip: !site && 'SITE_DIR is not set' }, async () => {
  assert.deepEqual((await titles('kind:rca')).sort(), ['DNS outage', 'Expired intermediate certificate']);
  assert.deepEqual(await titles('owner:@dba-team'), ['Database failover']);
  assert.deepEqual((await titles('tag:database')).sort(), ['Database failover', 'Writing guide']);
  assert.deepEqual(await titles('section:policies production'), ['Production access']);
  assert.deepEqual(await titles('kind:runbook failover'), ['Database failover', 'Cache flush']);
});

test('records carry the page URL without the base path', { skip: !site && 'SITE_DIR is not set' }, async () => {
  const found = await engine.search('failover');
  const record = await engine.record(found.results[0].page);
  assert.equal(record.url, 'runbooks/db/');
  assert.equal(record.kind, 'runbook');
  assert.equal(record.section, 'Runbooks');
  // A short page's sections are in one snippet file: no later chunks to name.
  assert.deepEqual(record.chunks, []);
  const sections = await engine.sections(found.results[0].page);
  assert.ok(sections.length >= 1 && sections.every((s) => typeof s.text === 'string'));
  assert.deepEqual(sections.map((s) => s.index), sections.map((_, i) => i), 'numbered as the index numbers them');
});
