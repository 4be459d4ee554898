/* opsbook search, part 5 of 8 (see search-format.js): quoted phrases. The index keeps,
   for every pair of consecutive stems of a block of text (a paragraph, list item, table
   cell, heading, line of code) and of the title, the pages that have it
   (`search/q-<n>.json`, crates/search/src/search_index/pairs.rs): a phrase's pairs are looked up in the
   files their FNV-1a hash names, and only the pages that have every pair of every
   phrase are kept. Every page with the phrase is found, however low it ranks, and no
   text is fetched for it; a two-word phrase finds exactly the pages that have it. */
(function (search) {
  'use strict';

  /** The stems of a text, stop words left out, as the index has them. */
  function stemsOfText(text, analyzer) {
    return search.words(text).map(function (w) { return analyzer.stem(w); }).filter(function (s) { return s !== null; });
  }

  /** Whether `text` has `phrase` (a list of stems) as consecutive words. */
  function hasPhrase(text, phrase, analyzer) {
    var have = ' ' + stemsOfText(text, analyzer).join(' ') + ' ';
    return have.indexOf(' ' + phrase.join(' ') + ' ') >= 0;
  }

  /** The 32-bit FNV-1a hash of a string's UTF-8 bytes (as crates/search/src/search_index/pairs.rs). */
  function pairHash(key) {
    var bytes = new TextEncoder().encode(key);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /** The consecutive pairs of stems of a phrase: `"stem stem"` each. */
  function pairsOf(stems) {
    var pairs = [];
    for (var i = 0; i + 1 < stems.length; i++) pairs.push(stems[i] + ' ' + stems[i + 1]);
    return pairs;
  }

  /** The pages that have every pair of `pairs`, from the files of pairs. */
  function pagesWithPairs(engine, manifest, pairs) {
    var count = manifest.pairs || 1;
    return Promise.all(pairs.map(function (key) {
      return engine.file('q-' + (pairHash(key) % count) + '.json').then(function (file) {
        return file[key] === undefined ? new Set() : search.pageSet(file[key]);
      });
    })).then(function (sets) {
      return sets.reduce(function (all, set) {
        return all === null ? set : new Set(Array.from(all).filter(function (p) { return set.has(p); }));
      }, null);
    });
  }

  /** Keeps the results of `found` that have its phrases. */
  function keepPhrases(engine, found) {
    return engine.manifest().then(function (manifest) {
      var analyzer = engine.analyzer(manifest);
      var pairs = [];
      found.phrases.forEach(function (p) {
        pairsOf(stemsOfText(p.join(' '), analyzer)).forEach(function (key) { if (pairs.indexOf(key) < 0) pairs.push(key); });
      });
      if (!pairs.length) return found;
      return pagesWithPairs(engine, manifest, pairs).then(function (pages) {
        found.results = found.results.filter(function (hit) { return pages.has(hit.page); });
        return found;
      });
    });
  }

  search.hasPhrase = hasPhrase;
  search.pairHash = pairHash;
  search.pairsOf = pairsOf;
  search.keepPhrases = keepPhrases;
})(typeof module !== 'undefined' && module.exports ? (module.exports = require('./search-engine.js')) : this.OpsbookSearch);
