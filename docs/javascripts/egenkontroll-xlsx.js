/* Just enough XLSX for the self-assessment checklist, without a library and without a request:
   KravXlsx.write(workbook) makes an Office Open XML workbook (a zip of XML parts, stored
   uncompressed) and KravXlsx.read(bytes) reads the sheets of one back as rows of text
   (deflated parts are unpacked with the browser's own DecompressionStream). The file comes
   from the reader's own machine, but is read defensively all the same: at most MAX_ENTRIES
   parts and MAX_UNPACKED bytes, no part names that climb out of the package, and XML through
   DOMParser (which never fetches or expands external entities). */
(function () {
  "use strict";
  var MAX_ENTRIES = 500;
  var MAX_UNPACKED = 100 * 1024 * 1024;

  // --- Writing --------------------------------------------------------------------------------

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  function zip(files) {  // [{name, text}] -> Uint8Array (method 0: stored)
    var encoder = new TextEncoder();
    var parts = [], central = [], offset = 0;
    files.forEach(function (file) {
      var name = encoder.encode(file.name), data = encoder.encode(file.text), crc = crc32(data);
      var local = new DataView(new ArrayBuffer(30));
      local.setUint32(0, 0x04034b50, true); local.setUint16(4, 20, true); local.setUint16(6, 0x0800, true);
      local.setUint16(8, 0, true); local.setUint16(10, 0, true); local.setUint16(12, 0x21, true);
      local.setUint32(14, crc, true); local.setUint32(18, data.length, true); local.setUint32(22, data.length, true);
      local.setUint16(26, name.length, true); local.setUint16(28, 0, true);
      var entry = new DataView(new ArrayBuffer(46));
      entry.setUint32(0, 0x02014b50, true); entry.setUint16(4, 20, true); entry.setUint16(6, 20, true);
      entry.setUint16(8, 0x0800, true); entry.setUint16(10, 0, true); entry.setUint16(12, 0, true);
      entry.setUint16(14, 0x21, true); entry.setUint32(16, crc, true); entry.setUint32(20, data.length, true);
      entry.setUint32(24, data.length, true); entry.setUint16(28, name.length, true);
      entry.setUint32(42, offset, true);
      parts.push(new Uint8Array(local.buffer), name, data);
      central.push(new Uint8Array(entry.buffer), name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (n, p) { return n + p.length; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
    end.setUint32(12, size, true); end.setUint32(16, offset, true);
    var all = parts.concat(central, [new Uint8Array(end.buffer)]);
    var out = new Uint8Array(offset + size + 22), at = 0;
    all.forEach(function (p) { out.set(p, at); at += p.length; });
    return out;
  }

  // Text XML 1.0 can hold: characters it forbids are written as visible escapes («\u0001»).
  function xml(value) {
    return String(value == null ? "" : value)
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, function (c) {
        return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
      })
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function letter(index) {  // 0 -> A, 25 -> Z, 26 -> AA
    var s = "";
    for (index += 1; index > 0; index = Math.floor((index - 1) / 26)) s = String.fromCharCode(65 + (index - 1) % 26) + s;
    return s;
  }

  function sheetXml(sheet) {
    var rows = sheet.rows.map(function (row, r) {
      var cells = row.map(function (value, c) {
        if (value === "" || value == null) return "";
        var style = sheet.headerRow === r + 1 ? ' s="1"' : (sheet.wrap ? ' s="2"' : "");
        return '<c r="' + letter(c) + (r + 1) + '" t="inlineStr"' + style + '><is><t xml:space="preserve">' +
          xml(value) + "</t></is></c>";
      }).join("");
      return '<row r="' + (r + 1) + '">' + cells + "</row>";
    }).join("");
    var cols = (sheet.widths || []).map(function (w, i) {
      return '<col min="' + (i + 1) + '" max="' + (i + 1) + '" width="' + w + '" customWidth="1"/>';
    }).join("");
    var validations = (sheet.lists || []).map(function (list) {
      return '<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="' + list.range + '">' +
        "<formula1>" + xml('"' + list.values.join(",") + '"') + "</formula1></dataValidation>";
    }).join("");
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (sheet.headerRow ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="' + sheet.headerRow +
        '" topLeftCell="A' + (sheet.headerRow + 1) + '" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' : "") +
      (cols ? "<cols>" + cols + "</cols>" : "") + "<sheetData>" + rows + "</sheetData>" +
      (validations ? '<dataValidations count="' + sheet.lists.length + '">' + validations + "</dataValidations>" : "") +
      '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      '<pageSetup orientation="landscape" paperSize="9" fitToWidth="1" fitToHeight="0"/>' +
      (sheet.pageHeader ? "<headerFooter><oddHeader>" + xml("&L" + sheet.pageHeader.replace(/&/g, "&&")) +
        "</oddHeader><oddFooter>" + xml("&RSide &P av &N") + "</oddFooter></headerFooter>" : "") +
      "</worksheet>";
  }

  function write(book) {  // {sheets: [{name, rows, hidden, headerRow, widths, lists, pageHeader}]}
    var ns = "http://schemas.openxmlformats.org/";
    var files = [
      { name: "[Content_Types].xml", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="' + ns + 'package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        book.sheets.map(function (s, i) {
          return '<Override PartName="/xl/worksheets/sheet' + (i + 1) +
            '.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>';
        }).join("") + "</Types>" },
      { name: "_rels/.rels", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="' + ns + 'package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + ns + 'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        "</Relationships>" },
      { name: "xl/workbook.xml", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<workbook xmlns="' + ns + 'spreadsheetml/2006/main" xmlns:r="' + ns + 'officeDocument/2006/relationships">' +
        "<sheets>" + book.sheets.map(function (s, i) {
          return '<sheet name="' + xml(s.name) + '" sheetId="' + (i + 1) + '"' + (s.hidden ? ' state="hidden"' : "") +
            ' r:id="rId' + (i + 1) + '"/>';
        }).join("") + "</sheets>" +
        "<definedNames>" + book.sheets.map(function (s, i) {
          return s.headerRow ? '<definedName name="_xlnm.Print_Titles" localSheetId="' + i + '">' +
            xml("'" + s.name.replace(/'/g, "''") + "'!$1:$" + s.headerRow) + "</definedName>" : "";
        }).join("") + "</definedNames></workbook>" },
      { name: "xl/_rels/workbook.xml.rels", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="' + ns + 'package/2006/relationships">' +
        book.sheets.map(function (s, i) {
          return '<Relationship Id="rId' + (i + 1) + '" Type="' + ns +
            'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet' + (i + 1) + '.xml"/>';
        }).join("") + '<Relationship Id="rId' + (book.sheets.length + 1) + '" Type="' + ns +
        'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>' },
      { name: "xl/styles.xml", text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<styleSheet xmlns="' + ns + 'spreadsheetml/2006/main">' +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment wrapText="1" vertical="top"/></xf>' +
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>' +
        "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>" }
    ];
    book.sheets.forEach(function (s, i) { files.push({ name: "xl/worksheets/sheet" + (i + 1) + ".xml", text: sheetXml(s) }); });
    return zip(files);
  }

  // --- Reading --------------------------------------------------------------------------------

  function fail(reason) { var e = new Error(reason); e.krav = true; throw e; }

  function entries(bytes) {
    var view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    var end = -1;
    for (var i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
      if (view.getUint32(i, true) === 0x06054b50) { end = i; break; }
    }
    if (end < 0) fail("filen er ikke en XLSX-arbeidsbok (ingen zip-katalog)");
    var count = view.getUint16(end + 10, true), at = view.getUint32(end + 16, true);
    if (count > MAX_ENTRIES) fail("pakken har for mange deler (" + count + ")");
    var list = {}, total = 0, decoder = new TextDecoder();
    for (var n = 0; n < count; n++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) fail("zip-katalogen er skadet");
      var method = view.getUint16(at + 10, true), packed = view.getUint32(at + 20, true);
      var size = view.getUint32(at + 24, true), nameLength = view.getUint16(at + 28, true);
      var extra = view.getUint16(at + 30, true), comment = view.getUint16(at + 32, true);
      var local = view.getUint32(at + 42, true);
      var name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      if (/(^|\/)\.\.(\/|$)/.test(name) || name.charAt(0) === "/") fail("en del av pakken har et ugyldig navn");
      total += size;
      if (total > MAX_UNPACKED) fail("pakken er for stor når den pakkes ut");
      list[name] = { method: method, packed: packed, size: size, local: local };
      at += 46 + nameLength + extra + comment;
    }
    return { bytes: bytes, view: view, list: list };
  }

  function part(zipped, name) {
    var entry = zipped.list[name];
    if (!entry) return Promise.resolve(null);
    var view = zipped.view, at = entry.local;
    if (at + 30 > zipped.bytes.length || view.getUint32(at, true) !== 0x04034b50) fail("en del av pakken er skadet");
    var start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    var data = zipped.bytes.subarray(start, start + entry.packed);
    if (entry.method === 0) return Promise.resolve(new TextDecoder().decode(data));
    if (entry.method !== 8 || typeof DecompressionStream === "undefined") fail("en del av pakken er komprimert på en måte nettleseren ikke kan lese");
    var stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      if (buffer.byteLength > entry.size) fail("en del av pakken er større enn oppgitt");
      return new TextDecoder().decode(buffer);
    });
  }

  function parse(text) {
    var doc = new DOMParser().parseFromString(text, "application/xml");
    if (doc.getElementsByTagName("parsererror").length || /<!DOCTYPE/i.test(text.slice(0, 500))) fail("XML-en i arbeidsboka kan ikke leses");
    return doc;
  }

  function byTag(node, tag) { return Array.prototype.slice.call(node.getElementsByTagNameNS("*", tag)); }

  function columnOf(ref) {
    var letters = (ref.match(/^[A-Z]+/) || [""])[0], n = 0;
    for (var i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
    return n - 1;
  }

  function read(bytes) {  // Uint8Array -> Promise<{names: [...], sheets: {name: [[text|number, ...], ...]}}>
    return Promise.resolve().then(function () {
      var zipped = entries(bytes);
      return Promise.all([part(zipped, "xl/workbook.xml"), part(zipped, "xl/_rels/workbook.xml.rels"),
                          part(zipped, "xl/sharedStrings.xml")]).then(function (texts) {
        if (!texts[0] || !texts[1]) fail("filen er ikke en XLSX-arbeidsbok (mangler xl/workbook.xml)");
        var targets = {};
        byTag(parse(texts[1]), "Relationship").forEach(function (r) { targets[r.getAttribute("Id")] = r.getAttribute("Target"); });
        var shared = texts[2] ? byTag(parse(texts[2]), "si").map(function (si) {
          return byTag(si, "t").filter(function (t) { return t.parentNode.localName !== "rPh"; })
            .map(function (t) { return t.textContent; }).join("");
        }) : [];
        var sheets = byTag(parse(texts[0]), "sheet").map(function (s) {
          var id = s.getAttribute("r:id") || s.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
          var target = String(targets[id] || "");
          var path = target.charAt(0) === "/" ? target.slice(1) : "xl/" + target.replace(/^\.\//, "");
          return { name: s.getAttribute("name"), path: path };
        });
        return Promise.all(sheets.map(function (s) { return part(zipped, s.path); })).then(function (bodies) {
          var out = { names: sheets.map(function (s) { return s.name; }), sheets: {} };
          sheets.forEach(function (s, i) {
            var rows = [];
            if (bodies[i]) {
              byTag(parse(bodies[i]), "row").forEach(function (row, index) {
                var number = parseInt(row.getAttribute("r"), 10) || index + 1;
                if (number > 20000) return;
                var cells = [];
                byTag(row, "c").forEach(function (c, position) {
                  var ref = c.getAttribute("r"), col = ref ? columnOf(ref) : position, type = c.getAttribute("t");
                  var v = byTag(c, "v")[0], value;
                  if (type === "s") value = shared[parseInt(v && v.textContent, 10)] || "";
                  else if (type === "inlineStr") value = byTag(c, "t").map(function (t) { return t.textContent; }).join("");
                  else if (type === "str" || type === "e") value = v ? v.textContent : "";
                  else if (type === "b") value = v && v.textContent === "1" ? "TRUE" : "FALSE";
                  else value = v ? Number(v.textContent) : "";
                  if (col >= 0 && col < 60) cells[col] = value;
                });
                for (var k = 0; k < cells.length; k++) if (cells[k] === undefined) cells[k] = "";
                rows[number - 1] = cells;
              });
            }
            for (var r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
            out.sheets[s.name] = rows;
          });
          return out;
        });
      });
    });
  }

  window.KravXlsx = { write: write, read: read };
})();
