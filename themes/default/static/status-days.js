// The uptime bars on a phone: a day is a few pixels wide, too narrow to hover or to
// focus, so a tap on the bar (or a finger dragged along it) reads the day under the
// finger in the line below the bar (`.uptime-readout`, a polite live region). The
// keyboard and the mouse keep the tips of status.css.
(function () {
  'use strict';

  function read(bar, x, y) {
    var at = document.elementFromPoint(x, y);
    var day = at && at.closest ? at.closest('.uptime-day') : null;
    if (!day || !bar.contains(day)) return;
    var out = bar.parentNode.querySelector('.uptime-readout');
    var tip = day.querySelector('.uptime-tip');
    if (!out || !tip) return;
    var picked = bar.querySelector('.uptime-day.picked');
    if (picked) picked.classList.remove('picked');
    day.classList.add('picked');
    if (out.textContent !== tip.textContent) out.textContent = tip.textContent;
    out.hidden = false;
  }

  function wire(bar) {
    var down = false;
    bar.addEventListener('pointerdown', function (event) { down = true; read(bar, event.clientX, event.clientY); });
    bar.addEventListener('pointermove', function (event) { if (down) read(bar, event.clientX, event.clientY); });
    window.addEventListener('pointerup', function () { down = false; });
    window.addEventListener('pointercancel', function () { down = false; });
  }

  function start() {
    document.querySelectorAll('.uptime-bar').forEach(wire);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
