/* opsbook search, part 7 of 8 (see search-format.js): the search box in every page's
   header, in the browser only. Fetches the index files (gzip-compressed JSON) and the text of the result pages
   it shows (one small file each, for snippets), and shows results as an ARIA 1.2 combobox;
   the helpers the search page (part 8) shares go into `search.page`. It loads the parts
   that only some searches need when they are first needed (`search.loadPart`). */
(function (search) {
  'use strict';

  if (typeof document === 'undefined') return;

  var script = document.currentScript;
  var root = (script && script.dataset.root) || '/';
  // The index of the page's language (`/de/search/`), else the site's.
  var index = (script && script.dataset.index) || root + 'search/';
  // The page's language's words (`data-words`, in a handbook of several languages).
  var words = {};
  try { words = JSON.parse((script && script.dataset.words) || '{}') || {}; } catch (e) { words = {}; }

  /** The word `key` in the page's language, else `english`, with `{name}` filled in
      from `values`. */
  function word(key, english, values) {
    var text = typeof words[key] === 'string' ? words[key] : english;
    Object.keys(values || {}).forEach(function (name) { text = text.split('{' + name + '}').join(String(values[name])); });
    return text;
  }

  /** The name of page kind `kind` in the page's language (`kind_runbook`), else as written. */
  function kindName(kind) {
    return word('kind_' + kind, kind);
  }

  /** The words no page has, quoted. */
  function quoted(missing) {
    return missing.map(function (w) { return '“' + w + '”'; }).join(', ');
  }
  /** The JSON of an index file: written gzip-compressed (crates/search/src/search_index/packed.rs), so it
      costs the same from any host, and inflated here; from a host that already undid
      the compression (`Content-Encoding: gzip`), the JSON as it came. */
  function indexJson(buffer, name) {
    var bytes = new Uint8Array(buffer);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
    if (typeof DecompressionStream === 'undefined') throw new Error('search index: this browser cannot inflate ' + name);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }
  /** The JSON of the index file at `url`. */
  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error('search index: ' + response.status + ' for ' + url);
      return response.arrayBuffer();
    }).then(function (buffer) { return indexJson(buffer, url); });
  }
  var engine = new search.Engine(function (name) { return fetchJson(index + name); });

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  /** Where a result stands: its place (breadcrumb path), its kind, and a runbook's
      service and severity. */
  function placeOf(record) {
    return [record.place, record.kind !== 'page' ? kindName(record.kind) : '', record.service, record.severity].filter(Boolean).join(' · ');
  }

  /** Appends `parts` (`[text, highlighted]`) to `el`, highlighted parts as `mark`. */
  function appendParts(el, parts) {
    parts.forEach(function (part) { el.appendChild(part[1] ? element('mark', '', part[0]) : document.createTextNode(part[0])); });
  }

  /** The snippet of a section: around the query's words in its text; when only its
      heading has them, the heading highlighted, then the start of its text. */
  function sectionSnippet(section, found, size) {
    var parts = search.snippet(section.text || '', found, size);
    if (parts.some(function (p) { return p[1]; }) || !section.heading) return parts;
    return search.highlight(section.heading, found).concat([[section.text ? ': ' : '', false]], parts);
  }

  /** The address of a page's section. */
  function sectionUrl(record, section) {
    return root + record.url + (section && section.id ? '#' + encodeURIComponent(section.id) : '');
  }

  /** One result: a link to the page, at its best section, with its place and that
      section's snippet; with `subResults`, up to two more of its best sections below
      it, grouped under the page, each a link to its heading with its own snippet
      (`subResults(list, link, k)` gives the search box's listbox roles to the group and
      each link). The sections' text comes from the page's small files, only those that
      hold the sections where the index found the query's words (`hit.sections`); when
      none of them has a query word (a match in the title alone, or past the text kept
      for snippets), the snippet is the start of the page's text there. The item is
      filled as its files come; with `waits`, the promise that settles once it is
      filled is put there. */
  function renderResult(hit, found, withSnippet, subResults, waits) {
    var item = element('li', 'search-result');
    var link = element('a', 'search-result-link');
    item.appendChild(link);
    var filled = engine.record(hit.page).then(function (record) {
      link.href = root + record.url;
      link.appendChild(element('span', 'search-result-title', record.title));
      var place = element('span', 'search-result-place', placeOf(record));
      link.appendChild(place);
      if (!withSnippet) return null;
      var text = element('span', 'search-result-snippet');
      link.appendChild(text);
      return engine.sections(hit.page, hit.sections).then(function (sections) {
        var best = search.bestSections(sections, found, subResults ? 3 : 1);
        if (!best.length) {
          var start = sections.filter(function (s) { return s.text; })[0];
          if (start) appendParts(text, search.snippet(start.text, found, 28));
          return;
        }
        var first = best[0];
        link.href = sectionUrl(record, first);
        if (first.heading && first.heading !== record.title) {
          place.appendChild(document.createTextNode(place.textContent ? ' › ' : ''));
          appendParts(place, search.highlight(first.heading, found));
        }
        appendParts(text, sectionSnippet(first, found, 28));
        if (best.length < 2) return;
        var list = element('ul', 'search-subresults');
        if (typeof subResults === 'function') subResults(list, null, 0, record);
        best.slice(1).forEach(function (section, k) {
          var sub = element('li', 'search-subresult');
          var a = element('a', 'search-subresult-link');
          a.href = sectionUrl(record, section);
          var heading = element('span', 'search-subresult-title');
          appendParts(heading, search.highlight(section.heading || record.title, found));
          a.appendChild(heading);
          var snippet = element('span', 'search-result-snippet');
          appendParts(snippet, sectionSnippet(section, found, 20));
          a.appendChild(snippet);
          sub.appendChild(a);
          if (typeof subResults === 'function') subResults(sub, a, k + 1, record);
          list.appendChild(sub);
        });
        item.appendChild(list);
      });
    }).catch(function () { return null; });
    if (waits) waits.push(filled);
    return item;
  }

  /** The results of `found` (the first `limit`), built away from the page: a promise of
      the element to show, the list or the line that says no page matches, settled once
      every result in it is filled. So the list enters the page whole, and nothing in it
      moves while its files come (cumulative layout shift 0). */
  function buildResults(found, limit, withSnippets) {
    if (!found.results.length) {
      return Promise.resolve(element('p', 'search-empty', word('search_no_match', 'No pages match.')));
    }
    var list = element('ol', 'search-result-list');
    var waits = [];
    found.results.slice(0, limit).forEach(function (hit) { list.appendChild(renderResult(hit, found, withSnippets, withSnippets, waits)); });
    return Promise.all(waits).then(function () { return list; });
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
    var scope = wireScope(form, function () { if (input.value.trim().length >= 2) run(); });
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
      var searched = engine.search(query);
      if (scope()) {
        searched = searched.then(function (found) {
          return search.loadPart('search-community.js').then(function () { return search.community.merge(found, query); });
        });
      }
      searched.then(function (found) {
        if (mine !== serial) return;
        box.textContent = '';
        var list = element('ol', 'search-result-list');
        list.id = listId;
        list.setAttribute('role', 'listbox');
        list.setAttribute('aria-label', word('search_results_label', 'Search results'));
        var option = function (link, id) {
          link.setAttribute('role', 'option');
          link.setAttribute('aria-selected', 'false');
          link.id = id;
          link.tabIndex = -1;
        };
        found.results.slice(0, 8).forEach(function (hit, i) {
          // A page's sub-results: a group of options named for the page, after its own.
          var grouped = function (el, link, k, record) {
            el.setAttribute('role', link ? 'none' : 'group');
            if (link) option(link, listId + '-' + i + '-' + k);
            else el.setAttribute('aria-label', record.title);
          };
          var item = hit.peer ? search.community.render(hit) : renderResult(hit, found, true, grouped);
          item.setAttribute('role', 'none');
          option(item.querySelector('a'), listId + '-' + i);
          list.appendChild(item);
        });
        box.appendChild(list);
        var count = found.results.length;
        if (!count) box.appendChild(element('p', 'search-empty', word('search_no_match', 'No pages match.')));
        else if (found.missing && found.missing.length) box.insertBefore(element('p', 'search-missing', word('search_no_page_has', 'No page has {words}.', { words: quoted(found.missing) })), list);
        if (count > 8) {
          var more = element('a', 'search-more', word('search_all_results', 'All {n} results', { n: count }));
          more.href = (form.getAttribute('action') || root + (form.getAttribute('data-page') || 'search/')) + '?q=' + encodeURIComponent(query);
          box.appendChild(more);
        }
        box.hidden = false;
        input.setAttribute('aria-expanded', count ? 'true' : 'false');
        active = -1;
        input.removeAttribute('aria-activedescendant');
        say(count ? (count === 1 ? word('search_status_one', '1 page matches') : word('search_status_many', '{n} pages match', { n: count })) + (count > 8 ? word('search_status_shown', ', 8 shown') : '') + word('search_status_keys', '. Use the arrow keys to choose.') : word('search_no_match', 'No pages match.'));
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

  /** The box's choice of "this handbook" or "all handbooks" (radio buttons, with peers
      only), remembered in localStorage; `changed` runs when it changes. Gives a function
      telling whether "all handbooks" is chosen. */
  function wireScope(form, changed) {
    var all = form.querySelector('.search-scope input[value="all"]');
    if (!all) return function () { return false; };
    var local = form.querySelector('.search-scope input[value="local"]');
    var KEY = 'opsbook-search-scope';
    try {
      var stored = localStorage.getItem(KEY);
      if (stored === 'all' || stored === 'local') (stored === 'all' ? all : local).checked = true;
    } catch (e) { /* storage refused */ }
    [all, local].forEach(function (radio) {
      radio.addEventListener('change', function () {
        try { localStorage.setItem(KEY, all.checked ? 'all' : 'local'); } catch (e) { /* storage refused */ }
        changed();
      });
    });
    return function () { return all.checked; };
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

  /** Loads a part of the client that only some searches need (src/render/theme.rs
      `SEARCH_LATER`: search-typos.js, search-phrases.js, search-page.js) from beside
      this script, once; the engine asks for it when a search needs it. */
  var parts = {};
  search.loadPart = function (file) {
    if (!parts[file]) {
      parts[file] = new Promise(function (resolve, reject) {
        var part = document.createElement('script');
        part.src = root + file;
        part.onload = function () { resolve(); };
        part.onerror = function () { delete parts[file]; reject(new Error('cannot load ' + file)); };
        document.head.appendChild(part);
      });
    }
    return parts[file];
  };

  search.page = { root: root, engine: engine, element: element, buildResults: buildResults, wireBox: wireBox, word: word, quoted: quoted, fetchJson: fetchJson, kindName: kindName };
  document.querySelectorAll('.search-form').forEach(function (form, i) { wireBox(form, i); });
  // The search page's own part, on the search page only.
  if (document.querySelector('[data-search-page]')) search.loadPart('search-page.js');
})(this.OpsbookSearch);
