/* «Hva gjelder for oss»: the reader chooses owner type and kind of institution and the page
   shows only the provisions that apply. The choice lives in the address
   (?eierform=kommunal&institusjonstype=akutt) so it can be shared, and is carried on to the
   site's other pages. Requirements without `gjelder_for` apply to all.

   Progressive enhancement: without this script every page shows everything. The facts come
   from javascripts/krav-gjelder.js, generated from the records at build time. Record text is
   only ever inserted with textContent, never as markup. Nothing is sent anywhere. */
(function () {
  "use strict";
  var data = window.KRAV_GJELDER;
  if (!data || !data.dimensjoner || !data.dimensjoner.length) return;

  var KRAV_LINK = /(?:^|\/)krav\/([A-Za-z0-9][A-Za-z0-9_-]*)\/(?:index\.html)?(?:[?#].*)?$/;

  function readChoice() {
    var params = new URLSearchParams(window.location.search);
    var choice = {};
    data.dimensjoner.forEach(function (dim) {
      var value = params.get(dim.felt);
      var known = dim.verdier.some(function (v) { return v.id === value; });
      choice[dim.felt] = known ? value : "";
    });
    return choice;
  }

  function applies(id, choice) {
    var scope = data.krav[id];
    if (!scope) return true;
    return Object.keys(choice).every(function (field) {
      var value = choice[field];
      return !value || !scope[field] || scope[field].indexOf(value) >= 0;
    });
  }

  function isActive(choice) {
    return Object.keys(choice).some(function (k) { return choice[k]; });
  }

  function queryOf(choice) {
    var params = new URLSearchParams();
    Object.keys(choice).forEach(function (k) { if (choice[k]) params.set(k, choice[k]); });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function kravIdOfLink(link) {
    var match = (link.getAttribute("href") || "").match(KRAV_LINK);
    return match ? match[1] : null;
  }

  function setHidden(element, hidden) {
    if (hidden) element.setAttribute("data-krav-skjult", "");
    else element.removeAttribute("data-krav-skjult");
  }

  // The units a page is made of: a provision section on a clause page (its heading carries the
  // id and runs to the next heading of the same level), a list item or table row whose first
  // requirement link names it, and rows of the checklist (data-krav).
  function units(article) {
    var found = [];
    article.querySelectorAll(".krav-bestemmelse[id]").forEach(function (heading) {
      var level = parseInt(heading.tagName.slice(1), 10) || 2;  // h2 on a clause page, h3 in the print
      var members = [heading];
      for (var next = heading.nextElementSibling; next; next = next.nextElementSibling) {
        var match = /^H([1-6])$/.exec(next.tagName);
        if (match && parseInt(match[1], 10) <= level) break;
        members.push(next);
      }
      found.push({ id: heading.id, elements: members, toc: heading.id });
    });
    article.querySelectorAll("[data-krav]").forEach(function (element) {
      found.push({ id: element.getAttribute("data-krav"), elements: [element] });
    });
    article.querySelectorAll("li, tr").forEach(function (item) {
      if (item.closest("[data-krav], .krav-komite, .krav-filter")) return;
      // Only an item that starts with the requirement's link is about that requirement
      // («IK-003 Tittel (§ 10-7)»); a line such as «Krav som viser hit: A, B» is left alone.
      var link = item.querySelector("a[href]");
      var id = link && kravIdOfLink(link);
      var first = item.tagName === "TR" ? item.querySelector("td, th") : item;
      if (!id || link.closest("li, tr") !== item || !first) return;
      if (first.textContent.trim().indexOf(link.textContent.trim()) === 0) found.push({ id: id, elements: [item] });
    });
    return found;
  }

  function carryChoice(choice) {
    var query = queryOf(choice);
    document.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!href || /^(?:[a-z]+:|\/\/|#)/i.test(href)) return;
      var original = link.getAttribute("data-krav-href");
      if (original === null) { original = href; link.setAttribute("data-krav-href", href); }
      var cut = original.search(/[?#]/);
      var path = cut >= 0 ? original.slice(0, cut) : original;
      var rest = cut >= 0 ? original.slice(cut) : "";
      var hash = rest.indexOf("#") >= 0 ? rest.slice(rest.indexOf("#")) : "";
      link.setAttribute("href", path + query + hash);
    });
  }

  function apply(box, article, choice) {
    var active = isActive(choice);
    var shown = 0, total = 0, seen = {};
    units(article).forEach(function (unit) {
      var hide = active && !applies(unit.id, choice);
      unit.elements.forEach(function (element) { setHidden(element, hide); });
      if (unit.toc) {
        document.querySelectorAll('.md-nav a[href="#' + unit.toc + '"]').forEach(function (link) {
          setHidden(link.closest("li") || link, hide);
        });
      }
      if (!seen[unit.id]) { seen[unit.id] = true; total += 1; if (!hide) shown += 1; }
    });
    // Counts (front page): recount the ids each one stands for.
    var recounted = 0;
    document.querySelectorAll("[data-krav-telling]").forEach(function (element) {
      var ids = element.getAttribute("data-krav-telling").split(" ").filter(Boolean);
      var n = ids.filter(function (id) { return !active || applies(id, choice); }).length;
      var singular = element.getAttribute("data-entall"), plural = element.getAttribute("data-flertall");
      element.textContent = singular ? n + " " + (n === 1 ? singular : plural) : String(n);
      recounted += 1;
    });
    var page = document.querySelector("[data-krav-side]");
    var notice = box.querySelector(".krav-filter-status");
    var names = [];
    data.dimensjoner.forEach(function (dim) {
      dim.verdier.forEach(function (v) { if (choice[dim.felt] === v.id) names.push(v.navn.toLowerCase()); });
    });
    var text;
    if (!active) text = box.getAttribute("data-krav-ingress") ? "Viser alt." :
      "Viser alt. Velg eierform og type institusjon for å se bare det som gjelder dere.";
    else if (total) text = "Viser det som gjelder for " + names.join(", ") + ": " + shown + " av " + total + " " +
      (total === 1 ? "bestemmelse" : "bestemmelser") + " på denne siden.";
    else if (recounted) text = "Tallene viser det som gjelder for " + names.join(", ") + ".";
    else text = "";
    if (page && active) {
      var own = page.getAttribute("data-krav-side");
      var verdict = (applies(own, choice) ? "Denne bestemmelsen gjelder for " : "Denne bestemmelsen gjelder ikke for ") +
        names.join(", ") + ".";
      text = verdict + (text ? " " + text : "");
      box.setAttribute("data-krav-gjelder", applies(own, choice) ? "ja" : "nei");
    }
    notice.textContent = text;
    box.classList.toggle("krav-filter-aktiv", active);  // printed only when it narrows the page
    carryChoice(choice);
    document.dispatchEvent(new CustomEvent("krav-gjelder", { detail: { choice: choice, applies: applies } }));
  }

  function build(box, article) {
    var choice = readChoice();
    var form = document.createElement("form");
    form.className = "krav-filter-skjema";
    form.setAttribute("aria-label", "Hva gjelder for oss");
    var title = document.createElement("p");
    title.className = "krav-filter-tittel";
    title.textContent = "Hva gjelder for oss?";
    form.appendChild(title);
    if (box.getAttribute("data-krav-ingress")) {
      var intro = document.createElement("p");
      intro.className = "krav-filter-ingress";
      intro.textContent = box.getAttribute("data-krav-ingress");
      form.appendChild(intro);
    }
    data.dimensjoner.forEach(function (dim) {
      var id = "krav-filter-" + dim.felt;
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = dim.navn;
      var select = document.createElement("select");
      select.id = id;
      select.name = dim.felt;
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "Alle (" + dim.alle + ")";
      select.appendChild(all);
      dim.verdier.forEach(function (v) {
        var option = document.createElement("option");
        option.value = v.id;
        option.textContent = v.navn;
        select.appendChild(option);
      });
      select.value = choice[dim.felt] || "";
      var field = document.createElement("span");
      field.className = "krav-filter-felt";
      field.appendChild(label);
      field.appendChild(select);
      form.appendChild(field);
    });
    var status = document.createElement("p");
    status.className = "krav-filter-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.appendChild(form);
    box.appendChild(status);
    box.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function () {
      var next = {};
      data.dimensjoner.forEach(function (dim) { next[dim.felt] = form.elements[dim.felt].value; });
      var url = window.location.pathname + queryOf(next) + window.location.hash;
      window.history.replaceState(null, "", url);
      apply(box, article, next);
    });
    apply(box, article, choice);
  }

  function start() {
    var article = document.querySelector("article") || document.body;
    var box = document.querySelector("[data-krav-filter]");
    if (box) build(box, article);
    else carryChoice(readChoice());
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
