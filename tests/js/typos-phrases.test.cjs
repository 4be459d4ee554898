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

// Eleven pages with both `split` and `brain`, best first; their texts say "brain split"
// but page 9's, and page 10's second section (where `split` weighs most): both below
// the first ten, the pages the client reads snippets of.
const L = '0123456789abcdefghijklmnopqrstuv';
const both = Array.from({ length: 11 }, (_, i) => (i ? '1' : '0') + L[30 - i] + (i === 10 ? '1' : '0')).join('');
const phraseIndex = {
  'manifest.json': manifest({ shards: ['aa'], reversed: [] }),
  't-0.json': { w: { split: 'split', brain: 'brain' }, p: { split: both, brain: both.replace(/.$/, '0') } },
};
const texts = (page, section) => (page === 9 || (page === 10 && section === 1) ? 'a split brain' : 'the brain split');

test('a quoted phrase keeps only the pages that have it, however low they rank (issue 19)', async () => {
  const { engine } = engineOver(phraseIndex);
  const asked = [];
  engine.text = async (page, section) => { asked.push([page, section]); return texts(page, section); };
  const found = await engine.search('"split brain"');
  assert.deepEqual(found.results.map((r) => r.page), [9, 10]);
  assert.equal(found.unchecked, 0);
  assert.ok(asked.length <= 12, 'within the budget of sections');
  const loose = await engine.search('split brain');
  assert.equal(loose.results.length, 11, 'without quotes, every page with both words');
});

test('pages past the budget of a phrase come after the pages that have it', async () => {
  const many = Array.from({ length: 40 }, (_, i) => (i ? '1' : '0') + 'a0').join('');
  const { engine } = engineOver({ ...phraseIndex, 't-0.json': { w: { split: 'split', brain: 'brain' }, p: { split: many, brain: many } } });
  engine.text = async (page) => (page === 3 ? 'split brain' : 'brain split');
  const found = await engine.search('"split brain"');
  assert.equal(found.results[0].page, 3);
  assert.ok(found.unchecked > 0 && found.results.length === 1 + found.unchecked, `${found.results.length} ${found.unchecked}`);
});
