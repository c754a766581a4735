"""XLSX output: the self-assessment form, and the tables of `sammenlign` and `samsvar`.

Every sheet carries the standard's name, version and date in its first rows and in the printed
page header; every sheet prints in landscape, fitted to the page width, with its heading rows
repeated on every page. Record text is written as typed text (never as a formula) after
`neutral.xml_text`, so a provision that starts with «=» stays text.
"""

from __future__ import annotations

import datetime as _dt
import io
from copy import copy
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..neutral import xml_text
from ..vocabulary import ASSESSMENTS, NOT_RELEVANT, REQUIREMENT_TYPES, VERB_OF
from .form import COLUMNS, FORMAT_ID, FORMAT_VERSION, Form, Standard, parse_iso

FORM_SHEET = "Egenkontroll"
SUMMARY_SHEET = "Sammendrag"
ABOUT_SHEET = "Om skjemaet"
MARKER_SHEET = "_skjema"  # hidden: the machine-readable marker (format, standard, version, selection)
HEADER_ROW = 4  # rows 1-3: title, version, instructions; row 4: column headings
FIRST_ROW = HEADER_ROW + 1
DATE_FORMAT = "DD.MM.YYYY"

BOLD = Font(name="Calibri", bold=True)
TITLE = Font(name="Calibri", bold=True, size=14)
HEADING_FILL = PatternFill("solid", fgColor="D9E2F3")
ANSWER_FILL = PatternFill("solid", fgColor="FFF9E5")
WARNING_FILL = PatternFill("solid", fgColor="F4B6B6")
FILLS = {"oppfylt": "C6EFCE", "delvis": "FFEB9C", "ikke_oppfylt": "FFC7CE", "ikke_relevant": "E7E6E6"}
ANSWER_HELP = {
    "oppfylt": "Bestemmelsen er oppfylt i praksis; skriv under «Dokumentasjon» hvor det kan ses.",
    "delvis": "Noe er på plass, men ikke alt; beskriv tiltak, ansvarlig og frist.",
    "ikke_oppfylt": "Bestemmelsen er ikke oppfylt; beskriv tiltak, ansvarlig og frist.",
    "ikke_relevant": "Bestemmelsen gjelder ikke for institusjonen; begrunnelsen er påkrevd.",
}
THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def text_cell(ws: Worksheet, row: int, column: int, value: Any, **style: Any) -> Any:
    """Write `value` as text (never a formula), or a date/number as it is."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, (_dt.date, int, float)) and not isinstance(value, bool):
        cell.value = value
    else:
        cell.value = xml_text("" if value is None else value)
        cell.data_type = "s"
    for key, item in style.items():
        setattr(cell, key, item)
    return cell


def page_setup(ws: Worksheet, title_rows: str, standard: Standard, what: str) -> None:
    """Landscape A4, fitted to the width, heading rows on every page, version in header/footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    header = xml_text(f"{what} · {standard.label()}").replace("&", "&&")
    ws.oddHeader.center.text = header[:250]
    ws.oddFooter.left.text = "Skrevet ut &D"
    ws.oddFooter.right.text = "Side &P av &N"


def write_heading(ws: Worksheet, standard: Standard, what: str, note: str, width: int) -> None:
    """Rows 1-3: what this is, the standard and version, and a note."""
    text_cell(ws, 1, 1, f"{what}: {standard.tittel}", font=TITLE)
    text_cell(ws, 2, 1, f"Versjon {standard.versjon}"
              + (f" ({standard.betegnelse})" if standard.betegnelse else "")
              + (f", {_norwegian_date(standard.dato)}" if standard.dato else ""), font=BOLD)
    text_cell(ws, 3, 1, note, alignment=Alignment(wrap_text=True, vertical="top"))
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)
    ws.row_dimensions[3].height = 45


def _norwegian_date(value: str | None) -> str:
    from ..vocabulary import format_date

    return format_date(value) if value else ""


