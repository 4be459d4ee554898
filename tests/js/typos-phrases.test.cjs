// Typing mistakes found wherever the word sorts, and quoted phrases checked on every
// result (issue 19), over small indexes written here: several shards, so a misspelt
// word sorts into another shard than the word it means.
const test = require('node:test');
const assert = require('node:assert/strict');
const search = require('./search-client.cjs');

/** An engine over `files` (name -> parsed JSON), counting the files it loads. */
function engineOver(files) {
  const loaded = [];
  const engine = new search.Engine((name) => {
    loaded.push(name);
    if (!(name in files)) throw new Error('no ' + name);
    return files[name];
  });
  return { engine, loaded };
}

const facets = { kind: [], section: [], owner: [], tag: [] };
const manifest = (extra) => ({ version: 1, pages: 20, chunk: 16, language: 'en', stop: ['the'], facets, ...extra });

// Four shards: `kubernetes` in the second, `postgres` in the fourth; the misspellings
// `lubernetes` and `ostgres` sort into the third. The reversed list has both words.
const typoIndex = {
  'manifest.json': manifest({ shards: ['aa', 'kub', 'l', 'p'], reversed: ['sergtsop'] }),
  't-0.json': { w: { alpha: 'alpha' }, p: { alpha: '0a0' } },
  't-1.json': { w: { kubernetes: 'kubernet' }, p: { kubernet: '1a0' } },
  't-2.json': { w: { lambda: 'lambda' }, p: { lambda: '2a0' } },
  't-3.json': { w: { postgres: 'postgr' }, p: { postgr: '3a0' } },
  'r-0.json': ['postgres', 'kubernetes', 'lambda', 'alpha'],
};

test('finds a word with a typing mistake in its first letters, in another shard (issue 19)', async () => {
  for (const [typo, word, page] of [['lubernetes', 'kubernetes', 1], ['ostgres', 'postgres', 3], ['psotgres', 'postgres', 3], ['kubermetes', 'kubernetes', 1]]) {
    const { engine } = engineOver(typoIndex);
    const found = await engine.search(typo + ' ');
    assert.deepEqual(found.corrections, { [typo]: word }, typo);
    assert.deepEqual(found.results.map((r) => r.page), [page], typo);
  }
});

// `kustomize` on six pages, two one-off misspellings as near to `kustomizw`, and
// `prometheus` on two pages one edit from `prometeus`, `promotes` two.
const usedIndex = {
  'manifest.json': manifest({ shards: ['kus', 'pro'], reversed: ['a'] }),
  't-0.json': { w: { kustomiza: 'kustomiza', kustomize: 'kustomiz', kustomizx: 'kustomizx' },
    p: { kustomiza: '6a0', kustomiz: '0a01a01a01a01a01a0', kustomizx: '7a0' } },
  't-1.json': { w: { prometheus: 'prometheus', promotes: 'promot' }, p: { prometheus: '8a01a0', promot: '9a0' } },
  'r-0.json': ['azimotsuk', 'ezimotsuk', 'xzimotsuk', 'suehtemorp', 'setomorp'],
};

test('a typing mistake is corrected to the nearest word, of those as near the one on most pages', async () => {
  for (const [typo, word] of [['kustomizw', 'kustomize'], ['prometeus', 'prometheus']]) {
    const { engine } = engineOver(usedIndex);
    const found = await engine.search(typo + ' ');
    assert.deepEqual(found.corrections, { [typo]: word }, typo);
  }
  const { engine } = engineOver(usedIndex);
  const near = await search.nearWords('kustomizw', 1, usedIndex['manifest.json'], (n) => engine.file(n), []);
  assert.deepEqual(near.map((n) => n[1]), ['kustomize', 'kustomiza', 'kustomizx']);
});

test('a typo lookup reads few shards of each order', async () => {
  const { engine, loaded } = engineOver(typoIndex);
  await engine.search('lubernetes ');
  assert.ok(loaded.filter((n) => n.startsWith('t-')).length <= 3, loaded.join(' '));
  assert.ok(loaded.filter((n) => n.startsWith('r-')).length <= 2, loaded.join(' '));
  const { engine: other, loaded: none } = engineOver(typoIndex);
  await other.search('postgres ');
  assert.deepEqual(none.filter((n) => n.startsWith('r-')), [], 'a word the index has reads no reversed shard');
});

test('an index without reversed shards still finds typos in the word\'s own shard', async () => {
  const { engine } = engineOver({ ...typoIndex, 'manifest.json': manifest({ shards: ['aa', 'kub', 'l', 'p'] }) });
  assert.deepEqual((await engine.search('kubermetes ')).corrections, { kubermetes: 'kubernetes' });
});

