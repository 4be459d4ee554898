/* opsbook search: the client of the static index under search/ (see src/search in the
   opsbook sources for its layout). Plain JavaScript, no dependencies, no requests
   outside the site. The first part is pure (also used by the tests under Node); the
   second wires the search box on every page and the /search/?q= page. */
(function (global) {
  'use strict';

  // ---- Text handling: the same as src/search/text.rs and src/slug.rs ----

  var LAST = '0123456789abcdefghijklmnopqrstuv';
  var MORE = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  var SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'Æ': 'ae', 'œ': 'oe', 'Œ': 'oe', 'ø': 'o', 'Ø': 'o', 'đ': 'd', 'Đ': 'd',
    'ð': 'd', 'Ð': 'd', 'ł': 'l', 'Ł': 'l', 'þ': 'th', 'Þ': 'th', 'ı': 'i' };
  var SEPARATOR = /[^\p{Alphabetic}\p{N}]+/u;
  var MARK = /^\p{M}$/u;
  var FILTERS = ['kind', 'owner', 'tag', 'section'];

  /** Lower case, accents of Latin, Greek and Cyrillic letters dropped. */
  function fold(word) {
    if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
    var out = '';
    var afterFoldingBase = false;
    for (var ch of word) {
      var cp = ch.codePointAt(0);
      if (cp < 0x80) { out += ch.toLowerCase(); afterFoldingBase = true; continue; }
      if (MARK.test(ch)) { if (!afterFoldingBase) out += ch; continue; }
      if (SPECIAL[ch]) { out += SPECIAL[ch]; afterFoldingBase = true; continue; }
      var parts = Array.from(ch.normalize('NFD'));
      var base = parts[0].codePointAt(0);
      afterFoldingBase = base < 0x530;
      var onlyMarks = parts.slice(1).every(function (m) { return MARK.test(m); });
      out += afterFoldingBase && onlyMarks ? parts[0].toLowerCase() : ch.toLowerCase();
    }
    return out;
  }

  /** The folded words of a text, as the index has them (two characters or more). */
  function words(text) {
    return text.split(SEPARATOR).filter(function (w) { return Array.from(w).length >= 2; }).map(fold);
  }

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

  /** Splits a query into words and filters (`kind:runbook owner:@dba-team tag:x section:y`). */
  function parseQuery(query, stopWords) {
    var stop = new Set(stopWords || []);
    var parsed = { terms: [], filters: {}, prefix: false };
    var tokens = query.trim().split(/\s+/).filter(Boolean);
    tokens.forEach(function (token) {
      var colon = token.indexOf(':');
      var name = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
      if (FILTERS.indexOf(name) >= 0 && colon < token.length - 1) {
        var value = fold(token.slice(colon + 1).replace(/^@/, ''));
        (parsed.filters[name] = parsed.filters[name] || []).push(value);
        return;
      }
      words(token).forEach(function (w) { if (!stop.has(w)) parsed.terms.push(w); });
    });
    var lastToken = tokens[tokens.length - 1] || '';
    parsed.prefix = parsed.terms.length > 0 && !/\s$/.test(query) && lastToken.indexOf(':') < 0;
    return parsed;
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

  /** The stems matched by one query word, with a weight: the word's own stem counts
      fully; words that merely start with a prefix count half. A word the handbook does
      not use is looked up by ever shorter prefixes of it (down to 60% of its length,
      four characters at least), a stand-in for stemming on this side: `promoting`
      finds `promote`. */
  Engine.prototype.stemsOf = function (term, prefix, manifest) {
    var engine = this;
    return this.lookup(term, prefix, manifest).then(function (stems) {
      if (stems.size || prefix) return stems;
      var letters = Array.from(term);
      var shortest = Math.max(4, Math.ceil(letters.length * 0.6));
      var tryPrefix = function (length) {
        if (length < shortest) return Promise.resolve(stems);
        return engine.lookup(letters.slice(0, length).join(''), true, manifest).then(function (found) {
          if (!found.size) return tryPrefix(length - 1);
          found.forEach(function (entry) { entry.weight = Math.min(entry.weight, 0.6); });
          return found;
        });
      };
      return tryPrefix(letters.length - 1);
    });
  };

  /** The stems of `term` (and, when `prefix`, of the words it starts). */
  Engine.prototype.lookup = function (term, prefix, manifest) {
    var engine = this;
    var shards = prefix ? shardsOfPrefix(term, manifest.shards) : [shardOf(term, manifest.shards)];
    if (shards.length > 8) shards = shards.slice(0, 8);
    return Promise.all(shards.map(function (n) { return engine.file('t-' + n + '.json'); })).then(function (loaded) {
      var stems = new Map();
      var candidates = [];
      loaded.forEach(function (shard) {
        if (shard.w[term] !== undefined) stems.set(shard.w[term], { weight: 1, postings: shard.p[shard.w[term]] });
        if (prefix) {
          Object.keys(shard.w).forEach(function (word) {
            if (word !== term && word.startsWith(term)) candidates.push([word, shard]);
          });
        }
      });
      candidates.sort(function (a, b) { return a[0].length - b[0].length || compare(a[0], b[0]); });
      candidates.slice(0, 40).forEach(function (c) {
        var stem = c[1].w[c[0]];
        if (!stems.has(stem)) stems.set(stem, { weight: 0.5, postings: c[1].p[stem] });
      });
      return stems;
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

  /** Runs a query: `{terms, stems, results: [{page, score, section}]}`, best first. */
  Engine.prototype.search = function (query) {
    var engine = this;
    return this.manifest().then(function (manifest) {
      var parsed = parseQuery(query, manifest.stop);
      var hasFilters = Object.keys(parsed.filters).length > 0;
      if (!parsed.terms.length && !hasFilters) return { terms: [], stems: [], results: [] };
      var lookups = parsed.terms.map(function (term, i) {
        var prefix = parsed.prefix && i === parsed.terms.length - 1;
        return engine.stemsOf(term, prefix, manifest);
      });
      return Promise.all([Promise.all(lookups), hasFilters ? engine.filterPages(parsed.filters) : null]).then(function (found) {
        var perTerm = found[0];
        var allowed = found[1];
        var matchedStems = [];
        var scores = null;
        perTerm.forEach(function (stems) {
          var termScores = new Map();
          stems.forEach(function (entry, stem) {
            matchedStems.push(stem);
            stemPostings(entry.postings, manifest.pages).forEach(function (hit, page) {
              var score = hit[0] * entry.weight;
              var current = termScores.get(page);
              if (!current || score > current[0]) termScores.set(page, [score, hit[1]]);
            });
          });
          if (scores === null) {
            scores = new Map();
            termScores.forEach(function (hit, page) { scores.set(page, { score: hit[0], section: hit[1], best: hit[0] }); });
          } else {
            var next = new Map();
            scores.forEach(function (entry, page) {
              var hit = termScores.get(page);
              if (!hit) return;
              var better = hit[0] > entry.best;
              next.set(page, { score: entry.score + hit[0], section: better ? hit[1] : entry.section, best: Math.max(hit[0], entry.best) });
            });
            scores = next;
          }
        });
        if (scores === null) {
          scores = new Map();
          (allowed || new Set()).forEach(function (page) { scores.set(page, { score: 0, section: 0 }); });
        }
        var results = [];
        scores.forEach(function (entry, page) {
          if (!allowed || allowed.has(page)) results.push({ page: page, score: entry.score, section: entry.section });
        });
        results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
        return { terms: parsed.terms, stems: matchedStems, prefix: parsed.prefix, results: results };
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
        return { url: r[0], title: r[1], kind: r[2], section: sections.length ? sections[0].label : '', ranges: ranges };
      });
    });
  };

  /** Whether a word of a page's text matches the query, to highlight it. */
  function matches(word, search) {
    var w = fold(word);
    if (search.terms.indexOf(w) >= 0) return true;
    if (search.prefix && search.terms.length && w.startsWith(search.terms[search.terms.length - 1])) return true;
    return search.stems.some(function (stem) { return stem.length >= 3 && w.startsWith(stem); });
  }

  /** A snippet of `text`: about `size` words around the first place where most query
      words stand, as parts `[text, highlighted]`. */
  function snippet(text, search, size) {
    size = size || 30;
    var tokens = text.split(/(\s+)/);
    var wordIndexes = [];
    tokens.forEach(function (t, i) { if (t && !/^\s+$/.test(t)) wordIndexes.push(i); });
    var hits = wordIndexes.map(function (i) {
      return tokens[i].split(SEPARATOR).some(function (part) { return part && matches(part, search); });
    });
    var best = 0;
    var bestCount = -1;
    var step = Math.max(1, Math.floor(size / 6));
    for (var start = 0; start < Math.max(1, wordIndexes.length - size + 1); start += step) {
      var count = 0;
      for (var k = start; k < Math.min(start + size, hits.length); k++) if (hits[k]) count++;
      if (count > bestCount) { bestCount = count; best = start; }
    }
    var parts = [];
    if (best > 0) parts.push(['… ', false]);
    var end = Math.min(best + size, wordIndexes.length);
    for (var j = best; j < end; j++) {
      parts.push([tokens[wordIndexes[j]], hits[j]]);
      if (j < end - 1) parts.push([' ', false]);
    }
    if (end < wordIndexes.length) parts.push([' …', false]);
    return parts;
  }

  var api = { fold: fold, words: words, decode: decode, parseQuery: parseQuery, compare: compare, shardOf: shardOf,
    shardsOfPrefix: shardsOfPrefix, stemPostings: stemPostings, Engine: Engine, snippet: snippet, matches: matches };

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

  /** The text and first heading of a page's section, fetched by byte range: at most
      SNIPPET_BYTES of it, enough for a snippet. */
  var SNIPPET_BYTES = 4096;
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

  /** One result: a link to the page (to its section once known), its place, a snippet. */
  function renderResult(hit, search, withSnippet) {
    var item = element('li', 'search-result');
    var link = element('a', 'search-result-link');
    item.appendChild(link);
    engine.record(hit.page).then(function (record) {
      link.href = root + record.url;
      link.appendChild(element('span', 'search-result-title', record.title));
      var place = element('span', 'search-result-place', [record.section, record.kind !== 'page' ? record.kind : ''].filter(Boolean).join(' · '));
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

  // The search page: /search/?q=WORDS shows the results for WORDS, with filters.
  function wirePage(page) {
    var input = page.querySelector('input[type="search"]');
    var results = page.querySelector('#search-results');
    var filters = page.querySelector('.search-filters');
    var limit = 20;
    var serial = 0;
    var baseTitle = document.title;
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
        if (search.results.length > limit) {
          var more = element('button', 'search-more', 'Show more');
          more.type = 'button';
          more.addEventListener('click', function () { limit += 20; show(); });
          results.appendChild(more);
        }
        markFilters();
      });
    }
    function markFilters() {
      if (!filters) return;
      var q = ' ' + query().toLowerCase() + ' ';
      filters.querySelectorAll('button[data-token]').forEach(function (b) {
        b.setAttribute('aria-pressed', q.indexOf(' ' + b.dataset.token.toLowerCase() + ' ') >= 0 ? 'true' : 'false');
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
    engine.manifest().then(function (manifest) {
      if (!filters) return;
      [['kind', 'Kind'], ['section', 'Section'], ['owner', 'Owner'], ['tag', 'Tag']].forEach(function (facet) {
        var values = manifest.facets[facet[0]] || [];
        if (!values.length) return;
        var group = element('div', 'search-filter-group');
        group.appendChild(element('span', 'search-filter-name', facet[1]));
        values.forEach(function (v) {
          var button = element('button', 'search-filter', v.label + ' (' + v.count + ')');
          button.type = 'button';
          button.dataset.token = facet[0] + ':' + v.value;
          button.addEventListener('click', function () { toggle(button.dataset.token); });
          group.appendChild(button);
        });
        filters.appendChild(group);
      });
      markFilters();
    });
    var timer = null;
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { limit = 20; show(); }, 120); });
    page.querySelector('form').addEventListener('submit', function (event) { event.preventDefault(); show(); });
    var initial = new URL(window.location.href).searchParams.get('q') || '';
    input.value = initial;
    if (initial) show();
  }

  document.querySelectorAll('.search-form').forEach(function (form, i) { wireBox(form, i); });
  var page = document.querySelector('[data-search-page]');
  if (page) wirePage(page);
})(this);