def table(ws: Worksheet, header_row: int, headers: Sequence[str], widths: Sequence[int],
          rows: Iterable[Sequence[Any]]) -> int:
    """A plain table with a heading row; returns the last row written."""
    for index, (name, width) in enumerate(zip(headers, widths), start=1):
        text_cell(ws, header_row, index, name, font=BOLD, fill=HEADING_FILL, border=GRID, alignment=WRAP)
        ws.column_dimensions[get_column_letter(index)].width = width
    last = header_row
    for last, values in enumerate(rows, start=header_row + 1):
        for index, value in enumerate(values, start=1):
            text_cell(ws, last, index, value, border=GRID, alignment=WRAP)
        fit_height(ws, last, values, widths)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    return last


def fit_height(ws: Worksheet, row: int, values: Sequence[Any], widths: Sequence[int]) -> None:
    """Set a row's height from its longest wrapped cell: openpyxl cannot measure text, and a
    spreadsheet does not grow rows written by another program, so printed text would overlap."""
    lines = 1
    for value, width in zip(values, widths):
        text = "" if value is None else str(value)
        per_line = max(int(width * 1.25) - 1, 4)
        count = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        lines = max(lines, count)
    ws.row_dimensions[row].height = min(15 * lines + 3, 409)


def to_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- The form ------------------------------------------------------------------------------------

def _list_formula(values: Iterable[str]) -> str:
    return '"' + ",".join(values) + '"'


def write_form(form: Form) -> bytes:
    """The self-assessment form as an XLSX workbook (see docs in FORMS.md)."""
    wb = Workbook()
    ws = wb.active
    ws.title = FORM_SHEET
    standard = form.standard
    letters = {c.id: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    write_heading(ws, standard, "Egenkontroll",
                  "Fyll ut de gule kolonnene: velg vurdering i listen, skriv hvor i institusjonens eget system "
                  "bestemmelsen er oppfylt (dokumentasjon), og tiltak, ansvarlig og frist der den ikke er helt "
                  "oppfylt. «Ikke relevant» krever en begrunnelse. Skjemaet gjelder "
                  + _selection_text(form) + ".", len(COLUMNS))
    last = FIRST_ROW + max(len(form.rows), 1) - 1
    for index, column in enumerate(COLUMNS, start=1):
        cell = text_cell(ws, HEADER_ROW, index, column.header, font=BOLD, fill=HEADING_FILL, border=GRID,
                         alignment=WRAP)
        cell.comment = Comment(column.help, "krav egenkontroll")
        ws.column_dimensions[get_column_letter(index)].width = column.width
    styles: list[Any] = []  # each column's style, set on the first row and copied to the others:
    # setting styles cell by cell hashes every style object (3 s for 2,000 rows); a copied
    # StyleArray refers to the same entries of this workbook's style lists
    for row_number, row in enumerate(form.rows, start=FIRST_ROW):
        for index, column in enumerate(COLUMNS, start=1):
            value: Any = row.get(column.id, "")
            if column.id == "vurdering":
                value = ASSESSMENTS.get(value, value)
            if column.id == "frist" and value:
                value = parse_iso(value) or value
            cell = text_cell(ws, row_number, index, value)
            if len(styles) < index:
                _style(cell, column)
                styles.append(cell._style)
            else:
                cell._style = copy(styles[index - 1])
        fit_height(ws, row_number, [row.get(c.id, "") for c in COLUMNS], [c.width for c in COLUMNS])
    ws.row_dimensions[HEADER_ROW].height = 30
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=3)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{last}"

    answer = f"{letters['vurdering']}{FIRST_ROW}:{letters['vurdering']}{last}"
    choice = DataValidation(type="list", formula1=_list_formula(ASSESSMENTS.values()), allow_blank=True,
                            showErrorMessage=True, showInputMessage=True, errorTitle="Ugyldig vurdering",
                            error="Velg oppfylt, delvis oppfylt, ikke oppfylt eller ikke relevant.",
                            promptTitle="Vurdering", prompt="Velg fra listen.")
    choice.add(answer)
    deadline = f"{letters['frist']}{FIRST_ROW}:{letters['frist']}{last}"
    date = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)",
                          allow_blank=True, showErrorMessage=True, errorTitle="Ugyldig frist",
                          error="Skriv fristen som en dato, for eksempel 31.03.2027.",
                          showInputMessage=True, promptTitle="Frist", prompt="En dato, for eksempel 31.03.2027.")
    date.add(deadline)
    ws.add_data_validation(choice)
    ws.add_data_validation(date)
    v, b = letters["vurdering"], letters["begrunnelse"]
    reason = f"{b}{FIRST_ROW}:{b}{last}"
    ws.conditional_formatting.add(reason, FormulaRule(
        formula=[f'AND(${v}{FIRST_ROW}="{ASSESSMENTS[NOT_RELEVANT]}",LEN(TRIM(${b}{FIRST_ROW}))=0)'],
        fill=WARNING_FILL, stopIfTrue=True))
    for answer_id, colour in FILLS.items():
        ws.conditional_formatting.add(answer, CellIsRule(operator="equal", formula=[f'"{ASSESSMENTS[answer_id]}"'],
                                                         fill=PatternFill("solid", fgColor=colour)))
    _protect(ws)
    page_setup(ws, f"1:{HEADER_ROW}", standard, "Egenkontroll")

    _summary(wb.create_sheet(SUMMARY_SHEET), form, letters, last)
    _about(wb.create_sheet(ABOUT_SHEET), form)
    _marker(wb.create_sheet(MARKER_SHEET), form)
    wb.properties.title = xml_text(f"Egenkontroll: {standard.tittel}")
    wb.properties.subject = xml_text(standard.label())
    wb.properties.keywords = f"{FORMAT_ID} {FORMAT_VERSION}"
    wb.properties.creator = "krav egenkontroll"
    wb.properties.language = "nb-NO"
    return to_bytes(wb)


