"""Reading filled-in self-assessment forms (XLSX, JSON, CSV) without trusting them.

A form comes from outside (an institution's file, maybe edited by hand, maybe hostile). The
reader never raises for a bad file: it returns the form it could read and a list of `Problem`s,
each a catalogue entry (scripts/messages.py, kind «egenkontroll») placed by file, sheet, row
and column. All problems in a file are reported, not just the first.

Hostile input is stopped before a parser sees it: only regular files of at most MAX_BYTES are
read; an XLSX must be a zip with at most MAX_ENTRIES parts, unpacking to at most
MAX_UNPACKED bytes (zip reading never goes past a part's declared size) with no part name
that climbs out of the package; no XML part may declare a DTD (so no entities: checked by
`_declares_dtd` before openpyxl parses anything, since openpyxl uses lxml rather than
defusedxml when lxml is installed), and without lxml openpyxl parses through defusedxml.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import itertools
import json
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..messages import JSON_PROBLEMS, forslag, oppramsing, phrase, render
from ..neutral import spreadsheet_value, visible
from ..vocabulary import ASSESSMENTS, FEIL, NOT_RELEVANT
from .form import (COLUMN_BY_ID, COLUMN_IDS, COLUMNS, CSV_DELIMITER, FORMAT_ID, FORMAT_VERSION, Form,
                   Standard, parse_iso)

MAX_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 500
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ROWS = 20000
HEADER_SEARCH_ROWS = 20
JSON_ROWS = "\0rader"  # Problem.sheet of a JSON form's rows


@dataclass(frozen=True)
class Problem:
    rule: str
    level: str
    file: str
    message: str
    hint: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # the column's heading
    letter: str | None = None  # XLSX column letter

    def place(self) -> str:
        """«ark «Egenkontroll», rad 7, kolonne «Vurdering» (G)»; for JSON «rad 3 i «rader», felt «vurdering»»."""
        if self.sheet == JSON_ROWS:  # a JSON form: rows are positions in «rader», columns are keys
            parts = [phrase("sted-rad-json", rad=self.row)] if self.row is not None else []
            parts += [phrase("sted-felt", felt=self.column)] if self.column else []
            return ", ".join(parts)
        parts = []
        if self.sheet:
            parts.append(phrase("sted-ark", ark=self.sheet))
        if self.row is not None:
            parts.append(phrase("sted-rad", rad=self.row))
        if self.column:
            parts.append(phrase("sted-kolonne", kolonne=self.column) + (f" ({self.letter})" if self.letter else ""))
        return ", ".join(parts)

    def format(self) -> str:
        place = self.place()
        line = f"{visible(self.file)}{': ' + place if place else ''}: {self.level} [{self.rule}] {self.message}"
        return line + (f"\n    {self.hint}" if self.hint else "")


@dataclass
class Reading:
    form: Form | None
    problems: list[Problem] = field(default_factory=list)
    rows_at: dict[str, int] = field(default_factory=dict)  # id -> row number in the file
    id_place: tuple = (None, "Id", None)  # (sheet, column heading, letter) of the id column

    @property
    def ok(self) -> bool:
        return self.form is not None and not any(p.level == FEIL for p in self.problems)


class _Collector:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, rule: str, sheet: str | None = None, row: int | None = None, column: str | None = None,
            letter: str | None = None, **values: Any) -> None:
        entry, message, hint = render(rule, values)
        self.problems.append(Problem(rule, entry.level, self.file, message, hint, sheet, row, column, letter))


# --- Answers and dates -------------------------------------------------------------------------------

def _norm(value: str) -> str:
    return " ".join(value.replace("_", " ").split()).lower()


ANSWER_OF = {_norm(k): k for k in ASSESSMENTS} | {_norm(v): k for k, v in ASSESSMENTS.items()}
HEADER_OF = {_norm(c.header): c.id for c in COLUMNS} | {_norm(c.id): c.id for c in COLUMNS}
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_answer(value: str) -> str | None:
    """The answer id for «delvis oppfylt», «Delvis», «ikke_relevant» ...; None when unknown."""
    return ANSWER_OF.get(_norm(value)) if value.strip() else ""


def parse_deadline(value: Any) -> str | None:
    """A deadline as an ISO date: from a date cell, «2027-03-31» or «31.03.2027»; None when it is
    not a date ('' for empty)."""
    if value is None or value == "":
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date().isoformat()
        except (ValueError, OverflowError, TypeError, ImportError):
            return None
    text = str(value).strip()
    if not text:
        return ""
    date = parse_iso(text[:10]) if len(text) in (10, 19) else None
    if date is not None:
        return date.isoformat()
    match = _DMY.match(text)
    if match:
        try:
            return _dt.date(int(match[3]), int(match[2]), int(match[1])).isoformat()
        except ValueError:
            return None
    return None


def cell_text(value: Any) -> str:
    """A cell's value as the text a person typed: 4.0 -> «4», None -> ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SANN" if value else "USANN"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()[:10]
    return str(value)


