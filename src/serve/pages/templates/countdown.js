// The live countdown of the reset page: the only script. The server decides whether a
// password arrives in time; this only shows how much of the window is left.
(function () {
  "use strict";
  var deadline = document.getElementById("deadline");
  var out = document.getElementById("countdown");
  if (!deadline || !out) { return; }
  var end = Date.parse(deadline.getAttribute("datetime"));
  if (isNaN(end)) { return; }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    if (left === 0) {
      out.textContent = out.getAttribute("data-closed");
      out.className = "error";
      return;
    }
    out.textContent = Math.floor(left / 60) + ":" + pad(left % 60) + " left.";
    setTimeout(tick, 1000 - (Date.now() % 1000));
  }
  tick();
}());
