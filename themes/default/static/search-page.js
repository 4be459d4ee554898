/* opsbook search, part 8 of 8 (see search-format.js): the search page, in the browser
   only: the results page with its filters. A file of its own, which the search box
   (part 7) loads on the search page only. */
(function (search) {
  'use strict';

  if (typeof document === 'undefined') return;

  var fold = search.fold;
  var root = search.page.root;
  var engine = search.page.engine;
  var element = search.page.element;
  var buildResults = search.page.buildResults;
  var word = search.page.word;

  // The search page: /search/?q=WORDS shows the results for WORDS, with filters whose
  // counts are those of the current results ("did you mean" when a word was corrected).
  var FACETS = [['kind', word('search_facet_kind', 'Kind')], ['section', word('search_facet_section', 'Section')], ['owner', word('search_facet_owner', 'Owner')], ['tag', word('search_facet_tag', 'Tag')]];
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
      // The results and the filters' counts are shown together, once both are ready:
      // the filters above the results never grow after the results are in, and the
      // results enter whole (the page keeps a screen's height for them, style.css), so
      // nothing moves while they come (cumulative layout shift 0).
      engine.search(q).then(function (found) {
        if (mine !== serial) return null;
        return Promise.all([buildResults(found, limit, true), facetCounts(found)]).then(function (built) {
          if (mine !== serial) return;
          results.textContent = '';
          results.appendChild(built[0]);
          showFound(found, q);
          drawFacets(found, built[1]);
        });
      });
    }
    /** Around the results: their count, "did you mean" and the words no page has above
        them, "Show more" below. */
    function showFound(found, q) {
      var count = element('p', 'search-count', found.results.length === 1 ? word('search_count_one', '1 page') : word('search_count_many', '{n} pages', { n: found.results.length }));
      results.insertBefore(count, results.firstChild);
      if (Object.keys(found.corrections).length) {
        var better = corrected(q, found.corrections);
        var suggest = element('p', 'search-suggest', word('search_did_you_mean', 'Did you mean '));
        var link = element('a', '', better);
        link.href = '?q=' + encodeURIComponent(better);
        link.addEventListener('click', function (event) { event.preventDefault(); input.value = better; show(); });
        suggest.appendChild(link);
        suggest.appendChild(document.createTextNode('?'));
        results.insertBefore(suggest, count.nextSibling);
      }
      if (found.missing && found.missing.length) {
        var missing = element('p', 'search-missing', word('search_no_page_has_others', 'No page has {words}: these pages have the other words.', { words: search.page.quoted(found.missing) }));
        results.insertBefore(missing, count.nextSibling);
      }
      if (found.results.length > limit) {
        var more = element('button', 'search-more', word('search_show_more', 'Show more'));
        more.type = 'button';
        more.addEventListener('click', function () { limit += 20; show(); });
        results.appendChild(more);
      }
    }
    /** The filter buttons of `found`, drawn once their counts are known. */
    function renderFacets(found, mine) {
      return facetCounts(found).then(function (counts) { if (mine === serial) drawFacets(found, counts); });
    }
    /** The counts of the filters: for each filter, the values of the current results
        (all pages without a query) with their counts; null where the index has no
        filter files (a handbook without owners or tags), so the results show without. */
    function facetCounts(found) {
      if (!filters) return Promise.resolve(null);
      return engine.manifest().then(function (manifest) {
        var empty = !query().trim();
        if (empty) return manifest.facets;
        return Promise.all(FACETS.map(function (f) { return engine.file('f-' + f[0] + '.json'); })).then(function (files) {
          var byName = {};
          FACETS.forEach(function (f, i) { byName[f[0]] = files[i]; });
          return search.facetCounts(found.results, byName, manifest.facets);
        });
      }).catch(function () { return null; });
    }
    /** The filter buttons: for each filter its values with their counts, the first few
        shown and the rest behind "More". */
    function drawFacets(found, counts) {
      if (!filters || !counts) return;
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
          var more = element('button', 'search-filter-more', open ? word('search_fewer', 'Fewer') : word('search_more', 'More ({n})', { n: values.length - FACET_SHOWN }));
          more.type = 'button';
          more.setAttribute('aria-expanded', open ? 'true' : 'false');
          more.setAttribute('aria-label', open ? word('search_fewer_filters', 'Fewer {facet} filters', { facet: facet[1].toLowerCase() }) : word('search_more_filters', 'More {facet} filters', { facet: facet[1].toLowerCase() }));
          more.addEventListener('click', function () {
            expanded[facet[0]] = !open;
            renderFacets(found, serial).then(function () {
              var again = filters.querySelector('.search-filter-more[aria-label$="' + facet[1].toLowerCase() + ' filters"]');
              if (again) again.focus();
            });
          });
          group.appendChild(more);
        }
        filters.appendChild(group);
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
    if (initial) show(); else engine.search('').then(function (found) { return renderFacets(found, serial); });
  }

  var page = document.querySelector('[data-search-page]');
  if (page) wirePage(page);
})(this.OpsbookSearch);