# --- Reading a file -------------------------------------------------------------------------------------

def read_form(path: Path | str, repo: Any = None, label: str | None = None) -> Reading:
    """Read a filled-in form. With `repo`, the form must be for that repository's standard and
    every id must be a provision in it."""
    file = label or str(path)
    out = _Collector(file)
    data = _read_bytes(Path(path), out)
    if data is None:
        return Reading(None, out.problems)
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        reading = _read_xlsx(data, out)
    elif suffix == ".json":
        reading = _read_json(data, out)
    elif suffix == ".csv":
        reading = _read_csv(data, out)
    else:
        out.add("egenkontroll-filtype", endelse=suffix or "(ingen)")
        return Reading(None, out.problems)
    if reading.form is not None:
        reading.form.source = file
        if repo is not None:
            _check_against(reading, repo, out)
    reading.problems = out.problems
    return reading


def _read_bytes(path: Path, out: _Collector) -> bytes | None:
    try:
        info = os.stat(path)
    except OSError as error:
        out.add("egenkontroll-ulesbar", grunn=_os_reason(error))
        return None
    if stat.S_ISDIR(info.st_mode):
        out.add("egenkontroll-ulesbar", grunn=phrase("skjema-mappe"))
        return None
    if not stat.S_ISREG(info.st_mode):
        out.add("egenkontroll-ulesbar", grunn=phrase("skjema-ikke-vanlig-fil"))
        return None
    if info.st_size > MAX_BYTES:
        out.add("egenkontroll-for-stor", storrelse=_mib(info.st_size), grense=_mib(MAX_BYTES))
        return None
    try:
        with open(path, "rb") as handle:  # a user's own file named on the command line, not a record
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        out.add("egenkontroll-ulesbar", grunn=_os_reason(error))
        return None
    if len(data) > MAX_BYTES:
        out.add("egenkontroll-for-stor", storrelse=phrase("skjema-mer-enn", verdi=_mib(MAX_BYTES)), grense=_mib(MAX_BYTES))
        return None
    return data


def _mib(size: int) -> str:
    from ..vocabulary import format_number

    return format_number(round(size / (1024 * 1024), 1))


def _os_reason(error: OSError) -> str:
    import errno

    key = {errno.ENOENT: "skjema-finnes-ikke", errno.EACCES: "skjema-tilgang",
           errno.ENOTDIR: "skjema-finnes-ikke"}.get(error.errno or 0, "skjema-os")
    return phrase(key)


# --- Header, rows, checks shared by the formats ---------------------------------------------------

def _standard_from(items: dict[str, str]) -> Standard:
    return Standard(items.get("tittel", ""), items.get("versjon", ""), items.get("dato") or None,
                    items.get("betegnelse") or None)


def _check_marker(items: dict[str, str] | None, out: _Collector, where: str, **place: Any) -> bool:
    if not items or items.get("format") != FORMAT_ID:
        out.add("egenkontroll-ikke-skjema", merke=FORMAT_ID, hvor=where, **place)
        return False
    if items.get("formatversjon") != str(FORMAT_VERSION):
        out.add("egenkontroll-formatversjon", verdi=items.get("formatversjon", ""), kjent=FORMAT_VERSION, **place)
        return False
    return True