test('two neighbouring letters swapped are one typing mistake (optimal string alignment)', async () => {
  assert.equal(search.distance('kafak', 'kafka', 2), 1);
  assert.equal(search.distance('ab', 'ba', 1), 1);
  assert.equal(search.distance('lamdba', 'lambda', 1), 1);
  assert.equal(search.distance('kafka', 'akfak', 1), 2, 'two swaps are two mistakes');
  assert.equal(search.distance('kafka', 'kafka', 0), 0);
  assert.equal(search.distance('abcdef', 'badcfe', 2), 3, 'above the limit: the limit and one');
  const { engine } = engineOver(typoIndex);
  const found = await engine.search('lamdba ');
  assert.deepEqual(found.corrections, { lamdba: 'lambda' });
  assert.deepEqual(found.results.map((r) => r.page), [2]);
});

test('a word that matches no page is left out and named when the other words match', async () => {
  const { engine } = engineOver(typoIndex);
  const found = await engine.search('postgres zzzzzz ');
  assert.deepEqual(found.results.map((r) => r.page), [3]);
  assert.deepEqual(found.missing, ['zzzzzz']);
  const alone = await engine.search('zzzzzz ');
  assert.deepEqual(alone.results, [], 'a query of words that match nothing finds nothing');
  const known = await engine.search('postgres lambda ');
  assert.deepEqual(known.results, [], 'words that match pages must all match one page');
  assert.deepEqual(known.missing, []);
});

// `kublet` is indexed (page 1 misspells it) and so is `down` (pages 2 and 4), but no
// page has both; `kubelet` is on pages 2 and 3, `dawn` (one mistake from `down`) on 3.
const misspeltIndex = {
  'manifest.json': manifest({ shards: ['aa'], reversed: [] }),
  't-0.json': {
    w: { kublet: 'kublet', kubelet: 'kubelet', down: 'down', dawn: 'dawn' },
    p: { kublet: '1a0', kubelet: '2k01a0', down: '2k02a0', dawn: '3a0' },
  },
};

test('words that are all indexed but on no page together are tried with their typing mistakes', async () => {
  const { engine } = engineOver(misspeltIndex);
  const found = await engine.search('kublet down');
  assert.deepEqual(found.results.map((r) => r.page), [2, 3], 'kubelet and down, then kubelet and dawn (two mistakes)');
  assert.deepEqual(found.corrections, { kublet: 'kubelet' }, 'only the word the first result has corrected');
  const together = await engine.search('kubelet down');
  assert.deepEqual(together.results.map((r) => r.page), [2]);
  assert.deepEqual(together.corrections, {}, 'words found together are not corrected');
  const { engine: alone } = engineOver(misspeltIndex);
  assert.deepEqual((await alone.search('kublet')).results.map((r) => r.page), [1], 'one word as the index has it');
});

// Eleven pages with both `split` and `brain`, best first; the files of pairs say only
// pages 9 and 10 (below the first ten) have "split brain", and pages 0-10 "brain split".
const L = '0123456789abcdefghijklmnopqrstuv';
const both = Array.from({ length: 11 }, (_, i) => (i ? '1' : '0') + L[30 - i] + (i === 10 ? '1' : '0')).join('');
/** A file of pairs of stems: key -> pages, encoded as the index encodes them. */
const pairsFile = (count, keys) => {
  const files = {};
  for (let n = 0; n < count; n++) files['q-' + n + '.json'] = {};
  for (const [key, pages] of Object.entries(keys)) {
    files['q-' + (search.pairHash(key) % count) + '.json'][key] = pages.map((p, i) => L[p - (i ? pages[i - 1] : 0)]).join('');
  }
  return files;
};
const phraseIndex = {
  'manifest.json': manifest({ shards: ['aa'], reversed: [], pairs: 3 }),
  't-0.json': { w: { split: 'split', brain: 'brain', risk: 'risk' }, p: { split: both, brain: both.replace(/.$/, '0'), risk: '9a0' } },
  ...pairsFile(3, { 'split brain': [9, 10], 'brain split': [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'brain risk': [9] }),
};

test('hashes pairs as the index does (crates/search/src/search_index/pairs.rs)', () => {
  assert.equal(search.pairHash(''), 0x811c9dc5);
  assert.equal(search.pairHash('a'), 0xe40c292c);
  assert.deepEqual(search.pairsOf(['split', 'brain', 'risk']), ['split brain', 'brain risk']);
});

test('a quoted phrase keeps every page that has it and no other, however low they rank (issue 34)', async () => {
  const { engine, loaded } = engineOver(phraseIndex);
  const found = await engine.search('"split brain"');
  assert.deepEqual(found.results.map((r) => r.page), [9, 10]);
  assert.equal(loaded.filter((n) => n.startsWith('q-')).length, 1, 'one file of pairs for a two-word phrase');
  const loose = await engine.search('split brain');
  assert.equal(loose.results.length, 11, 'without quotes, every page with both words');
  assert.deepEqual((await engine.search('"brain split"')).results.length, 11);
  // Stop words are left out of a phrase as out of the index.
  assert.deepEqual((await engine.search('"split the brain"')).results.map((r) => r.page), [9, 10]);
  // Three words: the pages with each of its pairs.
  assert.deepEqual((await engine.search('"split brain risk"')).results.map((r) => r.page), [9]);
  assert.deepEqual((await engine.search('"risk split"')).results, []);
});
