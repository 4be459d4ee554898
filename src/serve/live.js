// opsbook serve: live reload. Injected into every page while serving, never built into
// the site. Listens to the server's events: `reload` when this page (or a stylesheet or
// script) changed, `problems` with the errors of the last change (shown over the page
// until fixed). Keeps the scroll position across reloads.
(function () {
  'use strict';
  var script = document.currentScript;
  var version = (script && script.getAttribute('data-version')) || '0';
  var key = 'opsbook-scroll:' + location.pathname;

  function restoreScroll() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(key) || 'null'); } catch (e) { saved = null; }
    if (!saved) return;
    sessionStorage.removeItem(key);
    window.scrollTo(saved.x, saved.y);
  }
  if (document.readyState === 'complete') restoreScroll();
  else window.addEventListener('load', restoreScroll);

  var overlay = null;
  function showProblems(problems) {
    if (overlay) { overlay.remove(); overlay = null; }
    if (!problems.length) return;
    overlay = document.createElement('div');
    overlay.id = 'opsbook-problems';
    overlay.setAttribute('role', 'alert');
    overlay.style.cssText = 'position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:2147483647;' +
      'max-height:50vh;overflow:auto;padding:1rem 1.25rem;border-radius:6px;' +
      'background:#2b1114;color:#ffe3e3;border:2px solid #e5484d;box-shadow:0 4px 24px rgba(0,0,0,.4);' +
      'font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;';
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = '\u00d7';
    close.setAttribute('aria-label', 'Hide');
    close.style.cssText = 'float:right;background:none;border:0;color:inherit;font-size:20px;cursor:pointer;';
    close.onclick = function () { overlay.remove(); overlay = null; };
    overlay.appendChild(close);
    var title = document.createElement('strong');
    title.textContent = 'opsbook: the last change has ' + problems.length +
      (problems.length === 1 ? ' error' : ' errors') + '; this is the last good version of the page.';
    overlay.appendChild(title);
    var list = document.createElement('ul');
    list.style.cssText = 'margin:.5rem 0 0;padding-left:1.25rem;';
    problems.forEach(function (problem) {
      var item = document.createElement('li');
      var where = document.createElement('span');
      where.style.cssText = 'color:#ff9592;';
      where.textContent = problem.location;
      item.appendChild(where);
      item.appendChild(document.createTextNode(': ' + problem.message));
      list.appendChild(item);
    });
    overlay.appendChild(list);
    document.body.appendChild(overlay);
  }

  if (!window.EventSource) return;
  // The server decodes the path once: send it decoded (`/guides/日本/`, not `%E6%97%A5…`).
  var path = location.pathname;
  try { path = decodeURIComponent(path); } catch (e) { /* keep it as it is */ }
  var url = '/__opsbook/events?path=' + encodeURIComponent(path) + '&since=' + encodeURIComponent(version);
  var events = new EventSource(url);
  events.addEventListener('reload', function () {
    events.close();
    try { sessionStorage.setItem(key, JSON.stringify({ x: window.scrollX, y: window.scrollY })); } catch (e) { /* private mode */ }
    location.reload();
  });
  events.addEventListener('problems', function (event) {
    var problems = [];
    try { problems = JSON.parse(event.data); } catch (e) { problems = []; }
    showProblems(problems);
  });
})();
