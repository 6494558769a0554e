/* Article view: switch highlight layers on and off, and outline every piece of an event's
 * evidence when the event is picked in the side panel.  No article text is touched. */
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  if (!text) { return; }
  document.querySelectorAll("#layers input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("off-" + box.dataset.layer, !box.checked);
    });
  });
  function focusGroup(group) {
    text.querySelectorAll(".hl.focus").forEach(function (n) { n.classList.remove("focus"); });
    if (!group) { return; }
    text.querySelectorAll(".hl").forEach(function (n) {
      if (n.dataset.group === group) { n.classList.add("focus"); }
    });
  }
  document.querySelectorAll("a.jump[data-group]").forEach(function (a) {
    a.addEventListener("click", function () { focusGroup(a.dataset.group); });
  });
  if (window.location.hash.indexOf("#ev-") === 0) { focusGroup(window.location.hash.slice(1)); }
})();
