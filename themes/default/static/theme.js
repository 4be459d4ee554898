/* opsbook theme: the parts of the reader's handbook that need a script. Plain JavaScript,
   no dependencies; every page reads fine without it. The tiny script in <head> sets
   <html class="js"> and the chosen theme (data-theme) before the first paint.
   - the light/dark/auto switch (localStorage "opsbook-theme");
   - the navigation drawer on small screens (Escape, outside click, focus kept inside);
   - the collapsible navigation tree (sessionStorage "opsbook-nav");
   - code blocks: language label and copy button (console blocks copy only commands);
   - the table of contents marks the section being read (aria-current="true");
   - keyboard shortcuts: [ and ] previous/next page, ? this list (/ is in search.js);
   - diagrams the build could not draw: Mermaid's script, written beside the pages by the
     build, loaded the first time one comes near the screen, draws them.
   The reader's own time beside the status pages' UTC times is written by a small inline
   script after those pages' content (partials/local-times.html), before the first paint. */
(function () {
  'use strict';

  var html = document.documentElement;
  var THEMES = ['auto', 'light', 'dark'];
  // This script's own address: the site's root is beside it, whatever the base path.
  var here = document.currentScript ? document.currentScript.src : '';
  // The words it writes: English, or the page's language's, which a handbook of several
  // languages gives as JSON in the tag's data-words (tabs.js reads them there too).
  var WORDS = {
    ui_theme: 'Theme: ', ui_theme_auto: 'auto', ui_theme_light: 'light', ui_theme_dark: 'dark',
    ui_close_menu: 'Close menu', ui_pages_in: 'Pages in {title}', ui_internal: 'Internal', ui_copy: 'Copy', ui_copied: 'Copied',
    ui_copy_failed: 'Copy failed', ui_copy_commands: 'Copies the commands only, without prompts and output',
    ui_code: 'Code', ui_code_block: '{lang} block {n} of {total}, scrolls sideways',
    ui_shortcuts: 'Keyboard shortcuts', ui_shortcut_search: 'Search (also Ctrl-K)', ui_shortcut_previous: 'Previous page',
    ui_shortcut_next: 'Next page', ui_shortcut_help: 'This list of shortcuts',
    ui_shortcut_close: 'Close a list, the menu or this dialog', ui_close: 'Close', ui_diagram: '{kind} diagram',
    ui_diagram_failed: 'This diagram could not be drawn; its Mermaid source is shown below.'
  };
  try {
    var given = JSON.parse((document.currentScript && document.currentScript.getAttribute('data-words')) || '{}');
    Object.keys(WORDS).forEach(function (key) { if (typeof given[key] === 'string') WORDS[key] = given[key]; });
  } catch (e) { /* the English words stay */ }
  /** The word `key`, with each `{name}` of `fill` put in. */
  function say(key, fill) {
    var text = WORDS[key];
    Object.keys(fill || {}).forEach(function (name) { text = text.split('{' + name + '}').join(String(fill[name])); });
    return text;
  }

  function store(kind) {
    try { return window[kind]; } catch (e) { return null; }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  // One polite live region for short announcements ("Copied").
  var status = el('div', { 'class': 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  function announce(text) {
    status.textContent = '';
    setTimeout(function () { status.textContent = text; }, 50);
  }

  // ---- Theme switch ----
  var HIGHLIGHT_MEDIA = { light: 'print, (prefers-color-scheme: light)', dark: 'screen and (prefers-color-scheme: dark)' };
  /** Loads the highlighting sheet of the chosen scheme (as the script in <head> does). */
  function applyHighlighting(theme) {
    document.querySelectorAll('link[data-scheme]').forEach(function (link) {
      var scheme = link.getAttribute('data-scheme');
      if (theme === 'auto') link.media = HIGHLIGHT_MEDIA[scheme];
      else if (scheme === theme) link.media = theme === 'dark' ? 'screen' : 'all';
      else link.media = theme === 'dark' ? 'print' : 'not all';
    });
  }

  function wireTheme(button) {
    var local = store('localStorage');
    function current() { return html.getAttribute('data-theme') || 'auto'; }
    function show() {
      button.textContent = '';
      button.appendChild(el('span', { 'class': 'theme-word' }, say('ui_theme')));
      button.appendChild(el('span', {}, say('ui_theme_' + current())));
    }
    button.hidden = false;
    show();
    button.addEventListener('click', function () {
      var next = THEMES[(THEMES.indexOf(current()) + 1) % THEMES.length];
      if (next === 'auto') html.removeAttribute('data-theme'); else html.setAttribute('data-theme', next);
      applyHighlighting(next);
      try { if (next === 'auto') local.removeItem('opsbook-theme'); else local.setItem('opsbook-theme', next); } catch (e) { /* private mode */ }
      show();
      announce(say('ui_theme') + say('ui_theme_' + next));
    });
  }

  // ---- Navigation drawer (small screens) ----
  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';
  function wireDrawer(button, nav) {
    var small = window.matchMedia('(max-width: 50rem)');
    var close = el('button', { type: 'button', 'class': 'drawer-close' }, say('ui_close_menu'));
    nav.insertBefore(close, nav.firstChild);
    button.hidden = false;
    function isOpen() { return button.getAttribute('aria-expanded') === 'true'; }
    function sync() { nav.inert = small.matches && !isOpen(); }
    function setOpen(open, restore) {
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      document.body.classList.toggle('nav-open', open);
      sync();
      if (open) {
        var target = nav.querySelector('[aria-current="page"]') || nav.querySelector(FOCUSABLE);
        (target || nav).focus();
      } else if (restore) {
        button.focus();
      }
    }
    sync();
    small.addEventListener('change', function () { if (!small.matches && isOpen()) setOpen(false, false); sync(); });
    button.addEventListener('click', function () { setOpen(!isOpen(), true); });
    close.addEventListener('click', function () { setOpen(false, true); });
    document.addEventListener('keydown', function (event) {
      if (!isOpen()) return;
      if (event.key === 'Escape') { event.preventDefault(); setOpen(false, true); return; }
      if (event.key !== 'Tab') return;
      var items = Array.prototype.filter.call(nav.querySelectorAll(FOCUSABLE), function (n) { return n.offsetParent !== null; });
      if (!items.length) return;
      var first = items[0];
      var last = items[items.length - 1];
      if (!nav.contains(document.activeElement)) { event.preventDefault(); first.focus(); }
      else if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    });
    document.addEventListener('click', function (event) {
      if (isOpen() && !nav.contains(event.target) && !button.contains(event.target)) setOpen(false, true);
    });
  }

  // ---- Collapsible navigation tree ----
  // The tree is one flat list of entries, each with its depth (--depth). Every section
  // entry gets a toggle: the sections on the page's path are open, the others as left in
  // this session. A section whose pages the page does not list names its branch file
  // (data-b, a file of the folder data-nav names), read the first time it is unfolded;
  // a level cut to a window ("N more in ...") lists all its pages in place the same way.
  // On a grouped level each entry names its group (data-g) and the group's name stands
  // above the first entry of each group (li.nav-group); entries added in place get
  // those names again from their data-g.
  function wireTree(nav) {
    var tree = nav.querySelector('.nav-tree');
    if (!tree) return;
    var folder = tree.getAttribute('data-nav') || '';
    var session = store('sessionStorage');
    var saved = {};
    try { saved = JSON.parse(session.getItem('opsbook-nav') || '{}') || {}; } catch (e) { saved = {}; }
    var files = {};
    var depthOf = function (li) { return parseInt(li.style.getPropertyValue('--depth') || '0', 10); };
    /** The entries under `li`: those after it that are deeper. */
    function branchOf(li) {
      var found = [];
      for (var next = li.nextElementSibling; next && depthOf(next) > depthOf(li); next = next.nextElementSibling) found.push(next);
      return found;
    }
    /** The entries of branch file `name`, read once: [[title, url, branch, internal, group], ...]. */
    function read(name) {
      if (!files[name]) {
        files[name] = fetch(folder + name + '.json').then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        });
        files[name].catch(function () { delete files[name]; });
      }
      return files[name];
    }
    /** A new entry at `depth` from a branch file's `data`, inserted after `after` (at the
        top of the tree when none). */
    function insert(data, depth, after) {
      var li = el('li', { 'class': 'nav-item' + (data[2] ? ' has-children' : '') });
      li.style.setProperty('--depth', String(depth));
      if (data[2]) li.setAttribute('data-b', data[2]);
      if (data[4]) li.setAttribute('data-g', data[4]);
      li.appendChild(el('a', { href: data[1] }, data[0]));
      if (data[3]) li.appendChild(el('span', { 'class': 'internal-badge' }, say('ui_internal')));
      tree.insertBefore(li, after ? after.nextSibling : tree.firstChild);
      if (data[2]) addToggle(li, false);
      return li;
    }
    /** Puts each group's name above the first entry of the group at its depth, as the
        page was written with them, after entries were added in place. */
    function relabel() {
      Array.prototype.slice.call(tree.querySelectorAll('.nav-group')).forEach(function (label) { tree.removeChild(label); });
      var last = [];
      Array.prototype.slice.call(tree.children).forEach(function (li) {
        var depth = depthOf(li);
        var group = li.getAttribute('data-g') || '';
        last.length = depth + 1;
        if (group && group !== last[depth]) {
          var label = el('li', { 'class': 'nav-group' });
          label.appendChild(el('span', {}, group));
          label.style.setProperty('--depth', String(depth));
          label.hidden = li.hidden;
          tree.insertBefore(label, li);
        }
        last[depth] = group;
      });
    }
    /** Hides the entries under `li` that a folded section above them holds. */
    function refresh(li) {
      var foldedAt = li.classList.contains('collapsed') ? depthOf(li) : Infinity;
      branchOf(li).forEach(function (item) {
        var depth = depthOf(item);
        if (depth <= foldedAt) foldedAt = Infinity;
        item.hidden = depth > foldedAt;
        if (!item.hidden && item.classList.contains('collapsed')) foldedAt = depth;
      });
    }
    function addToggle(li, onPath) {
      var link = li.querySelector('a');
      var key = link.getAttribute('href');
      var button = el('button', { type: 'button', 'class': 'nav-toggle', 'aria-expanded': 'false', 'aria-label': say('ui_pages_in', { title: link.textContent }) });
      li.insertBefore(button, link);
      li.classList.add('has-toggle');
      function set(open) {
        button.setAttribute('aria-expanded', open ? 'true' : 'false');
        li.classList.toggle('collapsed', !open);
        refresh(li);
      }
      /** Opens or folds the section, reading its branch file the first time it opens. */
      function unfold(open) {
        var name = li.getAttribute('data-b');
        if (!open || !name || branchOf(li).length) return set(open);
        // Open at once (the toggle says so while the entries come), filled when read.
        set(true);
        button.setAttribute('aria-busy', 'true');
        read(name).then(function (entries) {
          if (!branchOf(li).length) {
            entries.reduceRight(function (_, data) { insert(data, depthOf(li) + 1, li); return null; }, null);
            relabel();
          }
          refresh(li);
        }, function () { set(false); }).then(function () { button.removeAttribute('aria-busy'); });
      }
      unfold(onPath || saved[key] === true);
      button.addEventListener('click', function () {
        var open = button.getAttribute('aria-expanded') !== 'true';
        unfold(open);
        saved[key] = open;
        try { session.setItem('opsbook-nav', JSON.stringify(saved)); } catch (e) { /* storage off */ }
      });
    }
    /** A level cut to a window: its "more" entry lists the level's other pages in place. */
    function addShowAll(li) {
      var link = li.querySelector('a');
      var button = el('button', { type: 'button', 'class': 'nav-show-all' }, link.textContent);
      li.replaceChild(button, link);
      button.addEventListener('click', function () {
        button.setAttribute('aria-busy', 'true');
        read(li.getAttribute('data-b')).then(function (entries) {
          var depth = depthOf(li);
          var shown = {};
          var first = null;
          for (var item = li.previousElementSibling; item && depthOf(item) >= depth; item = item.previousElementSibling) {
            if (depthOf(item) === depth && !item.classList.contains('nav-group')) { shown[item.querySelector('a').getAttribute('href')] = true; first = item; }
          }
          // Pages before the window go before its first entry, the others before this one.
          var start = first ? first.previousElementSibling : li.previousElementSibling;
          var later = false;
          var added = [];
          entries.forEach(function (data) {
            if (shown[data[1]]) { later = true; return; }
            var item = insert(data, depth, later ? li.previousElementSibling : start);
            if (!later) start = item;
            added.push({ item: item, later: later });
          });
          var focus = added.filter(function (a) { return a.later; })[0] || added[0];
          li.parentNode.removeChild(li);
          relabel();
          if (focus) focus.item.querySelector('a').focus();
        }, function () { window.location.href = link.href; });
      });
    }
    Array.prototype.slice.call(tree.children).forEach(function (li) {
      li.classList.remove('in-closed');
      if (li.classList.contains('nav-more')) {
        if (li.hasAttribute('data-b')) addShowAll(li);
        return;
      }
      if (!li.classList.contains('has-children')) return;
      var next = li.nextElementSibling;
      if (!li.hasAttribute('data-b') && !(next && depthOf(next) > depthOf(li))) return;
      addToggle(li, li.classList.contains('open') || li.classList.contains('current'));
    });
  }

  // ---- Code blocks ----
  /** The commands of a console session: prompts (`$ `, `# `) dropped, output lines left
      out, continuation lines (after a trailing backslash) kept. */
  function consoleCommands(text) {
    var out = [];
    var continued = false;
    text.replace(/\n$/, '').split('\n').forEach(function (line) {
      var prompt = /^\s*[$#] /.exec(line);
      if (prompt) { line = line.slice(prompt[0].length); out.push(line); continued = /\\$/.test(line); }
      else if (continued) { out.push(line); continued = /\\$/.test(line); }
    });
    return out.join('\n');
  }
  window.opsbookConsoleCommands = consoleCommands;

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = el('textarea', { 'aria-hidden': 'true', 'class': 'visually-hidden' });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand('copy');
      area.remove();
      if (ok) resolve(); else reject(new Error('copy refused'));
    });
  }

  function wireCode(pre) {
    var code = pre.querySelector('code') || pre;
    var lang = pre.getAttribute('data-lang') || '';
    var isConsole = /^(console|shell-session|shellsession)$/i.test(lang);
    var block = el('div', { 'class': 'code-block' });
    var bar = el('div', { 'class': 'code-bar' });
    if (lang) bar.appendChild(el('span', { 'class': 'code-lang' }, lang));
    // An icon (style.css) named by its hidden text, which says what the copy did.
    var label = el('span', {}, say('ui_copy'));
    var button = el('button', { type: 'button', 'class': 'copy-button', title: say(isConsole ? 'ui_copy_commands' : 'ui_copy') });
    button.appendChild(label);
    bar.appendChild(button);
    pre.parentNode.insertBefore(block, pre);
    block.appendChild(bar);
    block.appendChild(pre);
    button.addEventListener('click', function () {
      var text = isConsole ? consoleCommands(code.textContent) : code.textContent.replace(/\n$/, '');
      copyText(text).then(function () {
        label.textContent = say('ui_copied');
        button.classList.add('copied');
        announce(say('ui_copied'));
      }, function () {
        label.textContent = say('ui_copy_failed');
        announce(say('ui_copy_failed'));
      }).then(function () { setTimeout(function () { label.textContent = say('ui_copy'); button.classList.remove('copied'); }, 2000); });
    });
  }

  /** Scrolling code blocks can be reached and scrolled with the keyboard. */
  function markScrolling() {
    var blocks = document.querySelectorAll('pre');
    blocks.forEach(function (pre, at) {
      if (pre.scrollWidth > pre.clientWidth + 1) {
        pre.setAttribute('tabindex', '0');
        // Named by its language and its place, so no two regions share a name.
        if (!pre.hasAttribute('aria-label')) pre.setAttribute('aria-label', say('ui_code_block', { lang: pre.getAttribute('data-lang') || say('ui_code'), n: at + 1, total: blocks.length }));
        if (!pre.getAttribute('role')) pre.setAttribute('role', 'region');
      } else if (pre.getAttribute('role') === 'region') {
        pre.removeAttribute('tabindex');
        pre.removeAttribute('role');
        pre.removeAttribute('aria-label');
      }
    });
  }

  // ---- Table of contents: the section being read ----
  function wireToc() {
    var links = Array.prototype.slice.call(document.querySelectorAll('.toc a[href^="#"]'));
    if (!links.length || !('IntersectionObserver' in window)) return;
    var ids = [];
    links.forEach(function (a) { var id = decodeURIComponent(a.getAttribute('href').slice(1)); if (ids.indexOf(id) < 0) ids.push(id); });
    var headings = ids.map(function (id) { return document.getElementById(id); }).filter(Boolean);
    if (!headings.length) return;
    var visible = new Set();
    function mark() {
      // The first heading in view; else the last one above the viewport.
      var current = null;
      for (var i = 0; i < headings.length; i++) { if (visible.has(headings[i])) { current = headings[i]; break; } }
      if (!current) {
        headings.forEach(function (h) { if (h.getBoundingClientRect().top < 0) current = h; });
      }
      links.forEach(function (a) {
        var on = current && a.getAttribute('href') === '#' + encodeURIComponent(current.id).replace(/%2F/g, '/');
        on = on || (current && decodeURIComponent(a.getAttribute('href').slice(1)) === current.id);
        if (on) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
      });
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { if (entry.isIntersecting) visible.add(entry.target); else visible.delete(entry.target); });
      mark();
    }, { rootMargin: '0px 0px -60% 0px' });
    headings.forEach(function (h) { observer.observe(h); });
  }

  // ---- Keyboard shortcuts ----
  var SHORTCUTS = [['/', say('ui_shortcut_search')], ['[', say('ui_shortcut_previous')], [']', say('ui_shortcut_next')],
    ['?', say('ui_shortcut_help')], ['Esc', say('ui_shortcut_close')]];
  var dialog = null;
  function showShortcuts() {
    if (!dialog) {
      dialog = el('dialog', { 'class': 'shortcuts-dialog', 'aria-labelledby': 'shortcuts-title' });
      dialog.appendChild(el('h2', { id: 'shortcuts-title' }, say('ui_shortcuts')));
      var list = el('dl');
      SHORTCUTS.forEach(function (s) {
        var row = el('div');
        var key = el('dt');
        key.appendChild(el('kbd', {}, s[0]));
        row.appendChild(key);
        row.appendChild(el('dd', {}, s[1]));
        list.appendChild(row);
      });
      dialog.appendChild(list);
      var close = el('button', { type: 'button', 'class': 'dialog-close' }, say('ui_close'));
      close.addEventListener('click', function () { dialog.close(); });
      dialog.appendChild(close);
      dialog.addEventListener('click', function (event) { if (event.target === dialog) dialog.close(); });
      document.body.appendChild(dialog);
    }
    if (!dialog.open) dialog.showModal();
  }
  window.opsbookShowShortcuts = showShortcuts;

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (dialog && dialog.open) return;
    var go = function (selector) { var link = document.querySelector(selector); if (link) window.location.href = link.href; };
    if (event.key === '[') { event.preventDefault(); go('.page-nav a[rel="prev"]'); }
    else if (event.key === ']') { event.preventDefault(); go('.page-nav a[rel="next"]'); }
    else if (event.key === '?') { event.preventDefault(); showShortcuts(); }
  });

  // Diagrams the build could not draw (src/markdown/diagram/browser.rs): each figure
  // holds a note and its Mermaid source; drawn, it shows the drawing above the source,
  // closed, and loses the note. One diagram at a time, as Mermaid asks.
  var mermaidReady = null;
  var drawing = Promise.resolve();
  var drawn = 0;
  function loadMermaid() {
    if (!mermaidReady) {
      mermaidReady = new Promise(function (resolve, reject) {
        var script = el('script', { src: here.replace(/theme\.js(?:[?#].*)?$/, 'mermaid.min.js') });
        script.onload = function () { if (window.mermaid) resolve(window.mermaid); else reject(new Error('no Mermaid')); };
        script.onerror = function () { reject(new Error('Mermaid did not load')); };
        document.head.appendChild(script);
      }).then(function (mermaid) {
        var chosen = html.getAttribute('data-theme');
        var dark = chosen === 'dark' || (chosen !== 'light' && window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
        return mermaid;
      });
    }
    return mermaidReady;
  }
  function drawDiagram(figure) {
    var code = figure.querySelector('code');
    var note = figure.querySelector('.diagram-note');
    if (!code) return;
    var source = code.textContent;
    drawing = drawing.then(loadMermaid).then(function (mermaid) {
      drawn += 1;
      return mermaid.render('opsbook-mermaid-' + drawn, source);
    }).then(function (result) {
      var box = el('div', { 'class': 'diagram-drawing' });
      box.innerHTML = result.svg;
      var svg = box.querySelector('svg');
      if (svg) {
        var kind = (source.replace(/^\s*(?:%%[^\n]*\n\s*)*/, '').split(/[\s;]/)[0] || 'Mermaid').replace(/Diagram(?:-v2)?$|-beta$/, '');
        svg.setAttribute('role', 'img');
        svg.removeAttribute('aria-roledescription');
        if (!svg.getAttribute('aria-labelledby')) svg.setAttribute('aria-label', say('ui_diagram', { kind: kind.charAt(0).toUpperCase() + kind.slice(1) }));
      }
      figure.insertBefore(box, figure.firstChild);
      if (note) note.remove();
      var details = figure.querySelector('details');
      if (details) details.open = false;
      figure.classList.add('diagram-drawn');
    }).catch(function () {
      if (note) note.textContent = say('ui_diagram_failed');
    });
  }
  function wireDiagrams() {
    var figures = document.querySelectorAll('figure[data-mermaid]');
    if (!figures.length) return;
    if (!('IntersectionObserver' in window)) { figures.forEach(drawDiagram); return; }
    var near = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        near.unobserve(entry.target);
        drawDiagram(entry.target);
      });
    }, { rootMargin: '300px 0px' });
    figures.forEach(function (figure) { near.observe(figure); });
  }

  function start() {
    document.body.appendChild(status);
    var themeButton = document.querySelector('.theme-button');
    if (themeButton) wireTheme(themeButton);
    var nav = document.getElementById('site-nav');
    var menu = document.querySelector('.menu-button');
    if (nav) wireTree(nav);
    if (nav && menu) wireDrawer(menu, nav);
    document.querySelectorAll('pre.code').forEach(wireCode);
    markScrolling();
    var timer = null;
    window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(markScrolling, 150); });
    wireToc();
    wireDiagrams();
    var hint = document.querySelector('.shortcuts-hint');
    if (hint) hint.hidden = false;
    var print = document.querySelector('.print-button');
    if (print) { print.hidden = false; print.addEventListener('click', function () { window.print(); }); }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
