// Analysis parity: the client's folding, splitting, identifiers and Snowball English
// stemming (static/search-analysis.js) give exactly the terms of the Rust indexer for
// every line of fixtures/analysis-words.txt (a few thousand words of the shared corpora
// and edge cases), as crates/search/src/search_index/text.rs wrote them to fixtures/analysis-terms.json;
// and for every other language the index stems, the client's stems (the stemmers of
// themes/default/stemmers/) are those of the indexer for each line of
// fixtures/languages/LANG.txt (fixtures/languages/LANG.json).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
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

const LANGUAGES = ['de', 'fr', 'es', 'it', 'nl', 'pt', 'sv', 'no', 'da', 'fi', 'ru', 'hu', 'ro', 'tr', 'ar', 'el', 'ta'];

for (const language of LANGUAGES) {
  test(`the client stems every word of the ${language} list as the indexer does`, () => {
    const dir = path.join(__dirname, 'fixtures', 'languages');
    const lines = fs.readFileSync(path.join(dir, `${language}.txt`), 'utf8').split('\n').filter(Boolean);
    const stems = JSON.parse(fs.readFileSync(path.join(dir, `${language}.json`), 'utf8'));
    const analyzer = new analysis.Analyzer(language);
    assert.ok(analyzer.stemmer && analyzer.exact, `${language} has a stemmer`);
    assert.equal(stems.length, lines.length, 'one row of stems per word');
    assert.ok(lines.length >= 300, 'the list has hundreds of words');
    const wrong = [];
    let stemmed = 0;
    lines.forEach((line, n) => {
      const got = analysis.terms(line).map(([term]) => analyzer.stem(term));
      stemmed += got.filter((stem, i) => stem !== analysis.terms(line)[i][0]).length;
      if (JSON.stringify(got) !== JSON.stringify(stems[n])) wrong.push(`${line}: ${JSON.stringify(got)} != ${JSON.stringify(stems[n])}`);
    });
    assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} lines differ`);
    assert.ok(stemmed > lines.length / 4, `the stemmer changed only ${stemmed} words`);
  });
}

test('a query form finds the stem of the form a page uses, in other languages', () => {
  const stem = (language, word) => new analysis.Analyzer(language).stem(analysis.fold(word));
  assert.equal(stem('de', 'Datenbanken'), stem('de', 'Datenbank'));
  assert.equal(stem('de-CH', 'Übergaben'), 'ubergab');
  assert.equal(stem('fr', 'redémarrés'), stem('fr', 'redémarrer'));
  assert.equal(stem('nb', 'tjenere'), stem('no', 'tjeneren'));
  assert.equal(stem('ru', 'серверов'), stem('ru', 'сервера'));
  assert.equal(stem('tlh', 'qapla'), 'qapla');
});

test('stems forms an operator types to the stems of the words a page uses', () => {
  const stem = analysis.stemEnglish;
  assert.equal(stem('promoting'), stem('promote'));
  assert.equal(stem('rotation'), stem('rotate'));
  assert.equal(stem('rotating'), stem('rotate'));
  assert.equal(stem('failing'), stem('failed'));
  assert.equal(stem('generously'), 'generous');
});
