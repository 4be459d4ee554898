/* opsbook search, part 2 of 8 (see search-format.js): reading a query. Splits it into
   groups of words, identifiers, phrases and filters with the text handling of
   search-analysis.js (the same as crates/search/src/search_index/text.rs: a CJK word of the query is its
   pairs of characters, all required, and a quoted one the pairs in order), and
   measures typing mistakes (none in a CJK pair). */
(function (search, analysis) {
  'use strict';

  var fold = analysis.fold;
  var words = analysis.words;
  var SEPARATOR = /[^\p{Alphabetic}\p{N}]+/u;
  var FILTERS = ['kind', 'owner', 'tag', 'section'];

  /** Splits a query into groups of words and filters (`kind:runbook owner:@dba-team tag:x
      section:y`). Each group is one token of the query: its words, and when they are an
      identifier (`pg_stat_replication`), the identifier, which stands for them when the
      index has it. Words in double quotes are also a phrase, matched in order. */
  function parseQuery(query, stopWords) {
    var stop = new Set(stopWords || []);
    var parsed = { terms: [], groups: [], phrases: [], filters: {}, prefix: false };
    var quoted = query.split('"');
    var lastToken = '';
    quoted.forEach(function (part, q) {
      var inQuotes = q % 2 === 1 && q < quoted.length - 1;
      var phrase = [];
      part.trim().split(/\s+/).filter(Boolean).forEach(function (token) {
        lastToken = token;
        var colon = token.indexOf(':');
        var name = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
        if (!inQuotes && FILTERS.indexOf(name) >= 0 && colon < token.length - 1) {
          var value = fold(token.slice(colon + 1).replace(/^@/, ''));
          (parsed.filters[name] = parsed.filters[name] || []).push(value);
          return;
        }
        var parts = words(token);
        phrase.push.apply(phrase, parts);
        var kept = parts.filter(function (w) { return !stop.has(w); });
        var camel = {};
        token.split(SEPARATOR).forEach(function (raw) {
          var pieces = analysis.camelParts(raw).filter(function (p) { return p.length >= 2; });
          if (pieces.length > 1) camel[fold(raw)] = pieces.map(fold);
        });
        // The longest identifier of the token: a key whole (`argocd.argoproj.io/sync-wave`)
        // rather than its dotted part, a flag with its dashes (`--keep-pvc`).
        var identifier = analysis.terms(token).filter(function (t) { return t[1]; }).map(function (t) { return t[0]; })
          .sort(function (a, b) { return b.length - a.length; })[0];
        if (!kept.length && !identifier) return;
        parsed.groups.push({ words: kept, identifier: identifier || null, camel: camel });
        parsed.terms.push.apply(parsed.terms, kept);
      });
      if (inQuotes && phrase.length > 1) parsed.phrases.push(phrase);
    });
    parsed.prefix = parsed.groups.length > 0 && !/[\s"]$/.test(query) && lastToken.indexOf(':') < 0;
    return parsed;
  }

  /** The edit distance of two words, or `max + 1` once it is above `max`: the optimal
      string alignment distance, in which a letter added, dropped or changed and two
      neighbouring letters swapped (`kafak`: `kafka`) are one typing mistake each. Past a
      row whose every cell is above `max` no cell can come back to it (a swap costs no
      less than the cell it skips), so the count stops there. */
  function distance(a, b, max) {
    var x = Array.from(a);
    var y = Array.from(b);
    if (Math.abs(x.length - y.length) > max) return max + 1;
    var before = null;
    var previous = [];
    for (var j = 0; j <= y.length; j++) previous.push(j);
    for (var i = 1; i <= x.length; i++) {
      var current = [i];
      var low = i;
      for (var k = 1; k <= y.length; k++) {
        var cost = x[i - 1] === y[k - 1] ? 0 : 1;
        var d = Math.min(previous[k] + 1, current[k - 1] + 1, previous[k - 1] + cost);
        if (before && i > 1 && k > 1 && x[i - 1] === y[k - 2] && x[i - 2] === y[k - 1]) d = Math.min(d, before[k - 2] + 1);
        current.push(d);
        low = Math.min(low, d);
      }
      if (low > max) return max + 1;
      before = previous;
      previous = current;
    }
    return previous[y.length];
  }

  /** How many typing mistakes a word may have: one, two from eight letters on; none for
      a CJK bigram (two characters of a longer text: the index has no CJK word to
      correct it to, crates/search/src/search_index/shards.rs `reversed_words`). */
  function tolerance(word) {
    if (analysis.isCjkTerm(word)) return 0;
    var length = Array.from(word).length;
    return length >= 8 ? 2 : length >= 4 ? 1 : 0;
  }

  search.analysis = analysis;
  search.fold = fold;
  search.words = words;
  search.SEPARATOR = SEPARATOR;
  search.parseQuery = parseQuery;
  search.distance = distance;
  search.tolerance = tolerance;
})(typeof module !== 'undefined' && module.exports ? (module.exports = require('./search-format.js')) : this.OpsbookSearch,
  typeof module !== 'undefined' && module.exports ? require('./search-analysis.js') : this.OpsbookAnalysis);
