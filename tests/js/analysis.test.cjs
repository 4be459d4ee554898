// Analysis parity: the client's folding, splitting, identifiers and Snowball English
// stemming (static/search-analysis.js) give exactly the terms of the Rust indexer for
// every line of fixtures/analysis-words.txt (a few thousand words of the shared corpora
// and edge cases), as src/search/text.rs wrote them to fixtures/analysis-terms.json.
const test = require('node:test');
const assert = require('node:assert/strict');
const analysis = require('../../themes/default/static/search-analysis.js');
const expected = require('./fixtures/analysis-terms.json');

test('the client analyses every word of the list as the indexer does', () => {
  const analyzer = new analysis.Analyzer('en');
  const wrong = [];
  for (const [line, terms] of expected) {
    const got = analysis.terms(line).map(([term]) => [term, analyzer.stem(term)]);
    if (JSON.stringify(got) !== JSON.stringify(terms)) wrong.push(`${line}: ${JSON.stringify(got)} != ${JSON.stringify(terms)}`);
  }
  assert.ok(expected.length > 4000, 'the list has thousands of lines');
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} lines differ`);
});

test('stems forms an operator types to the stems of the words a page uses', () => {
  const stem = analysis.stemEnglish;
  assert.equal(stem('promoting'), stem('promote'));
  assert.equal(stem('rotation'), stem('rotate'));
  assert.equal(stem('rotating'), stem('rotate'));
  assert.equal(stem('failing'), stem('failed'));
  assert.equal(stem('generously'), 'generous');
});
