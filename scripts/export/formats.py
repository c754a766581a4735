"""Writers for the export formats: JSON, CSV (Excel in Norway) and XLSX.

Every writer takes the model from `model.build_export` and returns bytes. Record text is
untrusted: JSON keeps every value exactly (the round trip depends on it) but writes invisible
and direction-changing characters as \\u escapes so nothing in the file reads differently from
what it holds; CSV and XLSX pass text through the neutraliser and never let a cell become a
formula.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .. import neutral
from ..vocabulary import LIVING_DRAFT, format_number
from .model import AREA_FIELDS, DRAFT_FIELDS, KRAV_FIELDS, SOURCE_FIELDS

SCHEMA_BASE = "https://standard.example/api/v1/schema/"  # the $id of the published export schemas

# --- JSON --------------------------------------------------------------------------------------


def json_text(document: Any) -> str:
    """JSON with Norwegian letters as they are and every character `neutral.visible` would
    escape written as a \\u escape instead (the parsed value is unchanged)."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    # One list of unsafe characters: the neutraliser's. json.dumps already escapes C0 controls.
    return neutral._UNSAFE.sub(_json_escape, text) + "\n"


def _json_escape(match) -> str:
    char = match.group()
    if char in "\n\r\t":  # whitespace between tokens (json.dumps escapes them inside strings)
        return char
    return "".join(f"\\u{unit:04x}" for unit in _utf16(char))


def _utf16(char: str) -> list[int]:
    code = ord(char)
    if code < 0x10000:
        return [code]
    code -= 0x10000
    return [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]


def with_schema(schema: str, body: dict) -> dict:
    return {"$schema": schema, **body}


def json_export(model: dict, schema: str | None = None) -> bytes:
    """The whole standard in one JSON document (schemas/eksport/v1/eksport.schema.json)."""
    return json_text(with_schema(schema or SCHEMA_BASE + "eksport.schema.json", model)).encode("utf-8")


# --- Flat cells (CSV, XLSX) -------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: Any) -> str:
    """A model value as the text of one spreadsheet cell (lists joined, empty for null)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell_text(v)}" for k, v in value.items())
    return str(value)


def _parameter(item: dict) -> str:
    parts = [f"{word} {format_number(item[key])}" for key, word in (("min", "minst"), ("maks", "høyst"), ("lik", "lik"))
             if key in item]
    return f"{item.get('navn')}: {' og '.join(parts)} {item.get('enhet') or ''}".strip()


def krav_row(item: dict) -> list[str]:
    """The provision as one row of text cells, in KRAV_COLUMNS order."""
    values = dict(item)
    values["lovhjemler"] = [s["id"] for s in item["lovhjemler"] or []]
    values["gjelder_for"] = item["gjelder_for"] if item["gjelder_for"] else "alle"
    values["parametere"] = "\n".join(_parameter(p) for p in item["parametere"] or [])
    values["relasjoner"] = [f"{r.get('type')} {r.get('krav')}" for r in item["relasjoner"] or []]
    row = [cell_text(values[key]) for key in KRAV_FIELDS]
    row.insert(KRAV_FIELDS.index("lovhjemler") + 1, "\n".join(s["lenke"] or "" for s in item["lovhjemler"] or []))
    return row


KRAV_COLUMNS = list(KRAV_FIELDS)
KRAV_COLUMNS.insert(KRAV_FIELDS.index("lovhjemler") + 1, "lovhjemler_lenker")


def sheet_rows(model: dict) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Sheet name -> (header, rows): one sheet per kind of record."""
    return {
        "Krav": (KRAV_COLUMNS, [krav_row(k) for k in model["krav"]]),
        "Lovhjemler": (list(SOURCE_FIELDS), [[cell_text(s[f]) for f in SOURCE_FIELDS] for s in model["lovhjemler"]]),
        "Områder": (list(AREA_FIELDS), [[cell_text(a[f]) for f in AREA_FIELDS] for a in model["omrader"]]),
        "Utgave": (list(DRAFT_FIELDS), [[cell_text(model["utgave"][f]) for f in DRAFT_FIELDS]]),
    }


def safe_cell(text: str) -> str:
    """Neutralised cell text: invisible characters made visible (line breaks kept), and a text
    that a spreadsheet would read as a formula (= + - @, tab, CR first) prefixed with «'»."""
    lines = text.replace("\r\n", "\n").split("\n")
    value = "\n".join(neutral.visible(line) for line in lines)
    if value.startswith(FORMULA_START):
        value = "'" + value
    return value


# --- CSV -------------------------------------------------------------------------------------------


def csv_export(model: dict) -> bytes:
    """The provisions as CSV the way Excel in Norway opens it: UTF-8 with BOM, «;» between
    fields, CRLF line ends, fields with «;», quotes or line breaks in double quotes."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    header, rows = sheet_rows(model)["Krav"]
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- XLSX ------------------------------------------------------------------------------------------


def xlsx_export(model: dict) -> bytes:
    """One sheet per kind (Krav, Lovhjemler, Områder, Utgave); every cell is text, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, (header, rows) in sheet_rows(model).items():
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        heading = []
        for title in header:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        for row in rows:
            cells = []
            for text in row:
                cell = WriteOnlyCell(sheet, value=neutral.xml_text(text))
                cell.data_type = "s"  # a text starting with «=» stays text
                cells.append(cell)
            sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def draft_label(model: dict) -> str:
    draft = model["utgave"]
    return draft["betegnelse"] or (LIVING_DRAFT if draft["id"] == LIVING_DRAFT else draft["id"])
