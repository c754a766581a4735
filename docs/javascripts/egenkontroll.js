/* Egenkontroll in the browser: the answers on the checklist page are kept only on the reader's
   own device (localStorage) and are never sent anywhere: the content may be sensitive.
   Export and import as JSON or CSV (UTF-8 with BOM, «;»), in the columns of the CLI forms;
   print with the browser. Without this script the page is a plain, printable checklist.
   Text from files and records is only ever inserted with textContent or as form values. */
(function () {
  "use strict";
  var KEY = "krav-egenkontroll-svar";
  var FIELDS = ["begrunnelse", "dokumentasjon", "tiltak", "ansvarlig", "frist"];

  function start() {
    var tools = document.querySelector("[data-egenkontroll]");
    if (!tools) return;
    var meta;
    try { meta = JSON.parse(tools.getAttribute("data-egenkontroll")); } catch (e) { return; }
    var sections = Array.prototype.slice.call(document.querySelectorAll("section.krav-sjekk[data-krav]"));
    var byId = {};
    sections.forEach(function (s) { byId[s.getAttribute("data-krav")] = s; });
    var labels = meta.vurderinger; // key -> «delvis oppfylt»

    function load() {
      try {
        var stored = JSON.parse(window.localStorage.getItem(KEY) || "{}");
        return stored && typeof stored === "object" && stored.svar && typeof stored.svar === "object" ? stored.svar : {};
      } catch (e) { return {}; }
    }

    function answerOf(section) {
      var id = section.getAttribute("data-krav");
      var checked = section.querySelector('input[type="radio"]:checked');
      var answer = { vurdering: checked ? checked.value : "" };
      FIELDS.forEach(function (f) { answer[f] = section.querySelector('[data-felt="' + f + '"]').value; });
      return [id, answer];
    }

    function isEmpty(answer) {
      return !answer.vurdering && FIELDS.every(function (f) { return !answer[f]; });
    }

    function save() {
      sections.forEach(remind);
      var answers = load();
      sections.forEach(function (s) {
        var pair = answerOf(s);
        if (isEmpty(pair[1])) delete answers[pair[0]]; else answers[pair[0]] = pair[1];
      });
      try {
        window.localStorage.setItem(KEY, JSON.stringify({ versjon: meta.standard.versjon, svar: answers }));
      } catch (e) {
        say("Svarene kunne ikke lagres i nettleseren (lagringen er full eller slått av). Eksporter dem til en fil.");
      }
    }

    // «Ikke relevant» needs a reason (the CLI reports a form without one): say so by the field.
    function remind(section) {
      var checked = section.querySelector('input[type="radio"]:checked');
      var field = section.querySelector('[data-felt="begrunnelse"]');
      var hintId = field.id + "-hint";
      var hint = document.getElementById(hintId);
      var needed = checked && checked.value === "ikke_relevant" && !field.value.trim();
      if (needed && !hint) {
        hint = document.createElement("span");
        hint.id = hintId;
        hint.className = "krav-sjekk-pamin";
        hint.textContent = "Skriv hvorfor bestemmelsen ikke er relevant for dere.";
        field.parentNode.appendChild(hint);
        field.setAttribute("aria-describedby", hintId);
      } else if (!needed && hint) {
        hint.remove();
        field.removeAttribute("aria-describedby");
      }
    }

    function fill(answers) {
      sections.forEach(function (s) {
        var answer = answers[s.getAttribute("data-krav")] || {};
        s.querySelectorAll('input[type="radio"]').forEach(function (r) { r.checked = r.value === answer.vurdering; });
        FIELDS.forEach(function (f) { s.querySelector('[data-felt="' + f + '"]').value = answer[f] || ""; });
        remind(s);
      });
    }

    // --- Export --------------------------------------------------------------------------------------

    function rows() {
      return sections.filter(function (s) { return !s.hasAttribute("data-krav-skjult"); }).map(function (s) {
        var pair = answerOf(s);
        var row = {
          punkt: s.getAttribute("data-punkt"),
          id: pair[0],
          type: meta.typer[s.getAttribute("data-type")] || s.getAttribute("data-type"),
          tittel: s.getAttribute("data-tittel"),
          tekst: s.querySelector(".krav-sjekk-tekst").textContent,
          verifisering: s.getAttribute("data-verifisering")
        };
        Object.keys(pair[1]).forEach(function (f) { row[f] = pair[1][f]; });
        var out = {};
        meta.kolonner.forEach(function (c) { out[c.id] = row[c.id] == null ? "" : String(row[c.id]); });
        return out;
      });
    }

    function download(name, type, text) {
      var blob = new Blob([text], { type: type });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      document.body.appendChild(link);
      link.click();
      window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    }

    function fileName(ext) {
      return "egenkontroll-" + String(meta.standard.versjon).replace(/[^A-Za-z0-9._-]+/g, "_") + "-" +
        new Date().toISOString().slice(0, 10) + "." + ext;
    }

    function currentChoice() {  // the «hva gjelder for oss» filter, when the reader chose
      var choice = {};
      document.querySelectorAll(".krav-filter select").forEach(function (s) { if (s.value) choice[s.name] = s.value; });
      return choice;
    }

    function header() {
      return { format: meta.format, formatversjon: meta.formatversjon, standard: meta.standard,
               utvalg: { "områder": [], gjelder_for: currentChoice() } };
    }

    function exportJson() {
      var data = header();
      data.rader = rows();  // `vurdering` holds the answer's id (oppfylt, delvis, ...)
      download(fileName("json"), "application/json", JSON.stringify(data, null, 2) + "\n");
      say("Eksporterte " + data.rader.length + " rader som JSON.");
    }

    // A cell a spreadsheet would read as a formula is prefixed with an apostrophe (undone on import).
    function isFormula(text) {
      return meta.formelstart.some(function (start) { return text.indexOf(start) === 0; });
    }

    function csvCell(value) {
      var text = String(value == null ? "" : value);
      if (isFormula(text)) text = "'" + text;
      return /[";\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }

    function exportCsv() {
      var head = header();
      var choice = Object.keys(head.utvalg.gjelder_for).map(function (k) { return k + "=" + head.utvalg.gjelder_for[k]; });
      var marker = [meta.format, String(meta.formatversjon), meta.standard.tittel, meta.standard.versjon,
                    meta.standard.dato || "", meta.standard.betegnelse || "", "", choice.join(",")];
      var lines = [marker.map(csvCell).join(";"), meta.kolonner.map(function (c) { return csvCell(c.overskrift); }).join(";")];
      var list = rows();
      list.forEach(function (row) {
        lines.push(meta.kolonner.map(function (c) {
          return csvCell(c.id === "vurdering" && row.vurdering ? labels[row.vurdering] : row[c.id]);
        }).join(";"));
      });
      download(fileName("csv"), "text/csv;charset=utf-8", "\uFEFF" + lines.join("\r\n") + "\r\n");
      say("Eksporterte " + list.length + " rader som CSV.");
    }

    // --- Import --------------------------------------------------------------------------------------

    function parseCsv(text) {
      var records = [], row = [], cell = "", quoted = false, i = 0;
      for (; i < text.length; i++) {
        var c = text[i];
        if (quoted) {
          if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
          else if (c === '"') quoted = false;
          else cell += c;
        } else if (c === '"' && cell === "") quoted = true;
        else if (c === ";") { row.push(cell); cell = ""; }
        else if (c === "\n" || c === "\r") {
          if (c === "\r" && text[i + 1] === "\n") i++;
          row.push(cell); records.push(row); row = []; cell = "";
        } else cell += c;
      }
      if (cell !== "" || row.length) { row.push(cell); records.push(row); }
      return records.filter(function (r) { return r.some(function (v) { return v !== ""; }); });
    }

    function unformula(text) {
      return text.length > 1 && text[0] === "'" && isFormula(text.slice(1)) ? text.slice(1) : text;
    }

    function assessmentKey(value) {
      var text = String(value || "").trim().toLowerCase();
      if (!text) return "";
      var found = "";
      Object.keys(labels).forEach(function (k) {
        if (text === k || text === labels[k].toLowerCase() || text === k.replace("_", " ")) found = k;
      });
      return found === "" ? null : found;
    }

    function fromRows(list, where) {
      var answers = {}, problems = [];
      list.forEach(function (row, n) {
        var place = where(n);
        var id = String(row.id || "").trim();
        if (!byId[id]) { problems.push(place + ": ukjent id «" + id + "»"); return; }
        var key = assessmentKey(row.vurdering);
        if (key === null) {
          problems.push(place + ", kolonne «Vurdering»: ukjent svar «" + row.vurdering + "» (tillatt: " +
            Object.keys(labels).map(function (k) { return labels[k]; }).join(", ") + ")");
          return;
        }
        var answer = { vurdering: key };
        FIELDS.forEach(function (f) { answer[f] = String(row[f] == null ? "" : row[f]); });
        answers[id] = answer;
      });
      return { answers: answers, problems: problems };
    }

    function checkStandard(name, standard) {  // null when the file fits this page, else why not
      if (!standard || typeof standard !== "object") return null;
      if (standard.tittel && standard.tittel !== meta.standard.tittel) {
        return name + ": skjemaet er for en annen standard («" + standard.tittel + "»), ikke «" + meta.standard.tittel + "».";
      }
      return null;
    }

    // Rows of a table (CSV or an XLSX sheet) -> {answers, problems}, or a sentence saying why not.
    // `first` is the index of the heading row; `where(n)` names data row n for messages.
    function fromTable(table, first, where, sheet) {
      var header = (table[first] || []).map(function (h) { return String(h).trim(); });
      var position = {}, missing = [];
      meta.kolonner.forEach(function (c) {
        var at = header.indexOf(c.overskrift);
        if (at < 0) at = header.indexOf(c.id);
        if (at < 0) missing.push("«" + c.overskrift + "»"); else position[c.id] = at;
      });
      if (missing.length) {
        return (sheet ? "ark «" + sheet + "», " : "") + "rad " + (first + 1) + ": " +
          (missing.length === 1 ? "kolonnen " : "kolonnene ") + missing.join(", ") + " mangler. Forventet: " +
          meta.kolonner.map(function (c) { return c.overskrift; }).join(";") + ".";
      }
      var list = table.slice(first + 1).map(function (cells) {
        var row = {};
        meta.kolonner.forEach(function (c) {
          var value = cells[position[c.id]];
          if (typeof value === "number") {  // an XLSX number: a date serial in «Frist», else as typed
            value = c.id === "frist" ? new Date(Math.round((value - 25569) * 86400000)).toISOString().slice(0, 10)
              : String(value);
          }
          row[c.id] = unformula(value == null ? "" : String(value));
        });
        return row;
      });
      var keep = [], places = [];
      list.forEach(function (row, n) {
        if (meta.kolonner.some(function (c) { return row[c.id] !== ""; })) { keep.push(row); places.push(n); }
      });
      return fromRows(keep, function (n) { return where(places[n]); });
    }

    function finish(name, standard, result) {
      if (typeof result === "string") { say(name + ", " + result); return; }
      var wrong = checkStandard(name, standard);
      if (wrong) { say(wrong); return; }
      var version = standard && standard.versjon;
      var answers = load();
      Object.keys(result.answers).forEach(function (id) { answers[id] = result.answers[id]; });
      fill(answers);
      save();
      var message = "Importerte svar for " + Object.keys(result.answers).length + " bestemmelser fra " + name + ".";
      if (version && version !== meta.standard.versjon) {
        message += " Filen ble laget for versjon " + version + " av standarden; denne siden er versjon " + meta.standard.versjon + ".";
      }
      if (result.problems.length) message += " Ikke importert: " + result.problems.join("; ") + ".";
      say(message);
    }

    function importText(name, text) {
      text = text.replace(/^\uFEFF/, "");
      if (/^\s*\{/.test(text)) {
        var parsed;
        try { parsed = JSON.parse(text); } catch (e) { say(name + ": filen er ikke gyldig JSON."); return; }
        if (!parsed || parsed.format !== meta.format || !Array.isArray(parsed.rader)) {
          say(name + ": filen er ikke et egenkontrollskjema (mangler «format»: «" + meta.format + "» eller «rader»)."); return;
        }
        finish(name, parsed.standard, fromRows(parsed.rader, function (n) { return name + ", rad " + (n + 1); }));
        return;
      }
      var table = parseCsv(text);
      if (!table.length) { say(name + ": filen er tom."); return; }
      var first = 0, standard = null;
      if (table[0][0] === meta.format) {  // the marker line: format, version, standard, ...
        standard = { tittel: table[0][2], versjon: table[0][3] };
        first = 1;
      }
      finish(name, standard, fromTable(table, first, function (n) { return name + ", rad " + (n + first + 2); }));
    }

    function importXlsx(name, bytes) {
      if (!window.KravXlsx) { say(name + ": XLSX kan ikke leses i denne nettleseren."); return; }
      window.KravXlsx.read(bytes).then(function (book) {
        var marker = book.sheets[meta.xlsx.merke];
        var items = {};
        (marker || []).forEach(function (row) { if (row[0] !== undefined && row[0] !== "") items[String(row[0])] = String(row[1] == null ? "" : row[1]); });
        if (items.format !== meta.format) {
          say(name + ": filen er ikke et egenkontrollskjema (det skjulte arket «" + meta.xlsx.merke + "» med «" +
            meta.format + "» mangler)."); return;
        }
        var sheetName = meta.xlsx.skjema, table = book.sheets[sheetName];
        if (!table) { say(name + ": arket «" + sheetName + "» mangler."); return; }
        var first = -1;
        for (var r = 0; r < Math.min(20, table.length) && first < 0; r++) {
          var known = (table[r] || []).filter(function (cell) {
            return meta.kolonner.some(function (c) { return String(cell).trim() === c.overskrift; });
          }).length;
          if (known >= 3) first = r;
        }
        if (first < 0) { say(name + ", ark «" + sheetName + "»: fant ingen overskriftsrad med kolonnene i skjemaet."); return; }
        finish(name, { tittel: items.tittel, versjon: items.versjon },
          fromTable(table, first, function (n) { return name + ", ark «" + sheetName + "», rad " + (n + first + 2); }, sheetName));
      }).catch(function (error) {
        say(name + ": " + (error && error.krav ? error.message : "filen kan ikke leses som en XLSX-arbeidsbok") + ".");
      });
    }

    function exportXlsx() {
      if (!window.KravXlsx) { say("XLSX kan ikke lages i denne nettleseren."); return; }
      var head = header(), list = rows();
      var standard = meta.standard;
      var title = standard.tittel + " – egenkontroll, versjon " + standard.versjon + (standard.dato ? " (" + standard.dato + ")" : "");
      var table = [[title], meta.kolonner.map(function (c) { return c.overskrift; })];
      list.forEach(function (row) {
        table.push(meta.kolonner.map(function (c) { return c.id === "vurdering" && row.vurdering ? labels[row.vurdering] : row[c.id]; }));
      });
      var choice = Object.keys(head.utvalg.gjelder_for).map(function (k) { return k + "=" + head.utvalg.gjelder_for[k]; }).join(",");
      var answerColumn = meta.kolonner.map(function (c) { return c.id; }).indexOf("vurdering");
      var columnLetter = String.fromCharCode(65 + answerColumn);
      var bytes = window.KravXlsx.write({ sheets: [
        { name: meta.xlsx.skjema, rows: table, headerRow: 2, wrap: true, pageHeader: title,
          widths: meta.kolonner.map(function (c) { return c.bredde || 14; }),
          lists: list.length ? [{ range: columnLetter + "3:" + columnLetter + (list.length + 2),
                                  values: Object.keys(labels).map(function (k) { return labels[k]; }) }] : [] },
        { name: meta.xlsx.merke, hidden: true, rows: [["format", meta.format], ["formatversjon", String(meta.formatversjon)],
          ["tittel", standard.tittel], ["versjon", standard.versjon], ["dato", standard.dato || ""],
          ["betegnelse", standard.betegnelse || ""], ["områder", ""], ["gjelder_for", choice]] }
      ] });
      download(fileName("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes);
      say("Eksporterte " + list.length + " rader som XLSX.");
    }

    // --- Tools ---------------------------------------------------------------------------------------

    var status = document.createElement("p");
    status.className = "krav-egenkontroll-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    function say(text) { status.textContent = text; }

    function button(text, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button";
      b.textContent = text;
      b.addEventListener("click", action);
      tools.appendChild(b);
      return b;
    }

    button("Eksporter som JSON", exportJson);
    button("Eksporter som CSV", exportCsv);
    button("Eksporter som XLSX", exportXlsx);
    var picker = document.createElement("input");
    picker.type = "file";
    picker.id = "krav-egenkontroll-fil";
    picker.accept = ".json,.csv,.xlsx,application/json,text/csv";
    picker.className = "krav-egenkontroll-fil";
    var pickerLabel = document.createElement("label");
    pickerLabel.setAttribute("for", picker.id);
    pickerLabel.className = "md-button";
    pickerLabel.textContent = "Importer XLSX, JSON eller CSV";
    tools.appendChild(pickerLabel);
    tools.appendChild(picker);
    picker.addEventListener("change", function () {
      var file = picker.files && picker.files[0];
      if (!file) return;
      var reader = new FileReader();
      var isXlsx = /\.xlsx$/i.test(file.name);
      reader.onload = function () {
        if (isXlsx) importXlsx(file.name, new Uint8Array(reader.result));
        else importText(file.name, String(reader.result));
        picker.value = "";
      };
      reader.onerror = function () { say(file.name + ": filen kunne ikke leses."); };
      if (isXlsx) reader.readAsArrayBuffer(file); else reader.readAsText(file, "utf-8");
    });
    button("Skriv ut", function () { window.print(); });
    button("Slett svarene på denne maskinen", function () {
      try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
      fill({});
      say("Svarene er slettet fra denne nettleseren.");
    });
    tools.appendChild(status);
    tools.hidden = false;

    fill(load());
    document.querySelector(".md-content").addEventListener("input", save);
    document.querySelector(".md-content").addEventListener("change", function (event) {
      if (event.target !== picker) save();
    });
    var stored = Object.keys(load()).length;
    say(stored ? "Svar for " + stored + " bestemmelser er hentet fra denne nettleseren." :
      "Ingen svar er lagret ennå. Svarene lagres i denne nettleseren mens du skriver.");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
