"""The self-assessment form (egenkontroll): its columns, its header and its JSON and CSV shape.

One form is made from one version of the standard. Every format (XLSX, JSON, CSV, and the
browser checklist on the site) carries the same columns and the same header, described in
FORMS.md (developer doc). This module has no openpyxl in it, so
the site can import the columns and `blank_form` cheaply.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..applicability import format_selection, provisions
from ..neutral import spreadsheet_text, xml_text
from ..vocabulary import ASSESSMENTS, VERB_OF, format_date

FORMAT_ID = "krav-egenkontroll"  # the marker a reader looks for before anything else
FORMAT_VERSION = 1
CSV_DELIMITER = ";"  # what Excel in Norway expects (the list separator where «,» is the decimal mark)


@dataclass(frozen=True)
class Column:
    id: str  # key in JSON; also accepted as a header in CSV/XLSX
    header: str  # Norwegian heading in CSV/XLSX
    width: int  # XLSX column width (characters)
    answer: bool  # filled in by the institution (unlocked in XLSX)
    help: str  # what goes in it, shown as the header's comment and in the developer doc


COLUMNS: tuple[Column, ...] = (
    Column("punkt", "Punkt", 7, False, "Punktet i standarden (4.1, 4.2, ...)."),
    Column("id", "Id", 9, False, "Bestemmelsens faste id."),
    Column("type", "Type", 6, False, "skal (krav), bør (anbefaling) eller kan (tillatelse)."),
    Column("tittel", "Tittel", 24, False, "Bestemmelsens tittel."),
    Column("tekst", "Tekst", 55, False, "Bestemmelsens tekst i denne versjonen av standarden."),
    Column("verifisering", "Slik kontrolleres det", 20, False, "Hvordan oppfyllelsen kan kontrolleres."),
    Column("vurdering", "Vurdering", 15, True, "oppfylt, delvis oppfylt, ikke oppfylt eller ikke relevant."),
    Column("begrunnelse", "Begrunnelse (ikke relevant)", 24, True,
           "Hvorfor bestemmelsen ikke er relevant for institusjonen (påkrevd ved «ikke relevant»)."),
    Column("dokumentasjon", "Dokumentasjon", 30, True,
           "Hvor i institusjonens eget system bestemmelsen er oppfylt (rutine, dokument, kapittel)."),
    Column("tiltak", "Tiltak", 30, True, "Hva som skal gjøres når bestemmelsen ikke er helt oppfylt."),
    Column("ansvarlig", "Ansvarlig", 16, True, "Hvem som har ansvaret for tiltaket."),
    Column("frist", "Frist", 12, True, "Når tiltaket skal være gjennomført (dato)."),
)
COLUMN_IDS = tuple(c.id for c in COLUMNS)
STANDARD_COLUMNS = tuple(c.id for c in COLUMNS if not c.answer)
ANSWER_COLUMNS = tuple(c.id for c in COLUMNS if c.answer)
COLUMN_BY_ID = {c.id: c for c in COLUMNS}


@dataclass
class Standard:
    """Which standard and which version a form was made from."""

    tittel: str  # the mandate's title: a form for another standard has another title
    versjon: str  # `git describe`, or the published draft's id
    dato: str | None = None  # ISO date of that version
    betegnelse: str | None = None  # «prNS xxxx:2027» when the version is a published draft

    def label(self) -> str:
        """«Standarder for barnevernsinstitusjoner, versjon v0.1 (2. desember 2026)»."""
        name = self.tittel + (f" ({self.betegnelse})" if self.betegnelse else "")
        date = f", {format_date(self.dato)}" if self.dato else ""
        return f"{name}, versjon {self.versjon}{date}"

    def as_dict(self) -> dict[str, Any]:
        return {"tittel": self.tittel, "versjon": self.versjon, "dato": self.dato, "betegnelse": self.betegnelse}


@dataclass
class Form:
    standard: Standard
    rows: list[dict[str, str]]  # one per provision, keys COLUMN_IDS, values text ("" = empty)
    areas: list[str] = field(default_factory=list)  # the areas chosen (empty: all)
    selection: dict[str, str] = field(default_factory=dict)  # gjelder_for choice (empty: none)
    source: str = ""  # the file it was read from, for messages
    clauses: dict[str, str] = field(default_factory=dict)  # «4» -> area name (forms made here only)

    def selection_text(self) -> str:
        """«alle områder, for alle eierformer og institusjonstyper» / «området bemanning, for eierform kommunal»."""
        from ..vocabulary import APPLICABILITY, join_names

        if not self.areas:
            areas = "alle områder"
        else:
            areas = ("området " if len(self.areas) == 1 else "områdene ") + join_names(self.areas)
        if not self.selection:
            return f"{areas}, for alle eierformer og institusjonstyper"
        chosen = [f"{APPLICABILITY[k].label if k in APPLICABILITY else k} {v}" for k, v in self.selection.items()]
        return f"{areas}, for {join_names(chosen)}"

    def header(self) -> dict[str, Any]:
        return {"format": FORMAT_ID, "formatversjon": FORMAT_VERSION, "standard": self.standard.as_dict(),
                "utvalg": {"områder": list(self.areas), "gjelder_for": dict(self.selection)}}


def standard_of(repo: Any, root: Path | None = None) -> Standard:
    """The standard and version the checkout holds: git describe and the last commit's date; the
    published draft's designation and date when HEAD is exactly the tag of a draft in utgaver/."""
    from ..render.context import read_version

    title = repo.mandat.text("tittel") if repo.mandat is not None else None
    version = read_version(Path(root or repo.root))
    described = "ukjent" if version.describe == "ukjent versjon" else version.describe
    standard = Standard(title or "Standarden", described, version.date)
    draft = getattr(repo, "utgaver", {}).get(version.describe)
    if draft is not None:
        standard.betegnelse = draft.text("betegnelse")
        standard.dato = draft.text("dato") or standard.dato
    return standard


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def row_of(number: str, record: Any) -> dict[str, str]:
    """The standard's columns of one provision, answers empty."""
    methods = [m for m in record.items("verifisering") if isinstance(m, str)]
    row = {"punkt": number, "id": record.id or "", "type": VERB_OF.get(record.get("type"), _text(record.get("type"))),
           "tittel": _text(record.get("tittel")), "tekst": " ".join(_text(record.get("tekst")).split()),
           "verifisering": ", ".join(methods)}
    row.update({name: "" for name in ANSWER_COLUMNS})
    return row


