"""The commenting template for one published draft, as an XLSX workbook (openpyxl).

The columns are those of the ISO/IEC/CEN/CENELEC commenting template (2012-03) that editors
and committees know, with Norwegian headings: who comments (MB/NC), line number,
clause/subclause, paragraph/figure/table, type of comment (ge/te/ed), comment, proposed change,
observations of the secretariat (here: the committee's disposition). The sheet is prefilled
with one row per clause and provision of that draft, in document order, has a drop-down for the
type, names the draft in its top rows and print header, keeps the draft's id in cell B2 (so an
import can tell one draft's template from another's) and protects everything but the cells a
commenter fills in. A second sheet explains how to fill it in.

The same layout, with the committee's dispositions filled in, is the report sent back to the
commenters (report.py).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from ..document.outline import TYPE_LIST, Outline
from ..neutral import xml_text
from ..vocabulary import COMMENT_TYPES

SHEET = "Kommentarer"
GUIDE_SHEET = "Veiledning"
HEADER_ROW = 4
FIRST_ROW = 5
DRAFT_CELL = "B2"
EXTRA_ROWS = 200  # empty, unlocked rows below the prefilled ones for further comments
PLACE_SEPARATOR = " – "


@dataclass(frozen=True)
class Column:
    letter: str
    heading: str
    field: str  # the kommentar record field it fills ("" for none)
    width: int


COLUMNS = (
    Column("A", "Kommentator (organisasjon)", "fra", 20),
    Column("B", "Linje", "linje", 8),
    Column("C", "Punkt", "punkt", 48),
    Column("D", "Avsnitt/figur/tabell", "avsnitt", 14),
    Column("E", "Type (ge/te/ed)", "type", 10),
    Column("F", "Kommentar", "kommentar", 50),
    Column("G", "Forslag til endring", "forslag", 45),
    Column("H", "Komiteens behandling", "behandling", 45),
)
HEADINGS = tuple(c.heading for c in COLUMNS)
COMMENTER_COLUMNS = "ABCDEFG"  # the committee's column H stays locked for commenters

# «ge (generell), te (teknisk) eller ed (redaksjonell)», from the vocabulary
TYPE_CHOICES = " eller ".join([", ".join(f"{k} ({v})" for k, v in list(COMMENT_TYPES.items())[:-1]),
                               "{} ({})".format(*list(COMMENT_TYPES.items())[-1])])
GUIDE = [
    "Slik fyller du ut kommentarskjemaet",
    "",
    "1. Skriv én kommentar per rad i arket «Kommentarer». Radene er fylt ut med hvert punkt og hver "
    "bestemmelse i utkastet; bruk raden for punktet kommentaren gjelder, eller en tom rad nederst.",
    "2. «Kommentator»: organisasjonen din.",
    "3. «Linje»: linjenummeret i margen av høringsdokumentet (DOCX eller PDF), hvis kommentaren gjelder én linje.",
    "4. «Punkt»: punktet slik det står i dokumentet, for eksempel «4.2», gjerne med bestemmelsens id "
    "(«4.2 IK-003»). For kommentarer til hele dokumentet: «Generelt».",
    "5. «Avsnitt/figur/tabell»: hvis kommentaren gjelder et bestemt avsnitt, en figur eller en tabell.",
    f"6. «Type»: {TYPE_CHOICES}. Velg fra listen i cellen.",
    "7. «Kommentar»: hva du mener er feil eller mangler, og hvorfor.",
    "8. «Forslag til endring»: ny tekst eller hva som bør endres.",
    "9. La kolonnen «Komiteens behandling» stå tom; der skriver komiteen sitt vedtak.",
    "",
    "Endre ikke overskriftene eller cellen med utgavens id (B2): da kan ikke skjemaet leses inn. "
    "Kommentarer og forslag du sender inn, kan bli brukt i standarden; retten til å disponere dem "
    "overdras til Standard Norge.",
]


def t(value: object) -> str:
    """Text an XLSX cell can hold (openpyxl refuses control characters)."""
    return xml_text("" if value is None else value)


def place_label(punkt: str, ident: str | None, title: str) -> str:
    """«4.2 IK-003 – Avvikshåndtering»: what the Punkt column shows for a place."""
    head = f"{punkt} {ident}" if ident else punkt
    return f"{head}{PLACE_SEPARATOR}{title}" if title and title != punkt else head


def title_line(outline: Outline) -> str:
    return f"Kommentarskjema – {outline.status_line}"


def new_workbook(outline: Outline, rows: list[list[object]] | None = None, *, for_commenters: bool = True):
    """The template workbook; `rows` (cell values A–H) replace the prefilled places when given."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = t(title_line(outline))
    ws["A1"].font = Font(bold=True, size=13)
    ws.merge_cells("A1:H1")
    ws["A2"] = "Utgave:"
    ws[DRAFT_CELL] = t(outline.draft_id or "")
    ws["C2"] = t(" · ".join(f"{label}: {value}" for label, value in outline.dates))
    ws["A3"] = "Fyll inn én kommentar per rad fra rad 5. Se arket «Veiledning»."
    ws["A3"].font = Font(italic=True)
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for column in COLUMNS:
        cell = ws[f"{column.letter}{HEADER_ROW}"]
        cell.value = column.heading
        cell.font, cell.fill, cell.alignment = bold, grey, wrap
        ws.column_dimensions[column.letter].width = column.width
    if rows is None:
        rows = [["", "", place_label(p, i, title), "", "", "", "", ""] for p, i, title in outline.places()]
    last = FIRST_ROW + len(rows) - 1 + (EXTRA_ROWS if for_commenters else 0)
    unlocked = Protection(locked=False)
    for offset, values in enumerate(rows):
        row = FIRST_ROW + offset
        for column, value in zip(COLUMNS, values):
            ws[f"{column.letter}{row}"] = t(value) if isinstance(value, str) else value
    for row in range(FIRST_ROW, last + 1):
        for column in COLUMNS:
            cell = ws[f"{column.letter}{row}"]
            cell.alignment = top if column.letter == "C" else wrap  # the prefilled places stay one line each
            if column.letter in ("C", "D"):
                cell.number_format = "@"  # «4.10» stays text, never the number 4.1
            if for_commenters and column.letter in COMMENTER_COLUMNS:
                cell.protection = unlocked
    types = DataValidation(type="list", formula1='"' + ",".join(COMMENT_TYPES) + '"', allow_blank=True,
                           showErrorMessage=True, errorTitle="Ugyldig type",
                           error=f"Velg {TYPE_CHOICES}.", promptTitle="Type kommentar", prompt=TYPE_LIST)
    types.add(f"E{FIRST_ROW}:E{max(last, FIRST_ROW)}")
    ws.add_data_validation(types)
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.oddHeader.center.text = t(title_line(outline)).replace("&", "&&")
    ws.oddFooter.center.text = "Side &P av &N"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if for_commenters:
        ws.protection.sheet = True
        ws.protection.insertRows = False  # False: allowed although the sheet is protected
        ws.protection.formatRows = False
        ws.protection.formatColumns = False
        ws.protection.autoFilter = False
    guide = wb.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 110
    for n, line in enumerate(GUIDE, 1):
        guide[f"A{n}"] = line
        guide[f"A{n}"].alignment = Alignment(wrap_text=True, vertical="top")
    guide["A1"].font = Font(bold=True, size=13)
    guide.protection.sheet = True
    wb.properties.title = t(title_line(outline))[:250]
    wb.properties.identifier = t(f"kommentarskjema:{outline.draft_id or ''}")[:250]
    wb.properties.language = "nb-NO"
    return wb


def to_bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def build_template(outline: Outline) -> bytes:
    """The empty commenting template for the draft, as XLSX bytes."""
    return to_bytes(new_workbook(outline))


# --- Reading the Punkt column back --------------------------------------------------------------------

_ID_ONLY = re.compile(r"^\s*(?P<id>[A-ZÆØÅ]{2,4}-\d{3,})\s*$")


def parse_place(text: str) -> tuple[str, str | None]:
    """(punkt, id or None) from a Punkt cell: «4.2», «4.2 IK-003 – Tittel», «IK-003», «Tillegg A»."""
    only = _ID_ONLY.match(text)
    if only:
        return "", only.group("id")
    head = text.split(PLACE_SEPARATOR, 1)[0].strip()
    parts = head.split()
    ident = parts[-1] if len(parts) > 1 and re.fullmatch(r"[A-ZÆØÅ]{2,4}-\d{3,}", parts[-1]) else None
    punkt = " ".join(parts[:-1] if ident else parts)
    return punkt, ident
