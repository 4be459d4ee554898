/* opsbook search, part 3 of 8 (see search-format.js): the words one or two typing
   mistakes away from a query word, wherever they sort. A word within `max` edits of the
   query word keeps, unless an edit falls in each half, either the first half of it (its
   prefix: the vocabulary shards `t-<n>.json` where that prefix sorts) or the second half
   (its suffix: the shards `r-<n>.json` of the words sorted by their reversed spelling,
   words only, named in the manifest's `reversed`). So `ostgres`, `lubernetes` and
   `psotgres` find their word though it sorts far from them. A CJK bigram is never
   taken for a typing mistake, nor corrected (search-query.js `tolerance`): it is two
   characters of a longer text, and the reversed shards leave it out. */
(function (search) {
  'use strict';

  /** How many shards of each order a lookup reads, at most. */
  var SHARDS_PER_SIDE = 2;
  /** How many words it returns, of how many nearest it weighs (reading the vocabulary
      shard of each found only by its end). */
  var KEPT = 3;
  var WEIGHED = 5;

  /** A word spelt backwards (by code points). */
  function reversed(word) {
    return Array.from(word).reverse().join('');
  }

  /** The words of the reversed shards (reversed keys in `firsts`) that may end with
      `suffix`: the first few shards of the reversed suffix. */
  function reversedShards(suffix, firsts) {
    if (!firsts || !firsts.length) return [];
    return search.shardsOfPrefix(reversed(suffix), firsts).slice(0, SHARDS_PER_SIDE);
  }

  /** The indexed words within `max` edits of `term` as `[distance, word, shard]`, best
      first: the fewest edits, then the most pages (a word the handbook uses on many
      pages before a one-off misspelling at the same distance: `kustomzie` is
      `kustomize`, not `kustimize`); the shard is the vocabulary shard with the word's
      stem and postings.
      `file(name)` loads an index file; `loaded` holds the shards read already. */
  function nearWords(term, max, manifest, file, loaded) {
    var letters = Array.from(term);
    var half = Math.floor(letters.length / 2);
    var head = letters.slice(0, half).join('');
    var tail = letters.slice(half).join('');
    var forward = search.shardsOfPrefix(head, manifest.shards).slice(0, SHARDS_PER_SIDE);
    var load = function (list, prefix) {
      return Promise.all(list.map(function (n) { return file(prefix + n + '.json'); }));
    };
    return Promise.all([load(forward, 't-'), load(reversedShards(tail, manifest.reversed), 'r-')]).then(function (got) {
      var near = new Map();
      var consider = function (word, shard) {
        if (near.has(word) && near.get(word)[2]) return;
        if (search.analysis.isCjkTerm(word)) return;
        var d = search.distance(term, word, max);
        if (d <= max && d > 0) near.set(word, [d, word, shard || null]);
      };
      loaded.concat(got[0]).forEach(function (shard) { Object.keys(shard.w).forEach(function (w) { consider(w, shard); }); });
      got[1].forEach(function (list) { list.forEach(function (w) { consider(w, null); }); });
      var best = Array.from(near.values());
      best.sort(function (a, b) { return a[0] - b[0] || search.compare(a[1], b[1]); });
      best = best.slice(0, WEIGHED);
      // A word found by its end: its own vocabulary shard has its stem and postings.
      return Promise.all(best.map(function (entry) {
        if (entry[2]) return entry;
        return file('t-' + search.shardOf(entry[1], manifest.shards) + '.json').then(function (shard) {
          return [entry[0], entry[1], shard];
        });
      }));
    }).then(function (list) {
      var pages = new Map();
      list = list.filter(function (entry) { return entry[2].w[entry[1]] !== undefined; });
      list.forEach(function (entry) {
        pages.set(entry[1], search.stemPostings(entry[2].p[entry[2].w[entry[1]]] || '', manifest.pages).size);
      });
      list.sort(function (a, b) { return a[0] - b[0] || pages.get(b[1]) - pages.get(a[1]) || search.compare(a[1], b[1]); });
      return list.slice(0, KEPT);
    });
  }

  search.reversed = reversed;
  search.nearWords = nearWords;
})(typeof module !== 'undefined' && module.exports ? (module.exports = require('./search-query.js')) : this.OpsbookSearch);