def blank_form(repo: Any, root: Path | None = None, areas: Iterable[str] | None = None,
               selection: Mapping[str, str] | None = None, standard: Standard | None = None) -> Form:
    """An empty form for the provisions in force in `areas` (all when None) that apply to
    `selection` (see scripts/applicability.py), in clause order."""
    chosen = list(areas or [])
    chosen_provisions = provisions(repo, chosen or None, selection)
    rows = [row_of(n.number, n.record) for n in chosen_provisions]
    clauses = {str(n.area_clause): n.area_name for n in chosen_provisions}
    return Form(standard or standard_of(repo, root), rows, chosen, dict(selection or {}), clauses=clauses)


# --- JSON and CSV ---------------------------------------------------------------------------------

def to_json(form: Form) -> str:
    """The form as JSON: the header fields and `rader`, one object per provision (keys COLUMN_IDS).
    `vurdering` holds the answer's id (oppfylt, delvis, ikke_oppfylt, ikke_relevant) and `frist`
    an ISO date, or "" when not filled in."""
    data = form.header()
    data["rader"] = [{name: xml_text(row.get(name, "")) for name in COLUMN_IDS} for row in form.rows]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def csv_marker(form: Form) -> list[str]:
    """The first CSV line: the marker, then the standard, version, date and selection."""
    s = form.standard
    return [FORMAT_ID, str(FORMAT_VERSION), s.tittel, s.versjon, s.dato or "", s.betegnelse or "",
            ",".join(form.areas), format_selection(form.selection)]


def to_csv(form: Form) -> bytes:
    """The form as CSV for Excel in Norway: UTF-8 with BOM, «;» between fields, CRLF line ends.
    Line 1 is the marker (`csv_marker`), line 2 the column headings, then one line per
    provision. Answers are written as shown in the XLSX drop-down («delvis oppfylt»)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([spreadsheet_text(v) for v in csv_marker(form)])
    writer.writerow([c.header for c in COLUMNS])
    for row in form.rows:
        values = dict(row)
        values["vurdering"] = ASSESSMENTS.get(values.get("vurdering", ""), values.get("vurdering", ""))
        writer.writerow([spreadsheet_text(values.get(name, "")) for name in COLUMN_IDS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def parse_iso(value: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None
