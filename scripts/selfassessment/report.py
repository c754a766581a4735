"""Comparing two self-assessment rounds (`sammenlign`) and the compliance matrix (`samsvar`).

Pure functions from read forms to text, Markdown (through `neutral.markdown`) or XLSX bytes.
Every value that came from a form or a record goes through the neutraliser for its format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..neutral import markdown, visible
from ..vocabulary import ASSESSMENT_RANK, ASSESSMENTS, COMPARISONS, MET, NOT_RELEVANT, format_number
from .form import Form

UNANSWERED = "ikke vurdert"
# The order categories are shown in: what needs attention first.
CHANGE_FILLS = {"dårligere": "FFC7CE", "bedre": "C6EFCE", "endret": "FFEB9C", "ny": "DDEBF7"}
COMPARISON_ORDER = ("dårligere", "bedre", "endret", "ny", "fjernet", "usammenlignbar", "uendret")


def answer_name(answer: str) -> str:
    return ASSESSMENTS.get(answer, UNANSWERED) if answer else UNANSWERED


def answer_counts(form: Form) -> list[tuple[str, int]]:
    """[(«oppfylt», 3), …, («ikke vurdert», 2)]: how many provisions got each answer."""
    answers = [row.get("vurdering", "") for row in form.rows]
    return [(ASSESSMENTS[a], answers.count(a)) for a in ASSESSMENTS] + [(UNANSWERED, answers.count(""))]


def counts_text(form: Form) -> str:
    return ", ".join(f"{name} {format_number(n)}" for name, n in answer_counts(form))


def _key(punkt: str) -> tuple:
    parts = []
    for piece in punkt.split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return tuple(parts)


# --- sammenlign -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    category: str  # a COMPARISONS key
    id: str
    punkt: str  # in ETTER, or in FØR when the provision is only there
    tittel: str
    before: str  # answer id or ""
    after: str
    note: str = ""  # why: «teksten er endret», «typen er endret fra bør til skal»


def compare(before: Form, after: Form) -> list[Change]:
    """Per provision: better, worse, unchanged, new or changed in the standard between the two
    versions the forms were made from (texts and types stored in the forms are compared)."""
    old = {row["id"]: row for row in before.rows}
    new = {row["id"]: row for row in after.rows}
    same_choice = before.areas == after.areas and before.selection == after.selection
    changes = []
    for ident, row in new.items():
        previous = old.get(ident)
        a = row.get("vurdering", "")
        if previous is None:
            category = "ny" if same_choice else "usammenlignbar"
            note = "" if same_choice else "bare med i ETTER-skjemaet; skjemaene har ulikt utvalg"
            changes.append(Change(category, ident, row.get("punkt", ""), row.get("tittel", ""), "", a, note))
            continue
        b = previous.get("vurdering", "")
        notes = []
        if previous.get("type", "") != row.get("type", ""):
            notes.append(f"typen er endret fra «{previous.get('type', '')}» til «{row.get('type', '')}»")
        if " ".join(previous.get("tekst", "").split()) != " ".join(row.get("tekst", "").split()):
            notes.append("teksten er endret")
        if notes:
            category = "endret"
        elif a == b:
            category = "uendret"
        elif a in ASSESSMENT_RANK and b in ASSESSMENT_RANK:
            category = "bedre" if ASSESSMENT_RANK[a] > ASSESSMENT_RANK[b] else "dårligere"
        else:
            category = "usammenlignbar"
        changes.append(Change(category, ident, row.get("punkt", ""), row.get("tittel", ""), b, a, "; ".join(notes)))
    for ident, row in old.items():
        if ident not in new:
            category = "fjernet" if same_choice else "usammenlignbar"
            note = "" if same_choice else "bare med i FØR-skjemaet; skjemaene har ulikt utvalg"
            changes.append(Change(category, ident, row.get("punkt", ""), row.get("tittel", ""),
                                  row.get("vurdering", ""), "", note))
    order = {ident: n for n, ident in enumerate(new)}
    return sorted(changes, key=lambda c: (c.id not in order, order.get(c.id, 0), _key(c.punkt)))


def _counts(changes: list[Change]) -> list[tuple[str, int]]:
    return [(c, sum(1 for x in changes if x.category == c)) for c in COMPARISON_ORDER
            if any(x.category == c for x in changes)]


def compare_text(before: Form, after: Form, changes: list[Change]) -> str:
    out = ["Sammenligning av to runder egenkontroll",
           f"FØR:   {visible(before.source)}: {visible(before.standard.label())}",
           f"ETTER: {visible(after.source)}: {visible(after.standard.label())}",
           f"Vurderinger FØR:   {counts_text(before)}.",
           f"Vurderinger ETTER: {counts_text(after)}.",
           "Endringer: " + (", ".join(f"{COMPARISONS[c]} {format_number(n)}" for c, n in _counts(changes))
                             or "ingen bestemmelser") + ".", ""]
    for category in COMPARISON_ORDER:
        group = [c for c in changes if c.category == category]
        if not group:
            continue
        out.append(f"{COMPARISONS[category].capitalize()} ({format_number(len(group))}):")
        for c in group:
            line = (f"  {visible(c.punkt)} {visible(c.id)} {visible(c.tittel)}: "
                    f"{answer_name(c.before)} → {answer_name(c.after)}")
            out.append(line + (f" ({visible(c.note)})" if c.note else ""))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def compare_markdown(before: Form, after: Form, changes: list[Change]) -> str:
    out = ["# Sammenligning av to runder egenkontroll", "",
           f"- **FØR:** {markdown(before.source)}: {markdown(before.standard.label())}",
           f"- **ETTER:** {markdown(after.source)}: {markdown(after.standard.label())}",
           f"- **Vurderinger FØR:** {counts_text(before)}", f"- **Vurderinger ETTER:** {counts_text(after)}", "",
           "| Endring | Antall |", "|---|---:|"]
    out += [f"| {COMPARISONS[c].capitalize()} | {format_number(n)} |" for c, n in _counts(changes)]
    out += ["", "| Punkt | Id | Tittel | Før | Etter | Endring |", "|---|---|---|---|---|---|"]
    for c in changes:
        what = COMPARISONS[c.category] + (f": {markdown(c.note)}" if c.note else "")
        out.append(f"| {markdown(c.punkt)} | {markdown(c.id)} | {markdown(c.tittel)} | {answer_name(c.before)} | "
                   f"{answer_name(c.after)} | {what} |")
    return "\n".join(out) + "\n"


def compare_xlsx(before: Form, after: Form, changes: list[Change]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    from .xlsx import page_setup, table, to_bytes, write_heading

    wb = Workbook()
    ws = wb.active
    ws.title = "Sammenligning"
    write_heading(ws, after.standard, "Sammenligning av egenkontroll",
                  f"FØR: {before.source} ({before.standard.label()}). ETTER: {after.source} "
                  f"({after.standard.label()}). Vurderinger FØR: {counts_text(before)}; ETTER: {counts_text(after)}. "
                  "Endringer: "
                  + ", ".join(f"{COMPARISONS[c]} {format_number(n)}" for c, n in _counts(changes)) + ".", 6)
    rows = [[c.punkt, c.id, c.tittel, answer_name(c.before), answer_name(c.after),
             COMPARISONS[c.category] + (f": {c.note}" if c.note else "")] for c in changes]
    table(ws, 4, ["Punkt", "Id", "Tittel", "Før", "Etter", "Endring"], [8, 10, 40, 16, 16, 40], rows)
    for number, change in enumerate(changes, start=5):
        colour = CHANGE_FILLS.get(change.category)
        if colour:
            ws.cell(row=number, column=6).fill = PatternFill("solid", fgColor=colour)
    page_setup(ws, "1:4", after.standard, "Sammenligning")
    summary = wb.create_sheet("Oppsummering")
    write_heading(summary, after.standard, "Oppsummering", "Antall bestemmelser per endring.", 2)
    table(summary, 4, ["Endring", "Antall"], [30, 10],
          [[COMPARISONS[c].capitalize(), n] for c, n in _counts(changes)])
    page_setup(summary, "1:4", after.standard, "Oppsummering")
    return to_bytes(wb)


# --- samsvar ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    row: dict[str, str]
    gap: str  # "" when met with documentation; otherwise why it is a gap


def matrix(form: Form) -> list[Entry]:
    """Every provision with where it is met, and its gap: not met, partly met, not answered, or
    met without saying where (a certification body asks for the evidence)."""
    out = []
    for row in form.rows:
        answer = row.get("vurdering", "")
        if answer == MET:
            gap = "" if row.get("dokumentasjon", "").strip() else "oppfylt, men dokumentasjon mangler"
        elif answer == NOT_RELEVANT:
            gap = ""
        else:
            gap = answer_name(answer)
        out.append(Entry(row, gap))
    return out


def _deadline(value: str) -> str:
    from ..vocabulary import format_date

    return format_date(value) if value else ""


def matrix_text(form: Form, entries: list[Entry]) -> str:
    gaps = [e for e in entries if e.gap]
    out = ["Samsvarsmatrise", f"Standard: {visible(form.standard.label())}", f"Skjema: {visible(form.source)}",
           f"Utvalg: {visible(form.selection_text())}",
           f"Vurderinger: {counts_text(form)}.", ""]
    for e in entries:
        r = e.row
        where = visible(r.get("dokumentasjon", "").strip()) or "–"
        out.append(f"{visible(r.get('punkt', ''))} {visible(r['id'])} ({visible(r.get('type', ''))}) "
                   f"{visible(r.get('tittel', ''))}: {answer_name(r.get('vurdering', ''))}. Dokumentasjon: {where}")
        if r.get("vurdering") == NOT_RELEVANT:
            out.append(f"    Begrunnelse: {visible(r.get('begrunnelse', ''))}")
    out += ["", f"Avvik og mangler ({format_number(len(gaps))}):"]
    if not gaps:
        out.append("  Ingen: alle bestemmelsene er oppfylt med dokumentasjon eller vurdert som ikke relevante.")
    for e in gaps:
        r = e.row
        extra = [f"{label}: {visible(r.get(key, '').strip())}" for key, label in
                 (("tiltak", "tiltak"), ("ansvarlig", "ansvarlig")) if r.get(key, "").strip()]
        if r.get("frist"):
            extra.append(f"frist: {_deadline(r['frist'])}")
        if not r.get("tiltak", "").strip():
            extra.insert(0, "ingen tiltak er beskrevet")
        out.append(f"  {visible(r.get('punkt', ''))} {visible(r['id'])} {visible(r.get('tittel', ''))}: {e.gap}"
                   + f" ({'; '.join(extra)})")
    return "\n".join(out) + "\n"


def matrix_markdown(form: Form, entries: list[Entry]) -> str:
    gaps = [e for e in entries if e.gap]
    out = ["# Samsvarsmatrise", "", f"- **Standard:** {markdown(form.standard.label())}",
           f"- **Skjema:** {markdown(form.source)}", f"- **Utvalg:** {markdown(form.selection_text())}",
           f"- **Vurderinger:** {counts_text(form)}", "",
           "| Punkt | Id | Type | Tittel | Vurdering | Dokumentasjon |", "|---|---|---|---|---|---|"]
    for e in entries:
        r = e.row
        where = markdown(r.get("dokumentasjon", "").strip())
        if r.get("vurdering") == NOT_RELEVANT:
            where = (where + "; " if where else "") + "begrunnelse: " + markdown(r.get("begrunnelse", ""))
        out.append(f"| {markdown(r.get('punkt', ''))} | {markdown(r['id'])} | {markdown(r.get('type', ''))} | "
                   f"{markdown(r.get('tittel', ''))} | {answer_name(r.get('vurdering', ''))} | {where or '–'} |")
    out += ["", f"## Avvik og mangler ({format_number(len(gaps))})", ""]
    if not gaps:
        out.append("Ingen: alle bestemmelsene er oppfylt med dokumentasjon eller vurdert som ikke relevante.")
    else:
        out += ["| Punkt | Id | Tittel | Mangel | Tiltak | Ansvarlig | Frist |", "|---|---|---|---|---|---|---|"]
        for e in gaps:
            r = e.row
            out.append(f"| {markdown(r.get('punkt', ''))} | {markdown(r['id'])} | {markdown(r.get('tittel', ''))} | "
                       f"{e.gap} | {markdown(r.get('tiltak', ''))} | {markdown(r.get('ansvarlig', ''))} | "
                       f"{_deadline(r.get('frist', ''))} |")
    return "\n".join(out) + "\n"


def matrix_xlsx(form: Form, entries: list[Entry]) -> bytes:
    from openpyxl import Workbook

    from .xlsx import page_setup, table, to_bytes, write_heading

    wb = Workbook()
    ws = wb.active
    ws.title = "Samsvarsmatrise"
    counts = counts_text(form)
    write_heading(ws, form.standard, "Samsvarsmatrise", f"Skjema: {form.source}. Utvalg: {form.selection_text()}. Vurderinger: {counts}.", 7)
    rows: list[list[Any]] = []
    for e in entries:
        r = e.row
        rows.append([r.get("punkt", ""), r["id"], r.get("type", ""), r.get("tittel", ""),
                     answer_name(r.get("vurdering", "")), r.get("dokumentasjon", ""),
                     r.get("begrunnelse", "") if r.get("vurdering") == NOT_RELEVANT else ""])
    table(ws, 4, ["Punkt", "Id", "Type", "Tittel", "Vurdering", "Dokumentasjon", "Begrunnelse (ikke relevant)"],
          [8, 10, 6, 36, 15, 45, 30], rows)
    page_setup(ws, "1:4", form.standard, "Samsvarsmatrise")
    gaps = wb.create_sheet("Avvik og mangler")
    write_heading(gaps, form.standard, "Avvik og mangler", "Bestemmelser som ikke er oppfylt, er delvis "
                  "oppfylt, ikke er vurdert, eller er oppfylt uten dokumentasjon.", 7)
    table(gaps, 4, ["Punkt", "Id", "Tittel", "Mangel", "Tiltak", "Ansvarlig", "Frist"], [8, 10, 36, 22, 40, 18, 12],
          [[e.row.get("punkt", ""), e.row["id"], e.row.get("tittel", ""), e.gap, e.row.get("tiltak", ""),
            e.row.get("ansvarlig", ""), _deadline(e.row.get("frist", ""))] for e in entries if e.gap])
    page_setup(gaps, "1:4", form.standard, "Avvik og mangler")
    return to_bytes(wb)
