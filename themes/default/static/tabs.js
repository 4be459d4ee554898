// Tabs: each group of panels the page holds (`div.tabs[data-tabs]`, written by
// src/markdown/dialects/tabs.rs, every panel under its label so the page reads whole
// without this script) becomes one WAI-ARIA tablist, as the ARIA Authoring Practices'
// "Tabs with automatic activation": role=tablist/tab/tabpanel, aria-selected,
// aria-controls, one tab in the Tab order (roving tabindex), Left/Right/Home/End.
//
// The tab shown first, and what a choice changes, follow the old tools:
// - `data-query` (Docusaurus `queryString`): the URL's parameter of that name selects
//   the tab, and a choice writes it back into the address;
// - `data-group` (Docusaurus `groupId`): the choice is stored per group
//   (localStorage `opsbook.tab.GROUP`) and switches every set of the group, on this page
//   and on the pages read later;
// - `data-persist="label"` (MkDocs Material, Docsy): the choice is remembered by its
//   label (localStorage `opsbook.tab-labels`, most recent first) and switches every such
//   set that has a tab of that label;
// - else the panel marked `data-default` (or the group's `data-default-value`), else the
//   first.
(function () {
  'use strict';
  var GROUP_KEY = 'opsbook.tab.';
  var LABELS_KEY = 'opsbook.tab-labels';
  var MAX_LABELS = 20;
  var sets = [];

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* storage refused: the choice lasts this page */ }
  }
  function storedLabels() {
    try {
      var list = JSON.parse(read(LABELS_KEY) || '[]');
      return Array.isArray(list) ? list.filter(function (l) { return typeof l === 'string'; }) : [];
    } catch (e) { return []; }
  }
  function queryValue(key) {
    try { return new URLSearchParams(window.location.search).get(key); } catch (e) { return null; }
  }

  // "Tab {n}" in the page's language: theme.js's data-words, where a handbook of several
  // languages gives them.
  function tabWord() {
    var script = document.querySelector('script[data-words][src$="theme.js"]');
    try {
      var word = script && JSON.parse(script.getAttribute('data-words')).ui_tab;
      if (typeof word === 'string') return word;
    } catch (e) { /* English */ }
    return 'Tab {n}';
  }

  // The label's content for the tab: its markup, unless it holds a link or a control
  // (a control inside a tab is none a keyboard can reach), else its text.
  function fillTab(tab, label, index) {
    if (!label) {
      tab.textContent = tabWord().split('{n}').join(String(index + 1));
    } else if (label.querySelector('a, button, input, select, textarea, [tabindex]')) {
      tab.textContent = label.textContent.trim();
    } else {
      tab.innerHTML = label.innerHTML;
    }
  }

  function build(root, number) {
    var panels = Array.prototype.filter.call(root.children, function (child) {
      return child.classList.contains('tab-panel');
    });
    if (!panels.length) return null;
    var list = document.createElement('div');
    list.className = 'tab-list';
    list.setAttribute('role', 'tablist');
    var set = { root: root, panels: panels, tabs: [], values: [], labels: [], selected: -1 };
    panels.forEach(function (panel, i) {
      var label = null;
      for (var c = panel.firstElementChild; c; c = c.nextElementSibling) {
        if (c.classList.contains('tab-label')) { label = c; break; }
      }
      var tab = document.createElement('button');
      tab.type = 'button';
      tab.className = 'tab';
      tab.setAttribute('role', 'tab');
      tab.id = 'tab-' + number + '-' + (i + 1);
      fillTab(tab, label, i);
      if (!panel.id) panel.id = 'tab-panel-' + number + '-' + (i + 1);
      tab.setAttribute('aria-controls', panel.id);
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', tab.id);
      panel.tabIndex = 0;
      if (label) label.hidden = true;
      var text = label ? label.textContent.trim() : tab.textContent;
      set.labels.push(text);
      set.values.push(panel.getAttribute('data-value') || text);
      set.tabs.push(tab);
      list.appendChild(tab);
      tab.addEventListener('click', function () { choose(set, i, false); });
    });
    list.addEventListener('keydown', function (event) { key(set, event); });
    root.insertBefore(list, root.firstChild);
    root.classList.add('tabs-ready');
    set.group = root.getAttribute('data-group');
    set.query = root.getAttribute('data-query');
    set.byLabel = root.getAttribute('data-persist') === 'label';
    return set;
  }

  // The tab a set shows first.
  function initial(set) {
    var at = -1;
    if (set.query) at = set.values.indexOf(queryValue(set.query));
    if (at < 0 && set.group) at = set.values.indexOf(read(GROUP_KEY + set.group));
    if (at < 0 && set.byLabel) {
      var labels = storedLabels();
      for (var i = 0; i < labels.length && at < 0; i++) at = set.labels.indexOf(labels[i]);
    }
    if (at < 0) at = set.values.indexOf(set.root.getAttribute('data-default-value'));
    if (at < 0) {
      at = set.panels.findIndex(function (panel) { return panel.hasAttribute('data-default'); });
    }
    return at < 0 ? 0 : at;
  }

  function show(set, index) {
    set.selected = index;
    set.tabs.forEach(function (tab, i) {
      var on = i === index;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      set.panels[i].hidden = !on;
    });
  }

  // The reader chose tab `index` of `set`: show it, switch the sets that follow it, and
  // remember the choice. The chosen tab stays where it was on the screen, however much
  // the panels above it change in height.
  function choose(set, index, focus) {
    var tab = set.tabs[index];
    var before = tab.getBoundingClientRect().top;
    show(set, index);
    if (focus) tab.focus();
    var value = set.values[index];
    var label = set.labels[index];
    sets.forEach(function (other) {
      if (other === set) return;
      var at = -1;
      if (set.group && other.group === set.group) at = other.values.indexOf(value);
      else if (set.byLabel && other.byLabel) at = other.labels.indexOf(label);
      if (at >= 0 && at !== other.selected) show(other, at);
    });
    if (set.group) write(GROUP_KEY + set.group, value);
    if (set.byLabel) {
      var labels = storedLabels().filter(function (l) { return l !== label; });
      labels.unshift(label);
      write(LABELS_KEY, JSON.stringify(labels.slice(0, MAX_LABELS)));
    }
    if (set.query) {
      try {
        var url = new URL(window.location.href);
        url.searchParams.set(set.query, value);
        window.history.replaceState(window.history.state, '', url);
      } catch (e) { /* a file: address may refuse it */ }
    }
    var moved = tab.getBoundingClientRect().top - before;
    if (moved) window.scrollBy(0, moved);
  }

  function key(set, event) {
    var count = set.tabs.length;
    var at = set.tabs.indexOf(event.target);
    if (at < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    var next;
    switch (event.key) {
      case 'ArrowRight': next = (at + 1) % count; break;
      case 'ArrowLeft': next = (at - 1 + count) % count; break;
      case 'Home': next = 0; break;
      case 'End': next = count - 1; break;
      default: return;
    }
    event.preventDefault();
    choose(set, next, true);
  }

  function start() {
    var roots = document.querySelectorAll('div.tabs[data-tabs]');
    for (var i = 0; i < roots.length; i++) {
      var set = build(roots[i], i + 1);
      if (set) sets.push(set);
    }
    sets.forEach(function (set) { show(set, initial(set)); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
