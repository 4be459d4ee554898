/* opsbook search, part 1 of 8: the index's format. The client of the static index
   under search/ (see src/search in the opsbook sources for its layout) is plain
   JavaScript in eight parts, which the build writes as one file, search.js, in this
   order (src/render/theme.rs, SEARCH_PARTS): format, query, typos, engine, phrases,
   snippets (the pure parts, also loaded by the tests under Node, each requiring the
   part before it), then box and page (the search box on every page and the /search/
   page). Three of them, typos, phrases and page, only some searches need: the build
   writes them as files of their own (SEARCH_LATER), which the box loads when first
   needed. Every part adds its functions to one object: OpsbookSearch in a browser, the
   module's exports under Node. This part decodes the index's numbers and postings and
   finds the shard of a word. */
(function (search) {
  'use strict';

  var LAST = '0123456789abcdefghijklmnopqrstuv';
  var MORE = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';

  /** Decodes the index's compact numbers. */
  function decode(text) {
    var values = [];
    var value = 0;
    var shift = 1;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      var more = MORE.indexOf(ch);
      if (more >= 0) { value += more * shift; shift *= 32; continue; }
      var last = LAST.indexOf(ch);
      if (last >= 0) { values.push(value + last * shift); value = 0; shift = 1; }
    }
    return values;
  }

  /** Compares two strings by code points (the order of the index's shards). */
  function compare(a, b) {
    var x = Array.from(a);
    var y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  /** The shard holding `word`: the last whose first word is not after it. */
  function shardOf(word, firsts) {
    var low = 0;
    var high = firsts.length - 1;
    var found = 0;
    while (low <= high) {
      var mid = (low + high) >> 1;
      if (compare(firsts[mid], word) <= 0) { found = mid; low = mid + 1; } else { high = mid - 1; }
    }
    return found;
  }

  /** The shards that may hold words starting with `prefix`. */
  function shardsOfPrefix(prefix, firsts) {
    var first = shardOf(prefix, firsts);
    var shards = [first];
    for (var i = first + 1; i < firsts.length && firsts[i].startsWith(prefix); i++) shards.push(i);
    return shards;
  }

  /** A stem's postings as a Map from page to [score, section]. */
  function stemPostings(value, pages) {
    var map = new Map();
    var add = function (encoded) {
      var n = decode(encoded);
      var doc = 0;
      for (var i = 0; i + 2 < n.length; i += 3) { doc += n[i]; map.set(doc, [n[i + 1], n[i + 2]]); }
    };
    if (typeof value === 'string') { add(value); return map; }
    var missing = pageSet(value[0]);
    for (var d = 0; d < pages; d++) if (!missing.has(d)) map.set(d, [value[1], 0]);
    add(value[2]);
    return map;
  }

  /** A page list (delta-encoded) as a Set. */
  function pageSet(encoded) {
    var set = new Set();
    var doc = 0;
    decode(encoded).forEach(function (delta) { doc += delta; set.add(doc); });
    return set;
  }

  search.decode = decode;
  search.compare = compare;
  search.shardOf = shardOf;
  search.shardsOfPrefix = shardsOfPrefix;
  search.stemPostings = stemPostings;
  search.pageSet = pageSet;
})(typeof module !== 'undefined' && module.exports ? module.exports : (this.OpsbookSearch = this.OpsbookSearch || {}));
