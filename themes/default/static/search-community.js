/* opsbook search, "all handbooks": the pages of the handbook's peers, from
   `search/community.json` (src/peers/search.rs), found and ranked with the handbook's
   own results. Loaded by the search box (part 7) only when "all handbooks" is chosen;
   the index file is read once. Everything from a peer is text: results are built of
   text nodes, and a link is kept only when it is an http(s) address under its peer's. */
(function (search) {
  'use strict';

  // Where a query word stands counts this much.
  var WEIGHTS = { title: 3, words: 2, description: 1 };
  var loaded = null;

  /** The community's index: its peers and its pages, each page's text split into words. */
  function index() {
    if (!loaded) {
      loaded = search.page.fetchJson(search.page.root + 'search/community.json').then(function (file) {
        var peers = (file.peers || []).map(function (p) { return { name: String(p[0]), title: String(p[1]), url: String(p[2]) }; });
        var pages = (file.pages || []).map(function (row) {
          var peer = peers[row[0]];
          var url = String(row[1]);
          if (!peer || !/^https?:\/\//.test(peer.url) || url.indexOf(peer.url) !== 0) return null;
          return {
            peer: peer, url: url, title: String(row[2]), kind: String(row[3]), description: String(row[4]),
            words: { title: search.analysis.words(String(row[2])), words: search.analysis.words(String(row[5])), description: search.analysis.words(String(row[4])) }
          };
        }).filter(Boolean);
        return pages;
      });
      loaded.catch(function () { loaded = null; });
    }
    return loaded;
  }

  /** How well `page` matches the query's words (each must match, the last one as a
      prefix while it is typed): 0 when one does not. */
  function scoreOf(page, terms, prefix) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      var partial = prefix && i === terms.length - 1;
      var best = 0;
      Object.keys(WEIGHTS).forEach(function (field) {
        var hit = page.words[field].some(function (w) { return w === term || (partial ? w.indexOf(term) === 0 : w.indexOf(term) === 0 && w.length - term.length <= 3); });
        if (hit) best = Math.max(best, WEIGHTS[field]);
      });
      if (!best) return 0;
      total += best;
    }
    return total / (WEIGHTS.title * terms.length);
  }

  /** `found` (the handbook's own results) with the peers' pages that match `query`
      ranked among them: each list's scores are taken relative to its best, the
      handbook's first on a tie. */
  function merge(found, query) {
    var terms = search.analysis.words(query.replace(/\b(kind|owner|tag|section):\S*/g, ' '));
    if (!terms.length) return Promise.resolve(found);
    var prefix = !/\s$/.test(query);
    return index().then(function (pages) {
      var peerHits = [];
      pages.forEach(function (page) {
        var score = scoreOf(page, terms, prefix);
        if (score > 0) peerHits.push({ peer: page, relative: score });
      });
      peerHits.sort(function (a, b) { return b.relative - a.relative; });
      var top = found.results.length ? found.results[0].score || 1 : 1;
      var own = found.results.map(function (hit) { return { hit: hit, relative: (hit.score || 0) / top }; });
      var merged = [];
      var i = 0;
      var j = 0;
      while (i < own.length || j < peerHits.length) {
        if (j >= peerHits.length || (i < own.length && own[i].relative >= peerHits[j].relative)) merged.push(own[i++].hit);
        else merged.push(peerHits[j++]);
      }
      var result = Object.assign({}, found, { results: merged });
      if (peerHits.length) result.missing = [];
      return result;
    });
  }

  /** One peer's page as a result: a link to it, its title, its peer and kind, and its
      description. */
  function render(hit) {
    var element = search.page.element;
    var page = hit.peer;
    var item = element('li', 'search-result search-result-peer');
    var link = element('a', 'search-result-link');
    link.href = page.url;
    link.appendChild(element('span', 'search-result-title', page.title));
    var place = page.peer.title + (page.peer.title !== page.peer.name ? ' (' + page.peer.name + ')' : '');
    link.appendChild(element('span', 'search-result-place', [place, page.kind !== 'page' ? search.page.kindName(page.kind) : ''].filter(Boolean).join(' · ')));
    if (page.description) link.appendChild(element('span', 'search-result-snippet', page.description));
    item.appendChild(link);
    return item;
  }

  search.community = { merge: merge, render: render };
})(this.OpsbookSearch);