def _selection(items: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    from ..applicability import SelectionError, parse_selection

    areas = [a for a in (items.get("områder") or "").split(",") if a]
    try:
        selection = parse_selection(items.get("gjelder_for") or "")
    except SelectionError:
        selection = {}
    return areas, selection


def _map_headers(cells: list[Any], out: _Collector, sheet: str | None, row: int,
                 letters: bool) -> dict[int, str] | None:
    """{cell index: column id} for a heading row; None when columns are missing or unknown."""
    from openpyxl.utils import get_column_letter

    mapping: dict[int, str] = {}
    bad = False
    for index, value in enumerate(cells):
        text = cell_text(value).strip()
        if not text:
            continue
        column = HEADER_OF.get(_norm(text))
        letter = get_column_letter(index + 1) if letters else None
        if column is None:
            out.add("egenkontroll-kolonne-ukjent", sheet=sheet, row=row, column=text, letter=letter, verdi=text,
                    forslag=forslag(text, [c.header for c in COLUMNS]), kolonner=_column_list())
            bad = True
        elif column in mapping.values():
            out.add("egenkontroll-kolonne-dobbel", sheet=sheet, row=row, column=text, letter=letter, verdi=text)
            bad = True
        else:
            mapping[index] = column
    for column in COLUMNS:
        if column.id not in mapping.values():
            out.add("egenkontroll-kolonne-mangler", sheet=sheet, row=row, kolonne=column.header,
                    kolonner=_column_list())
            bad = True
    return None if bad else mapping


def _column_list() -> str:
    return oppramsing([c.header for c in COLUMNS], limit=20)


def _letter(index: int | None, letters: bool) -> str | None:
    if index is None or not letters:
        return None
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _rows(raw_rows: Iterable[tuple[int, list[Any]]], mapping: dict[int, str], out: _Collector,
          sheet: str | None, letters: bool, csv_cells: bool = False) -> tuple[list[dict[str, str]], dict[str, int]]:
    """Turn raw rows into form rows, checking ids, answers, reasons and deadlines."""
    index_of = {column: index for index, column in mapping.items()}
    header = {c.id: (c.id if sheet == JSON_ROWS else c.header) for c in COLUMNS}
    rows: list[dict[str, str]] = []
    rows_at: dict[str, int] = {}

    def place(column: str) -> dict[str, Any]:
        return {"sheet": sheet, "column": header[column], "letter": _letter(index_of.get(column), letters)}

    for number, cells in raw_rows:
        values: dict[str, Any] = {}
        for index, column in mapping.items():
            values[column] = cells[index] if index < len(cells) else None
        texts = {k: cell_text(v) for k, v in values.items() if k != "frist"}
        if csv_cells:
            texts = {k: spreadsheet_value(v) for k, v in texts.items()}
        if not any(t.strip() for t in texts.values()) and values.get("frist") in (None, ""):
            continue  # an empty row
        ident = texts.get("id", "").strip()
        if not ident:
            out.add("egenkontroll-mangler-id", row=number, **place("id"))
            continue
        if ident in rows_at:
            out.add("egenkontroll-dobbel-id", row=number, **place("id"), verdi=ident, forste=rows_at[ident])
            continue
        rows_at[ident] = number
        row = {column: texts.get(column, "") for column in COLUMN_IDS if column != "frist"}
        row["id"] = ident
        answer = parse_answer(texts.get("vurdering", ""))
        if answer is None:
            out.add("egenkontroll-ukjent-vurdering", row=number, **place("vurdering"), verdi=texts["vurdering"],
                    forslag=forslag(texts["vurdering"].strip().lower(), ASSESSMENTS.values()),
                    tillatte=oppramsing(ASSESSMENTS.values()))
            answer = ""
        row["vurdering"] = answer
        if answer == NOT_RELEVANT and not row.get("begrunnelse", "").strip():
            out.add("egenkontroll-mangler-begrunnelse", row=number, **place("begrunnelse"),
                    kolonne=COLUMN_BY_ID["begrunnelse"].header)
        deadline_raw = values.get("frist")
        if csv_cells and isinstance(deadline_raw, str):
            deadline_raw = spreadsheet_value(deadline_raw)
        deadline = parse_deadline(deadline_raw)
        if deadline is None:
            out.add("egenkontroll-ugyldig-frist", row=number, **place("frist"), verdi=cell_text(deadline_raw))
            deadline = ""
        row["frist"] = deadline
        rows.append(row)
        if len(rows) > MAX_ROWS:
            break
    return rows, rows_at


def _check_against(reading: Reading, repo: Any, out: _Collector) -> None:
    """The form is for this repository's standard, and its ids are provisions in it."""
    form = reading.form
    expected = repo.mandat.text("tittel") if getattr(repo, "mandat", None) is not None else None
    if expected is None:
        return
    if form.standard.tittel != expected:
        out.add("egenkontroll-annen-standard", verdi=form.standard.tittel, forventet=expected)
        return
    sheet, column, letter = reading.id_place
    for row in form.rows:
        if row["id"] not in repo.krav:
            out.add("egenkontroll-ukjent-id", sheet=sheet, row=reading.rows_at.get(row["id"]), column=column,
                    letter=letter, verdi=row["id"], forslag=forslag(row["id"], repo.krav))


# --- XLSX ---------------------------------------------------------------------------------------------------

def _safe_zip(data: bytes, out: _Collector) -> bool:
    if not data.startswith(b"PK"):
        out.add("egenkontroll-ikke-xlsx", grunn=phrase("skjema-ikke-zip"))
        return False
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        out.add("egenkontroll-ikke-xlsx", grunn=phrase("skjema-skadet-zip"))
        return False
    if len(infos) > MAX_ENTRIES:
        out.add("egenkontroll-farlig-pakke", grunn=phrase("skjema-mange-deler", antall=len(infos)))
        return False
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        out.add("egenkontroll-farlig-pakke", grunn=phrase("skjema-stor-utpakket", storrelse=_mib(total),
                                                                grense=_mib(MAX_UNPACKED)))
        return False
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
            out.add("egenkontroll-farlig-pakke", grunn=phrase("skjema-klatrer", navn=name))
            return False
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        out.add("egenkontroll-ikke-xlsx", grunn=phrase("skjema-ingen-arbeidsbok"))
        return False
    return True


XML_PARTS = (".xml", ".rels", ".vml")


class _Prolog(Exception):
    """Raised from the expat handlers: the prolog has been seen (DTD or root element)."""


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether an XML part has a document type declaration (where entities are declared). Only
    the prolog is read: expat stops at the DTD or at the root element, and expands nothing."""
    from xml.parsers import expat

    def doctype(*_args: object) -> None:
        raise _Prolog(True)

    def root(*_args: object) -> None:
        raise _Prolog(False)

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        with archive.open(info) as part:
            while chunk := part.read(64 * 1024):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Prolog as seen:
        return bool(seen.args[0])
    except Exception:  # noqa: BLE001 - not well-formed or a damaged part (zlib, CRC...): openpyxl refuses it
        return False
    return False


def _read_xlsx(data: bytes, out: _Collector) -> Reading:
    if not _safe_zip(data, out):
        return Reading(None)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        dtd = any(_declares_dtd(archive, info) for info in archive.infolist()
                  if info.filename.lower().endswith(XML_PARTS))
    except Exception:  # noqa: BLE001 - _safe_zip read the directory; a damaged part is openpyxl's to report
        dtd = False
    if dtd:
        out.add("egenkontroll-farlig-pakke", grunn=phrase("skjema-entiteter"))
        return Reading(None)
    import warnings

    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - a pinned dependency
        DefusedXmlException = ValueError  # type: ignore[misc,assignment]
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
            return _read_workbook(wb, out)
    except Exception as error:  # noqa: BLE001 - any parser failure on hostile bytes is the file's problem
        if _caused_by(error, DefusedXmlException):  # openpyxl wraps the parser's error in its own
            out.add("egenkontroll-farlig-pakke", grunn=phrase("skjema-entiteter"))
        else:
            out.add("egenkontroll-ikke-xlsx", grunn=phrase("skjema-uleselig-arbeidsbok"))
    return Reading(None)


def _caused_by(error: BaseException, kind: type) -> bool:
    seen = 0
    current: BaseException | None = error
    while current is not None and seen < 20:
        if isinstance(current, kind):
            return True
        current = current.__cause__ or current.__context__
        seen += 1
    return False


def _read_workbook(wb: Any, out: _Collector) -> Reading:
    from .xlsx import FORM_SHEET, MARKER_SHEET

    try:
        if MARKER_SHEET not in wb.sheetnames:
            out.add("egenkontroll-ikke-skjema", merke=FORMAT_ID, hvor=phrase("skjema-hvor-skjult-ark", ark=MARKER_SHEET))
            return Reading(None)
        items: dict[str, str] = {}
        for number, row in enumerate(wb[MARKER_SHEET].iter_rows(max_row=50, max_col=2, values_only=True), 1):
            if row and row[0] is not None:
                items[cell_text(row[0])] = cell_text(row[1] if len(row) > 1 else None)
        if not _check_marker(items, out, phrase("skjema-hvor-i-ark", ark=MARKER_SHEET), sheet=MARKER_SHEET):
            return Reading(None)
        if FORM_SHEET not in wb.sheetnames:
            out.add("egenkontroll-mangler-ark", ark=FORM_SHEET, forslag=forslag(FORM_SHEET, wb.sheetnames))
            return Reading(None)
        ws = wb[FORM_SHEET]
        raw = ((n, list(r)) for n, r in enumerate(ws.iter_rows(values_only=True, max_col=60), start=1))
        header_row, mapping = None, None
        for number, cells in raw:
            if number > HEADER_SEARCH_ROWS:
                break
            known = sum(1 for c in cells if HEADER_OF.get(_norm(cell_text(c))) is not None)
            if known >= 3:
                header_row = number
                mapping = _map_headers(cells, out, FORM_SHEET, number, letters=True)
                break
        if header_row is None:
            out.add("egenkontroll-kolonne-mangler", sheet=FORM_SHEET, kolonne=COLUMNS[1].header,
                    kolonner=_column_list())
            return Reading(None)
        if mapping is None:
            return Reading(None)
        rows, rows_at = _rows(itertools.islice(raw, MAX_ROWS), mapping, out, FORM_SHEET, letters=True)
        areas, selection = _selection(items)
        form = Form(_standard_from(items), rows, areas, selection)
        id_index = next(i for i, c in mapping.items() if c == "id")
        return Reading(form, rows_at=rows_at, id_place=(FORM_SHEET, COLUMN_BY_ID["id"].header, _letter(id_index, True)))
    finally:
        wb.close()


# --- JSON -------------------------------------------------------------------------------------------------------

def _decode(data: bytes, out: _Collector) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        out.add("egenkontroll-tegnkoding", byte=f"0x{data[error.start]:02x}", posisjon=error.start + 1)
        return None


def _read_json(data: bytes, out: _Collector) -> Reading:
    text = _decode(data, out)
    if text is None:
        return Reading(None)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        out.add("egenkontroll-json-syntaks", grunn=_json_reason(error.msg), linje=error.lineno, kolonne=error.colno)
        return Reading(None)
    except RecursionError:
        out.add("egenkontroll-json-syntaks", grunn=phrase("skjema-for-dypt"), linje=1, kolonne=1)
        return Reading(None)
    if not isinstance(document, dict):
        out.add("egenkontroll-ikke-skjema", merke=FORMAT_ID, hvor=phrase("skjema-hvor-ikke-objekt"))
        return Reading(None)
    standard = document.get("standard")
    items = {"format": cell_text(document.get("format")) if isinstance(document.get("format"), str) else "",
             "formatversjon": cell_text(document.get("formatversjon"))}
    if not _check_marker(items, out, phrase("skjema-hvor-format")):
        return Reading(None)
    if not isinstance(standard, dict) or not isinstance(standard.get("tittel"), str) \
            or not isinstance(standard.get("versjon"), str):
        out.add("egenkontroll-json-felt", felt="standard", forventet=phrase("skjema-json-standard"))
        return Reading(None)
    for key in ("dato", "betegnelse"):
        items[key] = standard.get(key) if isinstance(standard.get(key), str) else ""
    items["tittel"], items["versjon"] = standard["tittel"], standard["versjon"]
    choice = document.get("utvalg") if isinstance(document.get("utvalg"), dict) else {}
    areas = [a for a in choice.get("områder", []) if isinstance(a, str)] if isinstance(choice.get("områder"), list) else []
    scope = choice.get("gjelder_for") if isinstance(choice.get("gjelder_for"), dict) else {}
    selection = {k: v for k, v in scope.items() if isinstance(k, str) and isinstance(v, str)}
    rows_data = document.get("rader")
    if not isinstance(rows_data, list):
        out.add("egenkontroll-json-felt", felt="rader", forventet=phrase("skjema-json-rader"))
        return Reading(None)
    mapping = {i: c for i, c in enumerate(COLUMN_IDS)}
    raw: list[tuple[int, list[Any]]] = []
    for number, item in enumerate(rows_data[:MAX_ROWS], start=1):
        if not isinstance(item, dict):
            out.add("egenkontroll-json-felt", sheet=JSON_ROWS, row=number, felt=f"rader[{number - 1}]",
                    forventet=phrase("skjema-json-objekt"))
            continue
        unknown = [k for k in item if k not in COLUMN_BY_ID]
        for key in unknown:
            out.add("egenkontroll-felt-ukjent", sheet=JSON_ROWS, row=number, column=str(key), verdi=str(key),
                    forslag=forslag(str(key), COLUMN_IDS), felter=oppramsing(COLUMN_IDS, limit=20))
        cells = []
        for column in COLUMN_IDS:
            value = item.get(column, "")
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                if value is not None:
                    out.add("egenkontroll-json-felt", sheet=JSON_ROWS, row=number, felt=f"rader[{number - 1}].{column}",
                            forventet=phrase("skjema-json-tekst"))
                value = ""
            cells.append(value)
        raw.append((number, cells))
    rows, rows_at = _rows(raw, mapping, out, JSON_ROWS, letters=False)
    return Reading(Form(_standard_from(items), rows, areas, selection), rows_at=rows_at, id_place=(JSON_ROWS, "id", None))


def _json_reason(message: str) -> str:
    for english, norwegian in JSON_PROBLEMS.items():
        if english and message.startswith(english):
            return norwegian
    return JSON_PROBLEMS[""]


# --- CSV ------------------------------------------------------------------------------------------------------------

def _read_csv(data: bytes, out: _Collector) -> Reading:
    text = _decode(data, out)
    if text is None:
        return Reading(None)
    sample = text.split("\n", 1)[0]
    delimiter = CSV_DELIMITER if sample.count(CSV_DELIMITER) >= sample.count(",") else ","
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))[: MAX_ROWS + 2]
    except csv.Error:
        out.add("egenkontroll-ikke-skjema", merke=FORMAT_ID, hvor=phrase("skjema-hvor-ikke-csv"))
        return Reading(None)
    if not lines:
        out.add("egenkontroll-ikke-skjema", merke=FORMAT_ID, hvor=phrase("skjema-hvor-tom"))
        return Reading(None)
    first = [spreadsheet_value(c) for c in lines[0]]
    keys = ("format", "formatversjon", "tittel", "versjon", "dato", "betegnelse", "områder", "gjelder_for")
    items = dict(zip(keys, first + [""] * (len(keys) - len(first))))
    saved_sheet = bool(first) and first[0].startswith("Egenkontroll: ")  # the XLSX sheet «Lagre som» CSV
    where = phrase("skjema-hvor-lagret-som-csv" if saved_sheet else "skjema-hvor-forste-linje")
    if not _check_marker(items, out, where, row=1):
        return Reading(None)
    if len(lines) < 2:
        out.add("egenkontroll-kolonne-mangler", row=2, kolonne=COLUMNS[0].header, kolonner=_column_list())
        return Reading(None)
    mapping = _map_headers(lines[1], out, None, 2, letters=False)
    if mapping is None:
        return Reading(None)
    rows, rows_at = _rows(((n, list(c)) for n, c in enumerate(lines[2:], start=3)), mapping, out, None,
                          letters=False, csv_cells=True)
    areas, selection = _selection(items)
    return Reading(Form(_standard_from(items), rows, areas, selection), rows_at=rows_at)

