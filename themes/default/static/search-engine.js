/* opsbook search, part 4 of 8 (see search-format.js): the search engine. Loads the
   index files a query needs, finds the stems of its words (as written, stemmed, by
   prefix while typed, by typing mistake), and scores and filters the pages. */
(function (search) {
  'use strict';

  var analysis = search.analysis;
  /** What a match counts for, against the word's own stem: another word the last query
      word starts (while typing) and a word one or two typing mistakes away. */
  var PREFIX_WEIGHT = 0.5;
  var TYPO_WEIGHT = 0.3;
  /** What a word the handbook writes as one (`failover`) counts for two query words
      (`failing over`), against its own score. */
  var JOIN_WEIGHT = 1.2;

  /** Whether `object` has `key` of its own (a query word may be `constructor`). */
  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /** Resolves once `search[name]` is there: it is in a part that the search box loads
      when a search first needs it (search-box.js `loadPart`); under Node, and with a
      theme's own whole client, every part is there from the start. */
  function having(name, file) {
    return search[name] || !search.loadPart ? Promise.resolve() : search.loadPart(file);
  }

  /** The search engine over an index reached through `load(name)`, a function that
      returns a promise of the parsed JSON file `search/<name>`. */
  function Engine(load) {
    this.load = load;
    this.cache = new Map();
  }

  Engine.prototype.file = function (name) {
    if (!this.cache.has(name)) {
      var engine = this;
      var promise = Promise.resolve(this.load(name)).catch(function (error) { engine.cache.delete(name); throw error; });
      this.cache.set(name, promise);
    }
    return this.cache.get(name);
  };

  Engine.prototype.manifest = function () { return this.file('manifest.json'); };

  /** The analyzer of the handbook's language. */
  Engine.prototype.analyzer = function (manifest) {
    if (!this.analyzerFor || this.analyzerFor[0] !== manifest) {
      this.analyzerFor = [manifest, new analysis.Analyzer(manifest.language || 'en')];
    }
    return this.analyzerFor[1];
  };

  /** The stems matched by one query word, each with a weight and how it matched:
      1. the word as the index has it, or its stem (the same Snowball stem the index
         gave every form of it: `promoting` finds `promote`), weight 1;
      2. while it is being typed (`prefix`), the words it starts, weight 1/2;
      3. when neither finds anything, the indexed words one typing mistake away (two
         from eight letters on), wherever they sort (search-typos.js), weight 0.3 for
         one mistake: `postgress`, `ostgres`; with `widen`, also beside a word the
         index has (a query whose words are all indexed but on no page together). */
  Engine.prototype.stemsOf = function (term, prefix, manifest, widen) {
    var engine = this;
    var analyzer = this.analyzer(manifest);
    var stem = analyzer.stem(term) || term;
    var shards = [search.shardOf(term, manifest.shards)];
    if (prefix) shards = shards.concat(search.shardsOfPrefix(term, manifest.shards).slice(0, 8));
    shards = shards.filter(function (n, i) { return shards.indexOf(n) === i; });
    var load = function (list) { return Promise.all(list.map(function (n) { return engine.file('t-' + n + '.json'); })); };
    // The stem's home shard, only when the word's own shard does not have the word.
    var home = search.shardOf(stem, manifest.shards);
    var stems = new Map();
    var add = function (key, weight, postings, how, word) {
      var known = stems.get(key);
      if (postings !== undefined && (!known || known.weight < weight)) stems.set(key, { weight: weight, postings: postings, how: how, word: word, asked: term });
    };
    return load(shards).then(function (loaded) {
      var known = loaded.some(function (shard) { return shard.w[term] !== undefined; });
      if (known || shards.indexOf(home) >= 0 || !analyzer.exact) return loaded;
      return load([home]).then(function (more) { return loaded.concat(more); });
    }).then(function (loaded) {
      loaded.forEach(function (shard) {
        if (shard.w[term] !== undefined) add(shard.w[term], 1, shard.p[shard.w[term]], 'word', term);
        if (analyzer.exact && shard.p[stem] !== undefined) add(stem, 1, shard.p[stem], 'stem', term);
      });
      if (prefix) {
        var candidates = [];
        loaded.forEach(function (shard) {
          Object.keys(shard.w).forEach(function (word) {
            if (word !== term && word.startsWith(term)) candidates.push([word, shard]);
          });
        });
        candidates.sort(function (a, b) { return a[0].length - b[0].length || search.compare(a[0], b[0]); });
        candidates.slice(0, 40).forEach(function (c) { add(c[1].w[c[0]], PREFIX_WEIGHT, c[1].p[c[1].w[c[0]]], 'prefix', c[0]); });
      }
      var max = search.tolerance(term);
      if ((stems.size && !widen) || !max) return stems;
      return having('nearWords', 'search-typos.js').then(function () {
        return search.nearWords(term, max, manifest, function (name) { return engine.file(name); }, loaded.slice(0, 2));
      }).then(function (near) {
        near.forEach(function (n) { add(n[2].w[n[1]], TYPO_WEIGHT / n[0], n[2].p[n[2].w[n[1]]], 'typo', n[1]); });
        return stems;
      });
    });
  };

  /** The stems of one group of the query: its identifier when the index has it (one
      term then stands for all its words), else one entry per word, all required;
      `widen` as for stemsOf. */
  Engine.prototype.groupStems = function (group, prefix, manifest, widen) {
    var engine = this;
    var found = function (stems) {
      return Array.from(stems.values()).some(function (e) { return e.how === 'word' || e.how === 'stem'; });
    };
    // A word in camel case the index does not have stands for its parts.
    var wordOrParts = function (word, last) {
      var parts = (group.camel || {})[word];
      return engine.stemsOf(word, last && !parts, manifest, widen).then(function (stems) {
        if (!parts || found(stems)) return [stems];
        return Promise.all(parts.map(function (part, i) { return engine.stemsOf(part, last && i === parts.length - 1, manifest, widen); }));
      });
    };
    var perWord = function () {
      return Promise.all(group.words.map(function (word, i) {
        return wordOrParts(word, prefix && i === group.words.length - 1);
      })).then(function (lists) { return [].concat.apply([], lists); });
    };
    if (!group.identifier) return perWord();
    return this.stemsOf(group.identifier, false, manifest, widen).then(function (stems) {
      return found(stems) ? [stems] : perWord();
    });
  };

  /** The pages of the filters: for each filter, any of its values; all filters must hold. */
  Engine.prototype.filterPages = function (filters) {
    var engine = this;
    var names = Object.keys(filters);
    return Promise.all(names.map(function (name) { return engine.file('f-' + name + '.json'); })).then(function (files) {
      var result = null;
      files.forEach(function (file, i) {
        var union = new Set();
        filters[names[i]].forEach(function (value) {
          if (file[value] !== undefined) search.pageSet(file[value]).forEach(function (d) { union.add(d); });
        });
        result = result === null ? union : new Set(Array.from(result).filter(function (d) { return union.has(d); }));
      });
      return result;
    });
  };

  /** Runs a query: `{terms, stems, corrections, missing, results: [{page, score,
      section, sections}]}`, best first (`section` is the page's best section, `sections`
      every section where one of the query's words stands best). Every group of the query
      must match, but for a group that
      matches no page at all while others do (`missing`); a page's score is the sum of its
      best match per group. `corrections` maps a word that matched nothing to the
      indexed word tried instead ("did you mean"). With a quoted phrase, only the pages
      that have it are kept (search-phrases.js). */
  Engine.prototype.search = function (query) {
    var engine = this;
    return this.manifest().then(function (manifest) {
      var parsed = search.parseQuery(query, manifest.stop);
      var hasFilters = Object.keys(parsed.filters).length > 0;
      var empty = { terms: [], stems: [], corrections: {}, phrases: [], results: [] };
      if (!parsed.groups.length && !hasFilters) return empty;
      var lookups = function (widen) {
        return Promise.all(parsed.groups.map(function (group, i) {
          return engine.groupStems(group, parsed.prefix && i === parsed.groups.length - 1, manifest, widen);
        }));
      };
      // Two words that the handbook writes as one (`failing over`: `failover`) also
      // match the one word, whose stem is the first word's stem and the second word.
      var analyzer = engine.analyzer(manifest);
      var joins = parsed.groups.map(function (group, i) {
        var next = parsed.groups[i + 1];
        if (!next || group.words.length !== 1 || next.words.length !== 1 || group.identifier || next.identifier) return null;
        var joined = (analyzer.stem(group.words[0]) || group.words[0]) + next.words[0];
        return engine.stemsOf(joined, false, manifest).then(function (stems) {
          stems.forEach(function (entry, stem) { if (entry.how === 'typo' || entry.how === 'prefix') stems.delete(stem); });
          return stems.size ? stems : null;
        });
      });
      // The pages of the query's stems (`found`: the stems of each group, the pages the
      // filters allow, the joined words), scored and in order. With `widened`, a
      // correction is named only where the first result has the corrected word and not
      // the word as asked.
      var rank = function (found, widened) {
        var allowed = found[1];
        var matchedStems = [];
        var matchedWords = [];
        var corrections = {};
        var typos = [];
        var asIs = new Map();
        var scoresOf = function (stems) {
          var termScores = new Map();
          stems.forEach(function (entry, stem) {
            matchedStems.push(stem);
            if (entry.word) matchedWords.push(entry.word);
            var postings = search.stemPostings(entry.postings, manifest.pages);
            if (entry.how === 'typo') {
              // The nearest word, the most used of those as near (search-typos.js), names
              // the correction: the first of the word's typing mistakes.
              if (!widened && !has(corrections, entry.asked || '')) corrections[entry.asked || ''] = entry.word;
              typos.push({ asked: entry.asked || '', word: entry.word, postings: postings });
            } else {
              asIs.set(entry.asked || '', (asIs.get(entry.asked || '') || []).concat([postings]));
            }
            postings.forEach(function (hit, page) {
              var score = hit[0] * entry.weight;
              var current = termScores.get(page);
              // The best match of the word's stems counts; each one's best section is kept
              // (in the entry this loop made for the page: no array copied per posting).
              if (!current) { termScores.set(page, { score: score, section: hit[1], best: score, sections: [hit[1]] }); return; }
              current.sections.push(hit[1]);
              if (score > current.score) { current.score = score; current.section = hit[1]; current.best = score; }
            });
          });
          return termScores;
        };
        var both = function (a, b) {
          if (a === null) return b;
          var next = new Map();
          a.forEach(function (entry, page) {
            var hit = b.get(page);
            if (!hit) return;
            var better = hit.best > entry.best;
            next.set(page, { score: entry.score + hit.score, section: better ? hit.section : entry.section, best: Math.max(hit.best, entry.best),
              sections: entry.sections.concat(hit.sections) });
          });
          return next;
        };
        // A word that matches nothing, not even by a typing mistake, would leave no page:
        // when other words match, it is left out and named (`missing`), as a reader who
        // misremembers one word of a title still finds the page.
        var matchesNothing = function (g) {
          return found[0][g].every(function (stems) { return stems.size === 0; }) && !found[2][g] && !(g > 0 && found[2][g - 1]);
        };
        var someMatch = parsed.groups.some(function (group, g) { return !matchesNothing(g); });
        var missing = [];
        var groupScores = found[0].map(function (list) { return list.map(scoresOf).reduce(both, null); });
        var scores = null;
        for (var g = 0; g < groupScores.length; g++) {
          if (someMatch && matchesNothing(g)) {
            missing.push(parsed.groups[g].words.join(' '));
            continue;
          }
          var term = groupScores[g];
          if (found[2][g] && g + 1 < groupScores.length) {
            var pair = both(term, groupScores[g + 1]);
            scoresOf(found[2][g]).forEach(function (hit, page) {
              var known = pair.get(page);
              if (!known || known.score < JOIN_WEIGHT * hit.score) pair.set(page, { score: JOIN_WEIGHT * hit.score, section: hit.section, best: hit.best, sections: hit.sections });
            });
            term = pair;
            g++;
          }
          scores = both(scores, term);
        }
        if (scores === null) {
          scores = new Map();
          (allowed || new Set()).forEach(function (page) { scores.set(page, { score: 0, section: 0, sections: [0] }); });
        }
        var results = [];
        scores.forEach(function (entry, page) {
          if (!allowed || allowed.has(page)) {
            // The sections where the words stand, the best first: those its snippet shows.
            var sections = [entry.section].concat(entry.sections).filter(function (s, i, all) { return all.indexOf(s) === i; });
            results.push({ page: page, score: entry.score, section: entry.section, sections: sections });
          }
        });
        results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
        if (widened && results.length) {
          var first = results[0].page;
          typos.forEach(function (typo) {
            var asked = (asIs.get(typo.asked) || []).some(function (postings) { return postings.has(first); });
            if (typo.postings.has(first) && !asked && !has(corrections, typo.asked)) corrections[typo.asked] = typo.word;
          });
        }
        return { analyzer: engine.analyzer(manifest), terms: parsed.terms, stems: matchedStems, words: matchedWords, prefix: parsed.prefix,
          corrections: corrections, missing: missing, phrases: parsed.phrases, results: results };
      };
      var filters = hasFilters ? engine.filterPages(parsed.filters) : null;
      return Promise.all([lookups(false), filters, Promise.all(joins)]).then(function (found) {
        var ranked = rank(found);
        // Every word is in the index but no page has them all: a word may be another
        // word misspelt (`kublet down`, where one page has the misspelling `kublet` and
        // none has it with `down`). Each word's typing mistakes are then tried beside
        // it, as for a word that matches nothing, and shown as corrections.
        if (ranked.results.length || parsed.groups.length < 2) return ranked;
        return lookups(true).then(function (wider) { return rank([wider, found[1], found[2]], true); });
      }).then(function (ranked) {
        if (!parsed.phrases.length) return ranked;
        return having('keepPhrases', 'search-phrases.js').then(function () { return search.keepPhrases(engine, ranked); });
      });
    });
  };

  /** Sections of a page, for its snippets: `[{index, id, heading, text}]`, from the
      chunks of its sections (crates/search/src/search_index/snippets.rs: `s/<folder>/s-<page>.json`, then
      `s/<folder>/s-<page>-<k>.json`, a folder per `manifest.snippets` pages), each
      fetched whole. With `wanted` (section numbers: where the index found the query's
      words), only the chunks that hold them; else all. */
  Engine.prototype.sections = function (page, wanted) {
    var engine = this;
    return Promise.all([this.manifest(), this.record(page)]).then(function (both) {
      var folder = 's/' + Math.floor(page / both[0].snippets) + '/s-' + page;
      var record = both[1];
      var starts = [0].concat(record.chunks);
      var chunkOf = function (section) {
        var k = 0;
        while (k + 1 < starts.length && starts[k + 1] <= section) k++;
        return k;
      };
      var chunks = wanted && wanted.length ? wanted.map(chunkOf) : starts.map(function (_, k) { return k; });
      chunks = chunks.filter(function (k, i) { return chunks.indexOf(k) === i; }).sort(function (a, b) { return a - b; });
      return Promise.all(chunks.map(function (k) {
        return engine.file(folder + (k ? '-' + k : '') + '.json').then(function (list) {
          return list.map(function (s, i) { return { index: starts[k] + i, id: s[0], heading: s[1], text: s[2] }; });
        });
      })).then(function (lists) { return [].concat.apply([], lists); });
    });
  };

  /** The record of a page: `{url, title, kind, section, place, chunks, service,
      severity}`; its place is its breadcrumb path (the top section's title for an
      index written without it), its chunks the sections its snippet chunks after the
      first start with. */
  Engine.prototype.record = function (page) {
    var engine = this;
    return this.manifest().then(function (manifest) {
      var chunk = Math.floor(page / manifest.chunk);
      return engine.file('p-' + chunk + '.json').then(function (records) {
        var r = records[page % manifest.chunk];
        var chunks = search.decode(r[4]);
        var sections = manifest.facets.section.filter(function (s) { return s.value === r[3]; });
        var section = sections.length ? sections[0].label : '';
        return { url: r[0], title: r[1], kind: r[2], section: section, place: r[7] || section, chunks: chunks,
          service: r[5] || '', severity: r[6] || '' };
      });
    });
  };

  search.Engine = Engine;
})(typeof module !== 'undefined' && module.exports ? (module.exports = require('./search-typos.js')) : this.OpsbookSearch);
