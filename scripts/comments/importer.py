"""`krav kommentarer les`: a filled-in commenting template becomes kommentarer/<utgave>/ records.

Rules (each problem a catalogue message naming sheet, row and column):

* The file is hostile until proven otherwise: its size, the number of parts in the zip, every
  part's unpacked size and ratio are checked before anything is unpacked (Python's zip reader
  never unpacks more than a part's declared size, so the declared sizes bound the work), XML
  parts with a DOCTYPE or ENTITY are refused, and openpyxl reads in read-only mode with a cap on
  rows and columns.
* A sheet is read whole before anything is written. A sheet with any error imports nothing; a
  clean sheet imports each filled row as one record.
* A row identical to a comment already recorded for the draft (same organisation, place, type,
  comment and proposal) is recognised and skipped, so importing the same sheet twice adds
  nothing the second time. An existing file is never overwritten (files are created with
  O_EXCL, through `gate.writable_dir`).
* Record text is written as double-quoted YAML scalars (JSON string syntax, which YAML 1.2
  reads back exactly), so nothing a commenter typed can be reinterpreted as YAML.
"""

from __future__ import annotations

import io
import json
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import gate
from ..document.outline import Outline
from ..findings import Finding, make
from ..messages import forslag, oppramsing
from ..vocabulary import COMMENT_TYPES, FEIL
from .template import COLUMNS, FIRST_ROW, GUIDE_SHEET, HEADER_ROW, HEADINGS, parse_place

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PARTS = 500
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed, for parts over 1 MiB
MAX_ROWS = 20000
MAX_COLUMNS = len(COLUMNS)
EXTRA_COLUMNS = 18  # columns right of the template (to Z) that are looked at, so text there is reported
_DANGEROUS_XML = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_SCAN_CHUNK = 1024 * 1024


@dataclass
class SheetResult:
    name: str
    rows: list[dict] = field(default_factory=list)  # the records this sheet would add
    findings: list[Finding] = field(default_factory=list)
    duplicates: int = 0  # rows already recorded (or repeated in the sheet)

    @property
    def ok(self) -> bool:
        return not any(f.level == FEIL for f in self.findings)


