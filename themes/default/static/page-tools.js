// Tools of a long page, and unique names for its regions.
//
// - On a phone the header (search, menu) is sticky: it slides away while the reader
//   scrolls down and comes back as soon as they scroll up. Its place is kept by
//   style.css from the first paint, and it moves only by a transform, so nothing
//   shifts when this script loads (cumulative layout shift 0).
// - The header's "Back to top" button shows on pages longer than three screens once the
//   reader is a screen down (style.css places it where it covers nothing).
// - An alert page's first command wraps or not as the reader chooses (a toggle).
// - Regions (scrolling tables and code blocks) that share a name get their place in
//   it ("Table 2 of 3", in the page's language), so each landmark's name is unique.
(function () {
  'use strict';

  var PHONE = window.matchMedia('(max-width: 50rem)');

  function wireHeader(root) {
    var last = window.scrollY;
    var ticking = false;
    function update() {
      ticking = false;
      var y = window.scrollY;
      var header = document.querySelector('.site-header');
      var busy = header && header.contains(document.activeElement) || document.body.classList.contains('nav-open');
      if (!PHONE.matches || y < 80 || y < last - 4 || busy) root.classList.remove('header-away');
      else if (y > last + 4) root.classList.add('header-away');
      if (Math.abs(y - last) > 4 || y < 80) last = y;
    }
    window.addEventListener('scroll', function () {
      if (!ticking) { ticking = true; window.requestAnimationFrame(update); }
    }, { passive: true });
  }

  function wireBackToTop() {
    // The button is the template's (in the header, in the page's language), hidden
    // until a long page is scrolled a screen down; without JavaScript it never shows.
    var button = document.querySelector('.back-to-top');
    if (!button) return;
    button.addEventListener('click', function () {
      window.scrollTo({ top: 0, behavior: 'smooth' });
      var main = document.getElementById('content');
      if (main) main.focus({ preventScroll: true });
    });
    function update() {
      var long = document.documentElement.scrollHeight > 3 * window.innerHeight;
      button.hidden = !(long && window.scrollY > window.innerHeight);
    }
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    update();
  }

  // "{name} {n} of {total}" in the page's language: theme.js's data-words, where a
  // handbook of several languages gives them.
  function placeWords() {
    var script = document.querySelector('script[data-words][src$="theme.js"]');
    try {
      var words = script && JSON.parse(script.getAttribute('data-words')).ui_region_place;
      if (typeof words === 'string') return words;
    } catch (e) { /* English */ }
    return '{name} {n} of {total}';
  }

  function nameRegions() {
    var byName = {};
    var place = placeWords();
    document.querySelectorAll('[role="region"][aria-label]').forEach(function (region) {
      var name = region.getAttribute('aria-label');
      (byName[name] = byName[name] || []).push(region);
    });
    Object.keys(byName).forEach(function (name) {
      var regions = byName[name];
      if (regions.length < 2) return;
      regions.forEach(function (region, at) {
        var said = place.split('{name}').join(name).split('{n}').join(String(at + 1));
        region.setAttribute('aria-label', said.split('{total}').join(String(regions.length)));
      });
    });
  }

  // The /alerts/ table's filter box: the rows whose text holds every word typed.
  function wireAlertsFilter() {
    var box = document.querySelector('.alerts-filter');
    var input = box && box.querySelector('input');
    var rows = Array.prototype.slice.call(document.querySelectorAll('.alerts-table tbody tr'));
    if (!input || !rows.length) return;
    var shown = box.querySelector('.alerts-shown');
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    box.hidden = false;
    input.addEventListener('input', function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var count = 0;
      rows.forEach(function (row, at) {
        var match = words.every(function (word) { return texts[at].indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) count++;
      });
      // The page's words ("{n} of {total} alerts") where a handbook of several languages gives them.
      var said = shown.getAttribute('data-words') || '{n} of {total} alerts';
      shown.textContent = words.length ? said.replace('{n}', count).replace('{total}', rows.length) : '';
    });
  }

  // The wrap toggle of an alert's first command: pressed while the command wraps (on a
  // phone unless the reader said otherwise); the choice is kept for every alert page.
  function wireWrap() {
    var button = document.querySelector('.wrap-toggle');
    var pre = document.querySelector('.alert-steps pre');
    if (!button || !pre) return;
    var root = document.documentElement;
    function wrapped() { return getComputedStyle(pre).whiteSpace !== 'pre'; }
    function show() { button.setAttribute('aria-pressed', wrapped() ? 'true' : 'false'); }
    button.hidden = false;
    show();
    button.addEventListener('click', function () {
      var choice = wrapped() ? 'off' : 'on';
      root.setAttribute('data-wrap', choice);
      try { window.localStorage.setItem('opsbook-wrap', choice); } catch (e) { /* storage off */ }
      show();
    });
    PHONE.addEventListener('change', show);
  }

  function start() {
    var root = document.documentElement;
    wireHeader(root);
    wireBackToTop();
    nameRegions();
    wireAlertsFilter();
    wireWrap();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
