/* opsbook search, part 6 of 8 (see search-format.js): what a result shows. Which
   words of a page's text to highlight, the snippet around them, and the filter counts
   of a result list. In Chinese, Japanese and Korean text, cut into pairs of characters
   as the index cuts it (search-analysis.js), the characters of the matching pairs are
   highlighted, and a snippet counts two characters as a word. The last of the pure parts: under Node, requiring it gives the
   whole client but the page wiring. */
(function (search) {
  'use strict';

  var fold = search.fold;
  var SEPARATOR = search.SEPARATOR;

  /** Whether a word of a page's text matches the query, to highlight it: it is a word
      the query matched, has the stem of one, or starts like the word being typed. */
  function matches(word, found) {
    var w = fold(word);
    if (w.length < 2) return false;
    if (found.terms.indexOf(w) >= 0 || (found.words || []).indexOf(w) >= 0) return true;
    if (found.prefix && found.terms.length && w.startsWith(found.terms[found.terms.length - 1])) return true;
    var stem = found.analyzer ? found.analyzer.stem(w) : w;
    return stem !== null && found.stems.indexOf(stem) >= 0;
  }

  /** The parts `[text, highlighted, cjk]` of a text without spaces: each word
      highlighted when it matches; in a stretch of CJK characters, the characters of
      each bigram that matches (overlapping bigrams join: `イベント` for a query
      `イベント`), the characters one part each (`cjk`: a snippet counts them). */
  function pieces(text, found) {
    var out = [];
    text.split(/([^\p{Alphabetic}\p{N}]+)/u).filter(Boolean).forEach(function (piece) {
      if (SEPARATOR.test(piece)) { out.push([piece, false, false]); return; }
      search.analysis.stretches(piece).forEach(function (stretch) {
        if (!stretch[1]) { out.push([stretch[0], matches(stretch[0], found), false]); return; }
        var chars = Array.from(stretch[0]);
        var marked = chars.map(function () { return false; });
        for (var i = 0; i + 1 < chars.length; i++) {
          if (matches(chars[i] + chars[i + 1], found)) marked[i] = marked[i + 1] = true;
        }
        chars.forEach(function (ch, i) { out.push([ch, marked[i], true]); });
      });
    });
    return out;
  }

  /** How many CJK characters count as one word in a snippet's length. */
  var CJK_PER_WORD = 2;
  /** What stands between two blocks of a snippet (table cells, list items) when the
      first does not end a sentence, and the punctuation that ends one. */
  var BLOCK_GLUE = ' · ';
  var SENTENCE_END = /[.!?:;。！？]$/u;

  /** A snippet of `text`: about `size` words around the first place where most query
      words stand, as parts `[text, highlighted]`; only the matching words of a longer
      token are highlighted (`pg_stat_replication`: `replication`), and in CJK text the
      matching stretch (its bigrams). CJK text, written without spaces, counts a word
      every two characters. */
  function snippet(text, found, size) {
    size = size || 30;
    // The words: what stands between spaces, or two characters of CJK text; `glue` is
    // what follows a word in the snippet (a space after the last of a token, and after
    // the last of a block, a table cell or list item, a `BLOCK_GLUE` unless the block
    // ends a sentence: the cells of a row do not run together).
    var units = [];
    text.split('\n').forEach(function (block) {
      var tokens = block.split(/\s+/).filter(Boolean);
      tokens.forEach(function (token, t) {
        var unit = null;
        var cjk = 0;
        pieces(token, found).forEach(function (piece) {
          if (!unit) { unit = { parts: [], glue: '' }; units.push(unit); cjk = 0; }
          unit.parts.push(piece);
          if (piece[2] && ++cjk === CJK_PER_WORD) unit = null;
        });
        var ends = t === tokens.length - 1 && !SENTENCE_END.test(token);
        units[units.length - 1].glue = ends ? BLOCK_GLUE : ' ';
      });
    });
    var hits = units.map(function (u) { return u.parts.some(function (x) { return x[1]; }); });
    var best = 0;
    var bestCount = -1;
    var step = Math.max(1, Math.floor(size / 6));
    var last = Math.max(0, units.length - size);
    // Every `step` words, and the window that ends with the text, so its last words
    // are in one too.
    for (var start = 0; start <= last; start = start < last && start + step > last ? last : start + step) {
      var count = 0;
      for (var k = start; k < Math.min(start + size, hits.length); k++) if (hits[k]) count++;
      if (count > bestCount) { bestCount = count; best = start; }
    }
    var parts = [];
    var push = function (text, mark) {
      var last = parts[parts.length - 1];
      // Highlighted characters of CJK text one after the other are one part.
      if (last && last[1] === mark) last[0] += text; else parts.push([text, mark]);
    };
    if (best > 0) push('… ', false);
    var end = Math.min(best + size, units.length);
    for (var j = best; j < end; j++) {
      units[j].parts.forEach(function (piece) { push(piece[0], piece[1]); });
      if (j < end - 1 && units[j].glue) push(units[j].glue, false);
    }
    if (end < units.length) push(' …', false);
    return parts;
  }

  /** The sections of a page (`[{id, heading, text}]`) where the query's words stand,
      best first, at most `max`: each scores by how many of the query's words it has
      (in its heading or text), a heading's words counting more, a phrase of the query
      most; sections without any query word are left out. */
  function bestSections(sections, found, max) {
    var memo = new Map();
    var hit = function (word) {
      if (!memo.has(word)) memo.set(word, !SEPARATOR.test(word) && matches(word, found));
      return memo.get(word);
    };
    var phrases = (found.phrases || []).map(function (p) {
      return p.map(function (w) { return found.analyzer ? found.analyzer.stem(w) : w; }).filter(function (s) { return s !== null; });
    }).filter(function (p) { return p.length > 1; });
    var scored = [];
    sections.forEach(function (section, order) {
      var distinct = new Set();
      var count = 0;
      var heading = 0;
      search.words(section.heading).forEach(function (w) { if (hit(w)) { distinct.add(found.analyzer ? found.analyzer.stem(w) : w); heading++; } });
      search.words(section.text).forEach(function (w) { if (hit(w)) { distinct.add(found.analyzer ? found.analyzer.stem(w) : w); count++; } });
      if (!distinct.size) return;
      var phrased = phrases.some(function (p) {
        return search.hasPhrase(section.heading, p, found.analyzer) || section.text.split('\n').some(function (block) { return search.hasPhrase(block, p, found.analyzer); });
      });
      var score = (phrased ? 10000 : 0) + distinct.size * 100 + Math.min(heading, 3) * 20 + Math.min(count, 20);
      scored.push({ section: section, order: order, score: score });
    });
    scored.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return scored.slice(0, max).map(function (s) { return s.section; });
  }

  /** A short text as parts `[text, highlighted]`, each query word highlighted (in CJK
      text, the matching stretch). */
  function highlight(text, found) {
    var parts = [];
    pieces(text, found).forEach(function (piece) {
      var last = parts[parts.length - 1];
      if (last && last[1] === piece[1] && (piece[2] || last[2])) { last[0] += piece[0]; last[2] = piece[2]; } else parts.push(piece.slice());
    });
    return parts.map(function (p) { return [p[0], p[1]]; });
  }

  /** Facet counts of a result list: for each filter, each value with the number of the
      results that have it, most first; `files` maps a filter to its `f-` file. */
  function facetCounts(results, files, labels) {
    var pages = new Set(results.map(function (r) { return r.page; }));
    var counts = {};
    Object.keys(files).forEach(function (facet) {
      var list = [];
      Object.keys(files[facet]).forEach(function (value) {
        var n = 0;
        search.pageSet(files[facet][value]).forEach(function (d) { if (pages.has(d)) n++; });
        var label = (labels[facet] || []).filter(function (v) { return v.value === value; })[0];
        if (n) list.push({ value: value, label: label ? label.label : value, count: n });
      });
      list.sort(function (a, b) { return b.count - a.count || search.compare(a.label, b.label); });
      counts[facet] = list;
    });
    return counts;
  }

  search.matches = matches;
  search.snippet = snippet;
  search.bestSections = bestSections;
  search.highlight = highlight;
  search.facetCounts = facetCounts;
})(typeof module !== 'undefined' && module.exports ? (module.exports = require('./search-phrases.js')) : this.OpsbookSearch);