@dataclass
class ImportResult:
    file: str
    sheets: list[SheetResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # about the file as a whole
    written: list[str] = field(default_factory=list)  # repository-relative paths

    def all_findings(self) -> list[Finding]:
        return self.findings + [f for s in self.sheets for f in s.findings]


def _where(file: str, sheet: str | None, row: int | None = None, column: str | None = None) -> str:
    """The place of a finding: «skjema.xlsx: ark «Kommentarer», rad 12, kolonne E («Type»)»."""
    place = file
    if sheet is not None:
        place += f": ark «{sheet}»"
    if row is not None:
        place += f", rad {row}"
    if column is not None:
        heading = next((c.heading for c in COLUMNS if c.letter == column), "")
        place += f", kolonne {column}" + (f" («{heading}»)" if heading else "")
    return place


def _finding(rule: str, file: str, sheet: str | None, row: int | None, column: str | None, **values) -> Finding:
    return make(rule, _where(file, sheet, row, column), None, None, **values)


# --- The file ------------------------------------------------------------------------------------------

def read_file(path: Path) -> bytes:
    """The bytes of the file to import, never more than the limit plus one (a FIFO never blocks)."""
    return gate.read_given(path, MAX_FILE_BYTES)


def check_archive(content: bytes, name: str) -> list[Finding]:
    """Size, zip-bomb and XML-entity checks before openpyxl sees the file."""
    mib = 1024 * 1024
    if len(content) > MAX_FILE_BYTES:
        return [_finding("kommentar-fil-for-stor", name, None, None, None,
                         grunn=f"filen er over {MAX_FILE_BYTES // mib} MiB")]
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return [_finding("kommentar-fil-ulesbar", name, None, None, None, grunn="den er ikke en XLSX-fil (zip)")]
    if len(infos) > MAX_PARTS:
        return [_finding("kommentar-fil-for-stor", name, None, None, None,
                         grunn=f"den har {len(infos)} deler; grensen er {MAX_PARTS}")]
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES or (
                info.file_size > mib and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            return [_finding("kommentar-fil-for-stor", name, None, None, None,
                             grunn=f"delen «{info.filename}» pakkes ut til {info.file_size // mib} MiB")]
    try:
        for info in infos:
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                continue
            with archive.open(info) as part:
                tail = b""
                while True:
                    chunk = part.read(_SCAN_CHUNK)
                    if not chunk:
                        break
                    if _DANGEROUS_XML.search(tail + chunk):
                        return [_finding("kommentar-fil-mistenkelig", name, None, None, None,
                                         grunn=f"delen «{info.filename}» har en DOCTYPE- eller ENTITY-deklarasjon")]
                    tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return [_finding("kommentar-fil-ulesbar", name, None, None, None, grunn="zip-arkivet er ødelagt")]
    return []


# --- Cells ---------------------------------------------------------------------------------------------

def cell_text(value: object) -> str:
    """A cell as text: numbers without a trailing «.0», everything stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _line(value: object) -> int | None | str:
    """The line number, None when empty, or the text itself when it is not a whole number ≥ 1."""
    if value is None or cell_text(value) == "":
        return None
    if isinstance(value, bool):
        return cell_text(value)
    if isinstance(value, (int, float)) and float(value).is_integer() and value >= 1:
        return int(value)
    text = cell_text(value)
    return int(text) if text.isdigit() and int(text) >= 1 else text


def _lines(value: object) -> str:
    """A text cell as written, with Windows or old Mac line endings as plain line breaks."""
    return cell_text(value).replace("\r\n", "\n").replace("\r", "\n")


def comment_key(data: dict) -> tuple:
    """What makes two comments the same comment (whitespace and case of the sender aside)."""
    def norm(value: object) -> str:
        return " ".join(str(value).split()) if value is not None else ""

    return (norm(data.get("fra")).casefold(), norm(data.get("punkt")), norm(data.get("krav")),
            data.get("linje") if isinstance(data.get("linje"), int) else None, norm(data.get("avsnitt")),
            norm(data.get("type")), norm(data.get("kommentar")), norm(data.get("forslag")))


class Places:
    """The places of one draft a comment can point to."""

    def __init__(self, outline: Outline) -> None:
        self.punkt: dict[str, str | None] = {}
        self.by_id: dict[str, str] = {}
        for punkt, ident, _ in outline.places():
            self.punkt.setdefault(punkt, ident)
            if ident:
                self.by_id[ident] = punkt
        self.lower = {p.casefold(): p for p in self.punkt}


def read_sheet(ws, file: str, draft_id: str, places: Places, fra: str, known: set[tuple]) -> SheetResult:
    """Validate one worksheet and collect the records it would add (nothing is written)."""
    result = SheetResult(ws.title)
    sheet = ws.title

    def bad(rule: str, row: int | None, column: str | None, **values) -> None:
        result.findings.append(_finding(rule, file, sheet, row, column, **values))

    # A read-only sheet yields the rows its XML holds (never more than the cap); an ordinary one
    # would create every cell up to max_row, so it is bounded by its own size first.
    last = min(ws.max_row, MAX_ROWS + 1) if hasattr(ws, "_cells") else MAX_ROWS + 1
    rows = ws.iter_rows(min_row=1, max_row=last, max_col=MAX_COLUMNS + EXTRA_COLUMNS, values_only=True)
    seen_draft: object = None
    header_ok = False
    pending: list[tuple[int, tuple]] = []
    count = 0
    for number, values in enumerate(rows, 1):
        count = number
        values = tuple(values) + (None,) * (MAX_COLUMNS + EXTRA_COLUMNS - len(values))
        if number == 2:
            seen_draft = values[1]
        elif number == HEADER_ROW:
            header_ok = True
            for column, heading, actual in zip(COLUMNS, HEADINGS, values):
                if cell_text(actual) != heading:
                    bad("kommentar-kolonner", HEADER_ROW, column.letter, faktisk=cell_text(actual), forventet=heading,
                        kolonner=oppramsing(HEADINGS))
                    header_ok = False
                    break
        elif number >= FIRST_ROW:
            beyond = next((i for i, v in enumerate(values[MAX_COLUMNS:], MAX_COLUMNS) if cell_text(v)), None)
            if beyond is not None:
                bad("kommentar-utenfor-skjemaet", number, chr(ord("A") + beyond))
            pending.append((number, values[:MAX_COLUMNS]))
    if count > MAX_ROWS:
        bad("kommentar-for-mange-rader", None, None, grense=MAX_ROWS, kolonner=MAX_COLUMNS)
        return result
    if count < HEADER_ROW:
        bad("kommentar-kolonner", HEADER_ROW, "A", faktisk="", forventet=HEADINGS[0], kolonner=oppramsing(HEADINGS))
        return result
    if not header_ok:
        return result
    seen = cell_text(seen_draft)
    if not seen:
        bad("kommentar-uten-utgave", 2, "B", forventet=draft_id)
        return result
    if seen != draft_id:
        bad("kommentar-annen-utgave", 2, "B", faktisk=seen, forventet=draft_id)
        return result
    in_sheet: set[tuple] = set()
    for number, values in pending:
        _, line, _, paragraph, _, comment, proposal, _ = values
        texts = {c.letter: cell_text(v) for c, v in zip(COLUMNS, values)}
        filled = [c.heading for c in COLUMNS if c.letter in "BDEG" and texts[c.letter]]
        if not texts["F"]:
            if filled:
                bad("kommentar-tom", number, "F", felt=oppramsing(filled))
            continue
        errors = len(result.findings)
        data: dict = {"utgave": draft_id, "fra": fra}
        line_value = _line(line)
        if isinstance(line_value, str):
            bad("kommentar-linje", number, "B", verdi=line_value)
        elif line_value is not None:
            data["linje"] = line_value
        punkt, ident = parse_place(texts["C"])
        if not punkt and not ident:
            bad("kommentar-punkt-mangler", number, "C")
        elif ident is not None and ident not in places.by_id:
            bad("kommentar-krav-ukjent", number, "C", verdi=ident, utgave=draft_id,
                forslag=forslag(ident, places.by_id))
        elif punkt and places.lower.get(punkt.casefold()) is None:
            bad("kommentar-punkt-ukjent", number, "C", verdi=punkt, utgave=draft_id,
                forslag=forslag(punkt, places.punkt))
        else:
            punkt = places.lower[punkt.casefold()] if punkt else places.by_id[ident]  # type: ignore[index]
            if ident is not None and places.by_id[ident] != punkt:
                bad("kommentar-krav-punkt", number, "C", id=ident, riktig=places.by_id[ident], punkt=punkt)
            data["punkt"] = punkt
            ident = ident or places.punkt.get(punkt)
            if ident:
                data["krav"] = ident
        if texts["D"]:
            data["avsnitt"] = _lines(paragraph)
        kind_text = texts["E"].lower()
        if kind_text not in COMMENT_TYPES:
            bad("kommentar-type", number, "E", verdi=texts["E"], forslag=forslag(kind_text, COMMENT_TYPES),
                tillatte=", ".join(f"«{k}» ({v})" for k, v in COMMENT_TYPES.items()))
        data["type"] = kind_text
        data["kommentar"] = _lines(comment)
        if texts["G"]:
            data["forslag"] = _lines(proposal)
        if not any(f.level == FEIL for f in result.findings[errors:]):
            refused = _as_record_refused(data, draft_id)
            if refused is not None:
                bad("kommentar-tegn", number, refused[0], melding=refused[1])
        if texts["A"] and " ".join(texts["A"].split()).casefold() != " ".join(fra.split()).casefold():
            bad("kommentar-avsender", number, "A", verdi=texts["A"], fra=fra)
        if any(f.level == FEIL for f in result.findings[errors:]):
            continue
        key = comment_key(data)
        if key in known or key in in_sheet:
            result.duplicates += 1
            continue
        in_sheet.add(key)
        result.rows.append(data)
    if not result.ok:
        result.rows = []
    return result


_FIELD_COLUMN = {c.field: c.letter for c in COLUMNS}


def _as_record_refused(data: dict, draft_id: str) -> tuple[str | None, str] | None:
    """(column, message) when the row, written as a record, would not load cleanly: characters
    nobody can see, bidi controls, look-alike letters and the like, exactly as `krav sjekk`
    would report them on the file; None when it loads as it is."""
    from ..loading import load_content

    record = {"id": "A-001", **data}
    check = load_content(f"kommentarer/{draft_id}/A-001.yaml", "kommentar", record_text(record).encode("utf-8"))
    if not check.findings:
        return None
    finding = check.findings[0]
    keys = [key for key in FIELD_ORDER if key in record]
    key = keys[finding.line - 1] if finding.line and 0 < finding.line <= len(keys) else None
    return _FIELD_COLUMN.get(key or ""), finding.message


# --- Writing -------------------------------------------------------------------------------------------

def sender_code(fra: str) -> str:
    """«NHO Geneo» → «NHO-GENEO»: the id prefix for an organisation's comments."""
    text = unicodedata.normalize("NFKD", fra.upper())
    kept = "".join(c if c in "ÆØÅ" or ("A" <= c <= "Z") or c.isdigit() and c.isascii() else
                   ("" if unicodedata.combining(c) else "-") for c in unicodedata.normalize("NFC", text))
    return re.sub(r"-+", "-", kept).strip("-")


# Characters a YAML reader takes as a line break (NEL, LS, PS: folded inside a quoted scalar) or
# refuses unescaped (DEL, C1 controls, BOM, non-characters); json.dumps leaves them raw.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _scalar(value: object) -> str:
    """A YAML scalar that reads back as exactly `value`: an integer, or a double-quoted string."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    dumped = json.dumps(str(value), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


FIELD_ORDER = ("id", "utgave", "fra", "linje", "punkt", "krav", "avsnitt", "type", "kommentar", "forslag")


def record_text(data: dict) -> str:
    """The record as YAML: every text a double-quoted scalar, in the data model's field order."""
    return "".join(f"{key}: {_scalar(data[key])}\n" for key in FIELD_ORDER if key in data)


def write_records(root: Path, draft_id: str, code: str, rows: list[dict], taken: set[str]) -> list[str]:
    """Create one file per row in kommentarer/<draft>/ (never overwriting); repository-relative paths."""
    from ..loading import load_content

    folder = gate.writable_dir(root, f"kommentarer/{draft_id}")
    if folder is None:
        raise OSError(f"mappen kommentarer/{draft_id} kan ikke skrives (den er en lenke eller ikke en mappe)")
    pattern = re.compile(rf"^{re.escape(code)}-(\d+)\.yaml$")
    numbers = [int(m.group(1)) for name in os.listdir(folder) if (m := pattern.match(name))]
    numbers += [int(m.group(1)) for ident in taken if (m := pattern.match(f"{ident}.yaml"))]
    next_number = max(numbers, default=0) + 1
    written = []
    for data in rows:
        while True:
            ident = f"{code}-{next_number:03d}"
            next_number += 1
            rel = f"kommentarer/{draft_id}/{ident}.yaml"
            content = record_text({"id": ident, **data}).encode("utf-8")
            check = load_content(rel, "kommentar", content)
            if not check.valid:  # a bug here, never a commenter's fault: stop before writing junk
                raise ValueError(f"{rel} ble ikke en gyldig post: {check.findings[0].message}")
            try:
                fd = os.open(folder / f"{ident}.yaml", os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            written.append(rel)
            break
    return written


def import_workbook(root: Path, path: Path, draft_id: str, fra: str, outline: Outline, existing: list[dict],
                    *, dry_run: bool = False) -> ImportResult:
    """Check the file and each sheet; write the records of every sheet without errors."""
    name = path.name
    result = ImportResult(name)
    code = sender_code(fra)
    if not code:
        result.findings.append(_finding("kommentar-fra-kode", name, None, None, None, fra=fra))
        return result
    try:
        content = read_file(path)
    except OSError as error:
        result.findings.append(_finding("kommentar-fil-ulesbar", name, None, None, None,
                                        grunn=gate.REASONS[gate.reason_of(error)]))
        return result
    result.findings.extend(check_archive(content, name))
    if result.findings:
        return result
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken workbook; each means "cannot read"
        result.findings.append(_finding("kommentar-fil-ulesbar", name, None, None, None,
                                        grunn="regnearket er ødelagt eller i et annet format"))
        return result
    try:
        sheets = [ws for ws in wb.worksheets if ws.title != GUIDE_SHEET]
        if not sheets:
            result.findings.append(_finding("kommentar-ingen-ark", name, None, None, None,
                                            ark=oppramsing(ws.title for ws in wb.worksheets), utgave=draft_id))
            return result
        known = {comment_key(data) for data in existing}
        places = Places(outline)
        for ws in sheets:
            try:
                sheet = read_sheet(ws, name, draft_id, places, fra, known)
            except Exception:  # a malformed sheet part: this sheet is unreadable, the others still count
                sheet = SheetResult(ws.title, findings=[_finding("kommentar-fil-ulesbar", name, ws.title, None, None,
                                                                 grunn="arket er ødelagt")])
            known.update(comment_key(data) for data in sheet.rows)
            result.sheets.append(sheet)
    finally:
        wb.close()
    taken = {str(data.get("id")) for data in existing if data.get("id")}
    for sheet in result.sheets:
        if sheet.ok and sheet.rows and not dry_run:
            result.written += write_records(root, draft_id, code, sheet.rows, taken)
    return result
