/* opsbook search, part 5 of 8 (see search-format.js): quoted phrases. The index has no
   word positions (they would double its size), so a page found for all the words of
   `"split brain"` is checked in its text: the sections where the phrase's words weigh
   most, fetched by byte range through the engine's `text(page, section)`, compared as
   consecutive stems. Pages are checked best first, in rounds, until a page of results
   has the phrase or PHRASE_SECTIONS sections were read (a page's best section first:
   the one its snippet shows, so a page that has the phrase there costs nothing more);
   pages found without it are dropped, and pages not checked within that budget come
   after every page that has it (`unchecked` counts them). */
(function (search) {
  'use strict';

  /** How many sections a query reads to check its phrases, at most (4 KB each). */
  var PHRASE_SECTIONS = 12;
  /** How many pages with the phrase a query wants before it stops checking. */
  var PHRASE_WANTED = 10;
  /** How many sections of one page it reads, at most. */
  var SECTIONS_PER_PAGE = 3;

  /** The stems of a text, stop words left out, as the index has them. */
  function stemsOfText(text, analyzer) {
    return search.words(text).map(function (w) { return analyzer.stem(w); }).filter(function (s) { return s !== null; });
  }

  /** Whether `text` has `phrase` (a list of stems) as consecutive words. */
  function hasPhrase(text, phrase, analyzer) {
    var have = ' ' + stemsOfText(text, analyzer).join(' ') + ' ';
    return have.indexOf(' ' + phrase.join(' ') + ' ') >= 0;
  }

  /** Page -> the sections where the query's stems weigh most on it. */
  function sectionsByPage(lookups, pages) {
    var sections = new Map();
    lookups.forEach(function (list) {
      list.forEach(function (stems) {
        stems.forEach(function (entry) {
          search.stemPostings(entry.postings, pages).forEach(function (hit, page) {
            if (!sections.has(page)) sections.set(page, new Set());
            sections.get(page).add(hit[1]);
          });
        });
      });
    });
    return sections;
  }

  /** Keeps the results of `found` that have its phrases; `lookups` are the stems of the
      query's groups (Engine.search). */
  function keepPhrases(engine, found, lookups) {
    return engine.manifest().then(function (manifest) {
      var analyzer = engine.analyzer(manifest);
      var phrases = found.phrases.map(function (p) { return stemsOfText(p.join(' '), analyzer); }).filter(function (p) { return p.length > 1; });
      if (!phrases.length) return found;
      var where = sectionsByPage(lookups, manifest.pages);
      var budget = PHRASE_SECTIONS;
      var kept = [];
      var next = 0;
      /** Whether one page has every phrase in one of its sections, read one at a time
          (its best section first, the one its snippet shows); null when the budget is
          spent before any of them could be read. */
      var check = function (hit) {
        var sections = [hit.section];
        (where.get(hit.page) || new Set()).forEach(function (s) { if (sections.indexOf(s) < 0) sections.push(s); });
        var missing = phrases.slice();
        var next = function (i) {
          if (!missing.length) return true;
          if (i >= sections.length || i >= SECTIONS_PER_PAGE) return false;
          if (budget <= 0) return i === 0 ? null : false;
          budget--;
          return Promise.resolve(engine.text(hit.page, sections[i])).catch(function () { return ''; }).then(function (text) {
            missing = missing.filter(function (p) { return !hasPhrase(text || '', p, analyzer); });
            return next(i + 1);
          });
        };
        return Promise.resolve(next(0));
      };
      var unchecked = [];
      var round = function () {
        if (next >= found.results.length || kept.length >= PHRASE_WANTED || budget <= 0) {
          unchecked = unchecked.concat(found.results.slice(next));
          found.results = kept.concat(unchecked);
          found.unchecked = unchecked.length;
          return found;
        }
        var batch = found.results.slice(next, next + Math.max(1, PHRASE_WANTED - kept.length));
        next += batch.length;
        return Promise.all(batch.map(check)).then(function (has) {
          batch.forEach(function (hit, i) {
            if (has[i] === true) kept.push(hit);
            else if (has[i] === null) unchecked.push(hit);
          });
          return round();
        });
      };
      return round();
    });
  }

  search.hasPhrase = hasPhrase;
  search.keepPhrases = keepPhrases;
})(typeof module !== 'undefined' && module.exports ? (module.exports = require('./search-engine.js')) : this.OpsbookSearch);
