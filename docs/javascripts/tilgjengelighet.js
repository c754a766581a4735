/* Keyboard access to wide tables: Material wraps every table in a box that scrolls sideways
   when the table is wider than the screen; such a box must be reachable with the keyboard
   (WCAG 2.1.1), so it gets tabindex and a name while (and only while) it scrolls. */
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Tabell (kan rulles sideveis)");
        box.setAttribute("data-krav-rullbar", "");
      } else if (!scrolls && box.hasAttribute("data-krav-rullbar")) {
        ["tabindex", "role", "aria-label", "data-krav-rullbar"].forEach(function (a) { box.removeAttribute(a); });
      }
    });
  }
  if (document.readyState === "complete") mark(); else window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();