def _style(cell: Any, column: Any) -> None:
    """Give a body cell in `column` its style."""
    cell.border, cell.alignment = GRID, WRAP
    if column.answer:
        cell.protection = Protection(locked=False)
        cell.fill = ANSWER_FILL
    if column.id == "frist":
        cell.number_format = DATE_FORMAT


def _protect(ws: Worksheet) -> None:
    """Protect the sheet (headings and the standard's text) without a password: answer cells are
    unlocked, and the reader may still resize, filter and sort."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False
    ws.protection.autoFilter = False
    ws.protection.sort = False


def _selection_text(form: Form) -> str:
    return form.selection_text()


def _summary(ws: Worksheet, form: Form, letters: dict[str, str], last: int) -> None:
    """Counts per area and answer, as COUNTIF formulas over the form (the sheet counts itself)."""
    standard = form.standard
    write_heading(ws, standard, "Sammendrag av egenkontroll",
                  "Tallene regnes ut av svarene på arket «Egenkontroll» og oppdateres når du fyller ut skjemaet.", 8)
    headers = ["Punkt", "Område", "Bestemmelser", *[ASSESSMENTS[a].capitalize() for a in ASSESSMENTS],
               "Ikke vurdert", "Andel oppfylt"]
    widths = [8, 30, 13, 11, 14, 13, 13, 12, 13]
    ref = lambda column: f"'{FORM_SHEET}'!${letters[column]}${FIRST_ROW}:${letters[column]}${last}"  # noqa: E731
    areas: dict[str, str] = {}
    for row in form.rows:
        clause = row.get("punkt", "").split(".", 1)[0]
        areas.setdefault(clause, form.clauses.get(clause, f"Punkt {clause}"))
    rows = []
    for clause, name in areas.items():
        rows.append([clause, name])
    rows.append(["", "Alle"])
    table(ws, HEADER_ROW, headers, widths, rows)
    for number, values in enumerate(rows, start=FIRST_ROW):
        _count_row(ws, number, ref, "punkt", f'"{values[0]}.*"' if values[0] else '"*"', bold=not values[0])
    missing = FIRST_ROW + len(rows) + 1
    text_cell(ws, missing, 2, "«Ikke relevant» uten begrunnelse", font=BOLD)
    ws.cell(row=missing, column=3,
            value=f'=COUNTIFS({ref("vurdering")},"{ASSESSMENTS[NOT_RELEVANT]}",{ref("begrunnelse")},"")')
    # The same counts per type: a certification body looks at the «skal» provisions first.
    type_header = missing + 2
    type_rows = [[verb, REQUIREMENT_TYPES[type_id].name] for type_id, verb in VERB_OF.items()]
    for index, name in enumerate(["Type", "", *headers[2:]], start=1):
        text_cell(ws, type_header, index, name, font=BOLD, fill=HEADING_FILL, border=GRID, alignment=WRAP)
    for number, values in enumerate(type_rows, start=type_header + 1):
        text_cell(ws, number, 1, values[0], border=GRID)
        text_cell(ws, number, 2, values[1], border=GRID)
        _count_row(ws, number, ref, "type", f'"{values[0]}"')
    ws.protection.sheet = True
    page_setup(ws, f"1:{HEADER_ROW}", standard, "Sammendrag")


def _count_row(ws: Worksheet, number: int, ref: Any, column: str, key: str, bold: bool = False) -> None:
    """Columns C-I of a summary row: how many provisions have `key` in the form's `column`, per
    answer, not answered, and the share met (of those that are relevant)."""
    ws.cell(row=number, column=3, value=f"=COUNTIF({ref(column)},{key})")
    for offset, answer in enumerate(ASSESSMENTS, start=4):
        ws.cell(row=number, column=offset,
                value=f'=COUNTIFS({ref(column)},{key},{ref("vurdering")},"{ASSESSMENTS[answer]}")')
    ws.cell(row=number, column=8, value=f"=C{number}-SUM(D{number}:G{number})")
    ws.cell(row=number, column=9, value=f'=IF(C{number}-G{number}=0,"",D{number}/(C{number}-G{number}))')
    ws.cell(row=number, column=9).number_format = "0 %"
    for index in range(1, 10):
        ws.cell(row=number, column=index).border = GRID
        if bold:
            ws.cell(row=number, column=index).font = BOLD


def _about(ws: Worksheet, form: Form) -> None:
    standard = form.standard
    write_heading(ws, standard, "Om skjemaet", "Skjemaet er laget med «krav egenkontroll skjema». Svarene "
                  "lagres bare i denne filen; ikke send den til andre enn dem som skal se den.", 2)
    rows = [("Skjemaformat", f"{FORMAT_ID} {FORMAT_VERSION}"), ("Standard", standard.tittel),
            ("Versjon", standard.versjon), ("Dato", _norwegian_date(standard.dato)),
            ("Betegnelse", standard.betegnelse or ""), ("Utvalg", _selection_text(form)),
            ("Bestemmelser", str(len(form.rows)))]
    rows += [(f"Kolonnen «{c.header}»", c.help) for c in COLUMNS]
    rows += [(f"Vurdering «{ASSESSMENTS[answer]}»", text) for answer, text in ANSWER_HELP.items()]
    table(ws, HEADER_ROW, ["Hva", "Forklaring"], [28, 90], rows)
    ws.protection.sheet = True
    page_setup(ws, f"1:{HEADER_ROW}", standard, "Om skjemaet")


def marker_items(form: Form) -> list[tuple[str, str]]:
    from ..applicability import format_selection

    s = form.standard
    return [("format", FORMAT_ID), ("formatversjon", str(FORMAT_VERSION)), ("tittel", s.tittel),
            ("versjon", s.versjon), ("dato", s.dato or ""), ("betegnelse", s.betegnelse or ""),
            ("områder", ",".join(form.areas)), ("gjelder_for", format_selection(form.selection))]


def _marker(ws: Worksheet, form: Form) -> None:
    for number, (key, value) in enumerate(marker_items(form), start=1):
        text_cell(ws, number, 1, key)
        text_cell(ws, number, 2, value)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


__all__ = ["write_form", "FORM_SHEET", "SUMMARY_SHEET", "MARKER_SHEET", "HEADER_ROW", "FIRST_ROW",
           "table", "page_setup", "write_heading", "to_bytes", "text_cell"]
