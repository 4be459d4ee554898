/* opsbook search: the client of the static index under search/ (see src/search in the
   opsbook sources for its layout). Plain JavaScript, no dependencies, no requests
   outside the site. The first part is pure (also used by the tests under Node); the
   second wires the search box on every page and the /search/?q= page. */
(function (global) {
  'use strict';

  // ---- Text handling: search-analysis.js, the same as src/search/text.rs ----

  var analysis = typeof module !== 'undefined' && module.exports ? require('./search-analysis.js') : global.OpsbookAnalysis;
  var fold = analysis.fold;
  var words = analysis.words;
  var LAST = '0123456789abcdefghijklmnopqrstuv';
  var MORE = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  var SEPARATOR = /[^\p{Alphabetic}\p{N}]+/u;
  var FILTERS = ['kind', 'owner', 'tag', 'section'];
  /** What a match counts for, against the word's own stem: another word the last query
      word starts (while typing) and a word one or two typing mistakes away. */
  var PREFIX_WEIGHT = 0.5;
  var TYPO_WEIGHT = 0.3;
  /** How much a page found for the whole phrase of a quoted query counts above others. */
  var PHRASE_BONUS = 1000;
  var PHRASE_CHECKED = 10;
  /** What a word the handbook writes as one (`failover`) counts for two query words
      (`failing over`), against its own score. */
  var JOIN_WEIGHT = 1.2;

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
        var identifier = analysis.terms(token).filter(function (t) { return t[1]; }).map(function (t) { return t[0]; })[0];
        if (!kept.length && !identifier) return;
        parsed.groups.push({ words: kept, identifier: identifier || null, camel: camel });
        parsed.terms.push.apply(parsed.terms, kept);
      });
      if (inQuotes && phrase.length > 1) parsed.phrases.push(phrase);
    });
    parsed.prefix = parsed.groups.length > 0 && !/[\s"]$/.test(query) && lastToken.indexOf(':') < 0;
    return parsed;
  }

  /** The edit distance of two words (Levenshtein), or `max + 1` once it is above `max`. */
  function distance(a, b, max) {
    var x = Array.from(a);
    var y = Array.from(b);
    if (Math.abs(x.length - y.length) > max) return max + 1;
    var previous = [];
    for (var j = 0; j <= y.length; j++) previous.push(j);
    for (var i = 1; i <= x.length; i++) {
      var current = [i];
      var low = i;
      for (var k = 1; k <= y.length; k++) {
        var cost = x[i - 1] === y[k - 1] ? 0 : 1;
        current.push(Math.min(previous[k] + 1, current[k - 1] + 1, previous[k - 1] + cost));
        low = Math.min(low, current[k]);
      }
      if (low > max) return max + 1;
      previous = current;
    }
    return previous[y.length];
  }

  /** How many typing mistakes a word may have: one, two from eight letters on. */
  function tolerance(word) {
    var length = Array.from(word).length;
    return length >= 8 ? 2 : length >= 4 ? 1 : 0;
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
    var missing = new Set();
    var doc = 0;
    decode(value[0]).forEach(function (delta) { doc += delta; missing.add(doc); });
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
         from eight letters on) of about its length, weight 0.3: `postgress`. */
  Engine.prototype.stemsOf = function (term, prefix, manifest) {
    var engine = this;
    var analyzer = this.analyzer(manifest);
    var stem = analyzer.stem(term) || term;
    var shards = [shardOf(term, manifest.shards)];
    if (prefix) shards = shards.concat(shardsOfPrefix(term, manifest.shards).slice(0, 8));
    shards = shards.filter(function (n, i) { return shards.indexOf(n) === i; });
    var load = function (list) { return Promise.all(list.map(function (n) { return engine.file('t-' + n + '.json'); })); };
    // The stem's home shard, only when the word's own shard does not have the word.
    var home = shardOf(stem, manifest.shards);
    return load(shards).then(function (loaded) {
      var known = loaded.some(function (shard) { return shard.w[term] !== undefined; });
      if (known || shards.indexOf(home) >= 0 || !analyzer.exact) return loaded;
      return load([home]).then(function (more) { return loaded.concat(more); });
    }).then(function (loaded) {
      var stems = new Map();
      var add = function (key, weight, postings, how, word) {
        var known = stems.get(key);
        if (postings !== undefined && (!known || known.weight < weight)) stems.set(key, { weight: weight, postings: postings, how: how, word: word, asked: term });
      };
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
        candidates.sort(function (a, b) { return a[0].length - b[0].length || compare(a[0], b[0]); });
        candidates.slice(0, 40).forEach(function (c) { add(c[1].w[c[0]], PREFIX_WEIGHT, c[1].p[c[1].w[c[0]]], 'prefix', c[0]); });
      }
      if (stems.size) return stems;
      var max = tolerance(term);
      if (!max) return stems;
      var near = [];
      loaded.slice(0, 2).forEach(function (shard) {
        Object.keys(shard.w).forEach(function (word) {
          var d = distance(term, word, max);
          if (d <= max) near.push([d, word, shard]);
        });
      });
      near.sort(function (a, b) { return a[0] - b[0] || compare(a[1], b[1]); });
      near.slice(0, 3).forEach(function (n) { add(n[2].w[n[1]], TYPO_WEIGHT / n[0], n[2].p[n[2].w[n[1]]], 'typo', n[1]); });
      return stems;
    });
  };

  /** The stems of one group of the query: its identifier when the index has it (one
      term then stands for all its words), else one entry per word, all required. */
  Engine.prototype.groupStems = function (group, prefix, manifest) {
    var engine = this;
    var found = function (stems) {
      return Array.from(stems.values()).some(function (e) { return e.how === 'word' || e.how === 'stem'; });
    };
    // A word in camel case the index does not have stands for its parts.
    var wordOrParts = function (word, last) {
      var parts = (group.camel || {})[word];
      return engine.stemsOf(word, last && !parts, manifest).then(function (stems) {
        if (!parts || found(stems)) return [stems];
        return Promise.all(parts.map(function (part, i) { return engine.stemsOf(part, last && i === parts.length - 1, manifest); }));
      });
    };
    var perWord = function () {
      return Promise.all(group.words.map(function (word, i) {
        return wordOrParts(word, prefix && i === group.words.length - 1);
      })).then(function (lists) { return [].concat.apply([], lists); });
    };
    if (!group.identifier) return perWord();
    return this.stemsOf(group.identifier, false, manifest).then(function (stems) {
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
          if (file[value] !== undefined) pageSet(file[value]).forEach(function (d) { union.add(d); });
        });
        result = result === null ? union : new Set(Array.from(result).filter(function (d) { return union.has(d); }));
      });
      return result;
    });
  };

  /** Runs a query: `{terms, stems, corrections, results: [{page, score, section}]}`,
      best first. Every group of the query must match; a page's score is the sum of its
      best match per group. `corrections` maps a word that matched nothing to the
      indexed word tried instead ("did you mean"). With a quoted phrase and a `text`
      function (page, section -> promise of the section's text), the best pages whose
      text has the phrase come first. */
  Engine.prototype.search = function (query) {
    var engine = this;
    return this.manifest().then(function (manifest) {
      var parsed = parseQuery(query, manifest.stop);
      var hasFilters = Object.keys(parsed.filters).length > 0;
      var empty = { terms: [], stems: [], corrections: {}, phrases: [], results: [] };
      if (!parsed.groups.length && !hasFilters) return empty;
      var lookups = parsed.groups.map(function (group, i) {
        return engine.groupStems(group, parsed.prefix && i === parsed.groups.length - 1, manifest);
      });
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
      return Promise.all([Promise.all(lookups), hasFilters ? engine.filterPages(parsed.filters) : null, Promise.all(joins)]).then(function (found) {
        var allowed = found[1];
        var matchedStems = [];
        var matchedWords = [];
        var corrections = {};
        var scoresOf = function (stems) {
          var termScores = new Map();
          stems.forEach(function (entry, stem) {
            matchedStems.push(stem);
            if (entry.word) matchedWords.push(entry.word);
            if (entry.how === 'typo') corrections[entry.asked || ''] = entry.word;
            stemPostings(entry.postings, manifest.pages).forEach(function (hit, page) {
              var score = hit[0] * entry.weight;
              var current = termScores.get(page);
              if (!current || score > current[0]) termScores.set(page, { score: score, section: hit[1], best: score });
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
            next.set(page, { score: entry.score + hit.score, section: better ? hit.section : entry.section, best: Math.max(hit.best, entry.best) });
          });
          return next;
        };
        var groupScores = found[0].map(function (list) { return list.map(scoresOf).reduce(both, null); });
        var scores = null;
        for (var g = 0; g < groupScores.length; g++) {
          var term = groupScores[g];
          if (found[2][g] && g + 1 < groupScores.length) {
            var pair = both(term, groupScores[g + 1]);
            scoresOf(found[2][g]).forEach(function (hit, page) {
              var known = pair.get(page);
              if (!known || known.score < JOIN_WEIGHT * hit.score) pair.set(page, { score: JOIN_WEIGHT * hit.score, section: hit.section, best: hit.best });
            });
            term = pair;
            g++;
          }
          scores = both(scores, term);
        }
        if (scores === null) {
          scores = new Map();
          (allowed || new Set()).forEach(function (page) { scores.set(page, { score: 0, section: 0 }); });
        }
        var results = [];
        scores.forEach(function (entry, page) {
          if (!allowed || allowed.has(page)) results.push({ page: page, score: entry.score, section: entry.section });
        });
        results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
        var search = { analyzer: engine.analyzer(manifest), terms: parsed.terms, stems: matchedStems, words: matchedWords, prefix: parsed.prefix,
          corrections: corrections, phrases: parsed.phrases, results: results };
        return parsed.phrases.length && engine.text ? engine.rankPhrases(search) : search;
      });
    });
  };

  /** Moves the pages whose best section has the query's phrases (as consecutive words,
      compared by stem) to the top, keeping their order; looks at the first
      PHRASE_CHECKED, whose sections the results list fetches for snippets anyway. */
  Engine.prototype.rankPhrases = function (search) {
    var engine = this;
    return this.manifest().then(function (manifest) {
      var analyzer = engine.analyzer(manifest);
      var stems = function (text) {
        return words(text).map(function (w) { return analyzer.stem(w); }).filter(function (s) { return s !== null; });
      };
      var phrases = search.phrases.map(function (p) { return stems(p.join(' ')); }).filter(function (p) { return p.length > 1; });
      var top = search.results.slice(0, PHRASE_CHECKED);
      return Promise.all(top.map(function (hit) {
        return Promise.resolve(engine.text(hit.page, hit.section)).then(function (text) {
          var have = stems(text || '').join(' ');
          return phrases.every(function (p) { return (' ' + have + ' ').indexOf(' ' + p.join(' ') + ' ') >= 0; });
        }, function () { return false; });
      })).then(function (found) {
        top.forEach(function (hit, i) { if (found[i]) hit.score += PHRASE_BONUS; });
        search.results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
        return search;
      });
    });
  };

  /** The record of a page: `{url, title, kind, section, ranges}`. */
  Engine.prototype.record = function (page) {
    var engine = this;
    return this.manifest().then(function (manifest) {
      var chunk = Math.floor(page / manifest.chunk);
      return engine.file('p-' + chunk + '.json').then(function (records) {
        var r = records[page % manifest.chunk];
        var ranges = decode(r[4]);
        var sections = manifest.facets.section.filter(function (s) { return s.value === r[3]; });
        return { url: r[0], title: r[1], kind: r[2], section: sections.length ? sections[0].label : '', ranges: ranges,
          service: r[5] || '', severity: r[6] || '' };
      });
    });
  };

  /** Whether a word of a page's text matches the query, to highlight it: it is a word
      the query matched, has the stem of one, or starts like the word being typed. */
  function matches(word, search) {
    var w = fold(word);
    if (w.length < 2) return false;
    if (search.terms.indexOf(w) >= 0 || (search.words || []).indexOf(w) >= 0) return true;
    if (search.prefix && search.terms.length && w.startsWith(search.terms[search.terms.length - 1])) return true;
    var stem = search.analyzer ? search.analyzer.stem(w) : w;
    return stem !== null && search.stems.indexOf(stem) >= 0;
  }

  /** A snippet of `text`: about `size` words around the first place where most query
      words stand, as parts `[text, highlighted]`; only the matching words of a longer
      token are highlighted (`pg_stat_replication`: `replication`). */
  function snippet(text, search, size) {
    size = size || 30;
    var tokens = text.split(/(\s+)/);
    var wordIndexes = [];
    tokens.forEach(function (t, i) { if (t && !/^\s+$/.test(t)) wordIndexes.push(i); });
    var pieces = wordIndexes.map(function (i) {
      return tokens[i].split(/([^\p{Alphabetic}\p{N}]+)/u).filter(Boolean).map(function (piece) {
        return [piece, !SEPARATOR.test(piece) && matches(piece, search)];
      });
    });
    var hits = pieces.map(function (p) { return p.some(function (x) { return x[1]; }); });
    var best = 0;
    var bestCount = -1;
    var step = Math.max(1, Math.floor(size / 6));
    for (var start = 0; start < Math.max(1, wordIndexes.length - size + 1); start += step) {
      var count = 0;
      for (var k = start; k < Math.min(start + size, hits.length); k++) if (hits[k]) count++;
      if (count > bestCount) { bestCount = count; best = start; }
    }
    var parts = [];
    var push = function (text, mark) {
      var last = parts[parts.length - 1];
      if (last && !last[1] && !mark) last[0] += text; else parts.push([text, mark]);
    };
    if (best > 0) push('… ', false);
    var end = Math.min(best + size, wordIndexes.length);
    for (var j = best; j < end; j++) {
      pieces[j].forEach(function (piece) { push(piece[0], piece[1]); });
      if (j < end - 1) push(' ', false);
    }
    if (end < wordIndexes.length) push(' …', false);
    return parts;
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
        pageSet(files[facet][value]).forEach(function (d) { if (pages.has(d)) n++; });
        var label = (labels[facet] || []).filter(function (v) { return v.value === value; })[0];
        if (n) list.push({ value: value, label: label ? label.label : value, count: n });
      });
      list.sort(function (a, b) { return b.count - a.count || compare(a.label, b.label); });
      counts[facet] = list;
    });
    return counts;
  }

  var api = { fold: fold, words: words, decode: decode, parseQuery: parseQuery, compare: compare, shardOf: shardOf,
    shardsOfPrefix: shardsOfPrefix, stemPostings: stemPostings, Engine: Engine, snippet: snippet, matches: matches,
    distance: distance, facetCounts: facetCounts, analysis: analysis };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;

  // ---- The search box on every page, and the search page ----

  var script = document.currentScript;
  var root = (script && script.dataset.root) || '/';
  var engine = new Engine(function (name) {
    return fetch(root + 'search/' + name).then(function (response) {
      if (!response.ok) throw new Error('search index: ' + response.status + ' for ' + name);
      return response.json();
    });
  });

  /** The text of a page's section, for phrases. */
  engine.text = function (page, section) {
    return engine.record(page).then(function (record) { return sectionOf(record, section); }).then(function (got) {
      return got.heading + ' ' + got.text;
    });
  };

  /** The text and first heading of a page's section, fetched by byte range: at most
      SNIPPET_BYTES of it, enough for a snippet. */
  var SNIPPET_BYTES = 4096;
  var BLOCKS = 'p, li, td, th, tr, dt, dd, h1, h2, h3, h4, h5, h6, div, blockquote, figcaption, caption, br';
  var sectionCache = new Map();
  function sectionOf(record, section) {
    var key = record.url + '#' + section;
    if (sectionCache.has(key)) return sectionCache.get(key);
    var start = record.ranges[section * 2];
    var length = Math.min(record.ranges[section * 2 + 1], SNIPPET_BYTES);
    if (start === undefined) return Promise.resolve({ id: '', heading: '', text: '' });
    var promise = fetch(root + record.url, { headers: { Range: 'bytes=' + start + '-' + (start + length - 1) } })
      .then(function (response) { return response.arrayBuffer().then(function (buffer) { return [response.status, buffer]; }); })
      .then(function (got) {
        var bytes = new Uint8Array(got[1]);
        if (got[0] !== 206) bytes = bytes.slice(start, start + length);
        var html = new TextDecoder().decode(bytes).replace(/<[^>]*$/, '');
        var doc = new DOMParser().parseFromString('<div>' + html + '</div>', 'text/html');
        var heading = doc.querySelector('h1[id],h2[id],h3[id],h4[id],h5[id],h6[id]');
        var id = heading ? heading.id : '';
        var headingText = '';
        if (heading) {
          heading.querySelectorAll('a.anchor').forEach(function (a) { a.remove(); });
          headingText = heading.textContent.trim();
          heading.remove();
        }
        doc.querySelectorAll('pre, script, style').forEach(function (el) { el.textContent = ' ' + el.textContent + ' '; });
        // Keep the words of adjacent blocks apart: table cells, list items, paragraphs.
        doc.querySelectorAll(BLOCKS).forEach(function (el) { el.appendChild(doc.createTextNode(' ')); });
        return { id: id, heading: headingText, text: doc.body.textContent.replace(/\s+/g, ' ').trim() };
      })
      .catch(function () { return { id: '', heading: '', text: '' }; });
    sectionCache.set(key, promise);
    return promise;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  /** Where a result stands: its section, its kind, and a runbook's service and severity. */
  function placeOf(record) {
    return [record.section, record.kind !== 'page' ? record.kind : '', record.service, record.severity].filter(Boolean).join(' · ');
  }

  /** One result: a link to the page (to its section once known), its place, a snippet. */
  function renderResult(hit, search, withSnippet) {
    var item = element('li', 'search-result');
    var link = element('a', 'search-result-link');
    item.appendChild(link);
    engine.record(hit.page).then(function (record) {
      link.href = root + record.url;
      link.appendChild(element('span', 'search-result-title', record.title));
      var place = element('span', 'search-result-place', placeOf(record));
      link.appendChild(place);
      if (!withSnippet) return;
      var text = element('span', 'search-result-snippet');
      link.appendChild(text);
      sectionOf(record, hit.section).then(function (section) {
        if (section.id) link.href = root + record.url + '#' + encodeURIComponent(section.id);
        if (section.heading && section.heading !== record.title) place.textContent = [place.textContent, section.heading].filter(Boolean).join(' › ');
        snippet(section.text, search, 28).forEach(function (part) {
          text.appendChild(part[1] ? element('mark', '', part[0]) : document.createTextNode(part[0]));
        });
      });
    });
    return item;
  }

  function renderResults(container, search, limit, withSnippets) {
    container.textContent = '';
    if (!search.results.length) {
      container.appendChild(element('p', 'search-empty', search.terms.length || search.results ? 'No pages match.' : ''));
      return;
    }
    var list = element('ol', 'search-result-list');
    search.results.slice(0, limit).forEach(function (hit) { list.appendChild(renderResult(hit, search, withSnippets)); });
    container.appendChild(list);
  }

  // The search box in the header: an ARIA 1.2 combobox. The input owns a listbox of
  // options (the result links); arrow keys move the active option (aria-activedescendant),
  // Enter opens it, Escape closes the list; a live region says how many pages match.
  function wireBox(form, number) {
    var input = form.querySelector('input[type="search"]');
    var box = form.querySelector('.search-results');
    var status = form.querySelector('.search-status');
    if (!input || !box) return;
    var listId = 'search-listbox-' + number;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    var active = -1;
    var timer = null;
    var serial = 0;
    function options() { return Array.from(box.querySelectorAll('[role="option"]')); }
    function highlight(index) {
      var all = options();
      all.forEach(function (a, i) {
        a.classList.toggle('active', i === index);
        a.setAttribute('aria-selected', i === index ? 'true' : 'false');
      });
      active = index;
      if (all[index]) {
        input.setAttribute('aria-activedescendant', all[index].id);
        all[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function say(text) { if (status) status.textContent = text; }
    function close() {
      box.hidden = true;
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function run() {
      var query = input.value;
      var mine = ++serial;
      if (query.trim().length < 2) { close(); say(''); return; }
      engine.search(query).then(function (search) {
        if (mine !== serial) return;
        box.textContent = '';
        var list = element('ol', 'search-result-list');
        list.id = listId;
        list.setAttribute('role', 'listbox');
        list.setAttribute('aria-label', 'Search results');
        search.results.slice(0, 8).forEach(function (hit, i) {
          var item = renderResult(hit, search, true);
          item.setAttribute('role', 'none');
          var link = item.querySelector('a');
          link.setAttribute('role', 'option');
          link.setAttribute('aria-selected', 'false');
          link.id = listId + '-' + i;
          link.tabIndex = -1;
          list.appendChild(item);
        });
        box.appendChild(list);
        var count = search.results.length;
        if (!count) box.appendChild(element('p', 'search-empty', 'No pages match.'));
        if (count > 8) {
          var more = element('a', 'search-more', 'All ' + count + ' results');
          more.href = root + (form.getAttribute('data-page') || 'search/') + '?q=' + encodeURIComponent(query);
          box.appendChild(more);
        }
        box.hidden = false;
        input.setAttribute('aria-expanded', count ? 'true' : 'false');
        active = -1;
        input.removeAttribute('aria-activedescendant');
        say(count ? count + (count === 1 ? ' page matches' : ' pages match') + (count > 8 ? ', 8 shown' : '') + '. Use the arrow keys to choose.' : 'No pages match.');
      }).catch(function () { close(); });
    }
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 80); });
    input.addEventListener('keydown', function (event) {
      var all = options();
      if (event.key === 'ArrowDown') { event.preventDefault(); if (box.hidden && input.value.trim().length >= 2) { run(); return; } if (all.length) highlight(Math.min(active + 1, all.length - 1)); }
      else if (event.key === 'ArrowUp') { event.preventDefault(); if (all.length) highlight(Math.max(active - 1, 0)); }
      else if (event.key === 'Enter' && active >= 0 && all[active]) { event.preventDefault(); window.location.href = all[active].href; }
      else if (event.key === 'Escape') { if (!box.hidden) { event.preventDefault(); close(); } else { input.blur(); } }
    });
    document.addEventListener('click', function (event) { if (!form.contains(event.target)) close(); });
  }

  // `/` and Ctrl-K (Cmd-K) focus the search box.
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    var input = document.querySelector('.search-form input[type="search"]');
    if (!input) return;
    if ((event.key === '/' && !typing) || (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  // The search page: /search/?q=WORDS shows the results for WORDS, with filters whose
  // counts are those of the current results ("did you mean" when a word was corrected).
  var FACETS = [['kind', 'Kind'], ['section', 'Section'], ['owner', 'Owner'], ['tag', 'Tag']];
  var FACET_SHOWN = 8;

  /** The query with each corrected word replaced by the word the index has. */
  function corrected(query, corrections) {
    return query.split(/(\s+)/).map(function (token) {
      var word = fold(token.replace(/^"|"$/g, ''));
      return corrections[word] ? token.replace(/[^"]+/, corrections[word]) : token;
    }).join('');
  }

  function wirePage(page) {
    var input = page.querySelector('input[type="search"]');
    var results = page.querySelector('#search-results');
    var filters = page.querySelector('.search-filters');
    var box = page.querySelector('.search-filters-box');
    var limit = 20;
    var serial = 0;
    var expanded = {};
    var baseTitle = document.title;
    // On small screens the filters start folded away.
    if (box && window.matchMedia && window.matchMedia('(max-width: 50rem)').matches) box.open = false;
    function query() { return input.value; }
    function show() {
      var q = query();
      var mine = ++serial;
      var url = new URL(window.location.href);
      if (q) url.searchParams.set('q', q); else url.searchParams.delete('q');
      window.history.replaceState(null, '', url);
      document.title = (q ? q + ' · ' : '') + baseTitle;
      engine.search(q).then(function (search) {
        if (mine !== serial) return;
        renderResults(results, search, limit, true);
        var count = element('p', 'search-count', search.results.length + (search.results.length === 1 ? ' page' : ' pages'));
        results.insertBefore(count, results.firstChild);
        if (Object.keys(search.corrections).length) {
          var better = corrected(q, search.corrections);
          var suggest = element('p', 'search-suggest', 'Did you mean ');
          var link = element('a', '', better);
          link.href = '?q=' + encodeURIComponent(better);
          link.addEventListener('click', function (event) { event.preventDefault(); input.value = better; show(); });
          suggest.appendChild(link);
          suggest.appendChild(document.createTextNode('?'));
          results.insertBefore(suggest, count.nextSibling);
        }
        if (search.results.length > limit) {
          var more = element('button', 'search-more', 'Show more');
          more.type = 'button';
          more.addEventListener('click', function () { limit += 20; show(); });
          results.appendChild(more);
        }
        return renderFacets(search, mine);
      });
    }
    /** The filter buttons: for each filter, the values of the current results (all pages
        without a query) with their counts, the first few shown and the rest behind "More". */
    function renderFacets(search, mine) {
      if (!filters) return null;
      return engine.manifest().then(function (manifest) {
        var empty = !query().trim();
        if (empty) return manifest.facets;
        return Promise.all(FACETS.map(function (f) { return engine.file('f-' + f[0] + '.json'); })).then(function (files) {
          var byName = {};
          FACETS.forEach(function (f, i) { byName[f[0]] = files[i]; });
          return facetCounts(search.results, byName, manifest.facets);
        });
      }).then(function (counts) {
        if (mine !== serial) return;
        var tokens = ' ' + query().toLowerCase() + ' ';
        filters.textContent = '';
        FACETS.forEach(function (facet) {
          var values = (counts[facet[0]] || []).slice();
          var active = function (v) { return tokens.indexOf(' ' + (facet[0] + ':' + v.value).toLowerCase() + ' ') >= 0; };
          if (!values.length) return;
          var group = element('div', 'search-filter-group');
          group.setAttribute('role', 'group');
          group.setAttribute('aria-label', facet[1]);
          group.appendChild(element('span', 'search-filter-name', facet[1]));
          var open = expanded[facet[0]];
          values.forEach(function (v, i) {
            if (i >= FACET_SHOWN && !open && !active(v)) return;
            var button = element('button', 'search-filter', v.label + ' (' + v.count + ')');
            button.type = 'button';
            button.dataset.token = facet[0] + ':' + v.value;
            button.setAttribute('aria-pressed', active(v) ? 'true' : 'false');
            button.addEventListener('click', function () { toggle(button.dataset.token); });
            group.appendChild(button);
          });
          if (values.length > FACET_SHOWN) {
            var more = element('button', 'search-filter-more', open ? 'Fewer' : 'More (' + (values.length - FACET_SHOWN) + ')');
            more.type = 'button';
            more.setAttribute('aria-expanded', open ? 'true' : 'false');
            more.setAttribute('aria-label', (open ? 'Fewer ' : 'More ') + facet[1].toLowerCase() + ' filters');
            more.addEventListener('click', function () {
              expanded[facet[0]] = !open;
              renderFacets(search, serial).then(function () {
                var again = filters.querySelector('.search-filter-more[aria-label$="' + facet[1].toLowerCase() + ' filters"]');
                if (again) again.focus();
              });
            });
            group.appendChild(more);
          }
          filters.appendChild(group);
        });
      });
    }
    function toggle(token) {
      var tokens = query().split(/\s+/).filter(Boolean);
      var at = tokens.map(function (t) { return t.toLowerCase(); }).indexOf(token.toLowerCase());
      if (at >= 0) tokens.splice(at, 1); else tokens.unshift(token);
      input.value = tokens.join(' ');
      limit = 20;
      show();
    }
    var timer = null;
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { limit = 20; show(); }, 120); });
    page.querySelector('form').addEventListener('submit', function (event) { event.preventDefault(); show(); });
    var initial = new URL(window.location.href).searchParams.get('q') || '';
    input.value = initial;
    if (initial) show(); else engine.search('').then(function (search) { return renderFacets(search, serial); });
  }

  document.querySelectorAll('.search-form').forEach(function (form, i) { wireBox(form, i); });
  var page = document.querySelector('[data-search-page]');
  if (page) wirePage(page);
})(this);
