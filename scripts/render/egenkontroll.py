"""The self-assessment checklist (egenkontroll) as a page of the site.

Every provision in force, clause by clause, with a form to assess it: oppfylt / delvis /
ikke oppfylt / ikke relevant, where in the institution's own system it is met
(dokumentasjon), measure (tiltak), responsible person (ansvarlig) and deadline (frist).
The page is plain HTML that reads and prints without script; docs/javascripts/egenkontroll.js
keeps the answers in the reader's own browser (localStorage, nothing is sent anywhere) and
exports and imports them as JSON and CSV in the columns of the CLI forms (`COLUMNS`).
"""

from __future__ import annotations

import json

from ..repository import Record
from ..vocabulary import ASSESSMENTS, REQUIREMENT_TYPES, count, is_in_force
from .common import front_matter, type_badge
from .context import SiteContext
from .gjelder import FILTER_PLACEHOLDER
from .text import as_text, esc, esc_attr, safe_id

URI = "egenkontroll.md"
TITLE = "Egenkontroll"

# The columns, format marker and formula guard are the CLI forms' (`krav egenkontroll skjema`,
# scripts/selfassessment/form.py), so a file exported here is read there and the other way
# round. Until that module is present, the same definitions are kept here.
try:
    from ..selfassessment import form as _form_module

    COLUMNS = tuple((c.id, c.header, c.answer) for c in _form_module.COLUMNS)
    WIDTHS = {c.id: c.width for c in _form_module.COLUMNS}
    FORMAT_ID, FORMAT_VERSION = _form_module.FORMAT_ID, _form_module.FORMAT_VERSION
except ImportError:  # pragma: no cover - before the CLI forms are merged
    _form_module = None
    COLUMNS = (
        ("punkt", "Punkt", False), ("id", "Id", False), ("type", "Type", False), ("tittel", "Tittel", False),
        ("tekst", "Tekst", False), ("verifisering", "Slik kontrolleres det", False),
        ("vurdering", "Vurdering", True), ("begrunnelse", "Begrunnelse (ikke relevant)", True),
        ("dokumentasjon", "Dokumentasjon", True), ("tiltak", "Tiltak", True),
        ("ansvarlig", "Ansvarlig", True), ("frist", "Frist", True),
    )
    FORMAT_ID, FORMAT_VERSION = "krav-egenkontroll", 1
    WIDTHS = {}
# The sheet names of the XLSX form (scripts/selfassessment/xlsx.py, kept in step).
FORM_SHEET, MARKER_SHEET = "Egenkontroll", "_skjema"
# A cell starting with one of these gets a leading «'» in CSV (never run as a formula).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
FIELD_LABELS = {
    "begrunnelse": "Begrunnelse (når bestemmelsen ikke er relevant)",
    "dokumentasjon": "Dokumentasjon: hvor i eget system bestemmelsen er oppfylt",
    "tiltak": "Tiltak",
    "ansvarlig": "Ansvarlig",
    "frist": "Frist",
}


def _form(record: Record, clause: str) -> str:
    """One provision with its assessment form, as a single raw HTML block (no blank lines)."""
    rid = record.id
    kind = record.text("type") or ""
    methods = ", ".join(as_text(m) for m in record.items("verifisering"))
    title_id = f"sjekk-{rid}"
    lines = [f'<section class="krav-sjekk" data-krav="{rid}" aria-labelledby="{title_id}" '
             f'data-punkt="{esc_attr(clause)}" data-type="{esc_attr(kind)}" '
             f'data-tittel="{esc_attr(record.get("tittel"))}" data-verifisering="{esc_attr(methods)}">',
             f'<h3 id="{title_id}">{esc(clause)} <a href="krav/{rid}/">{esc(rid)}</a> {esc(record.get("tittel"))}</h3>',
             f'<p>{type_badge(record.get("type"))}'
             + (f' Verifiseres ved: {esc(methods)}' if methods else "") + "</p>",
             f'<p class="krav-tekst krav-sjekk-tekst">{esc(record.get("tekst"))}</p>',
             f'<fieldset class="krav-sjekk-vurdering"><legend>Vurdering av {esc(rid)}</legend>']
    for value, label in ASSESSMENTS.items():
        lines.append(f'<label><input type="radio" name="{rid}-vurdering" value="{value}"> {esc(label.capitalize())}</label>')
    lines.append("</fieldset>")
    lines.append('<div class="krav-sjekk-felter">')
    for field in ("begrunnelse", "dokumentasjon", "tiltak"):
        lines.append(f'<p class="krav-sjekk-felt"><label for="{rid}-{field}">{FIELD_LABELS[field]}</label>'
                     f'<textarea id="{rid}-{field}" name="{rid}-{field}" data-felt="{field}" rows="2"></textarea></p>')
    lines.append(f'<p class="krav-sjekk-felt"><label for="{rid}-ansvarlig">{FIELD_LABELS["ansvarlig"]}</label>'
                 f'<input type="text" id="{rid}-ansvarlig" name="{rid}-ansvarlig" data-felt="ansvarlig"></p>')
    lines.append(f'<p class="krav-sjekk-felt"><label for="{rid}-frist">{FIELD_LABELS["frist"]}</label>'
                 f'<input type="date" id="{rid}-frist" name="{rid}-frist" data-felt="frist"></p>')
    lines.append("</div>")
    lines.append("</section>")
    return "\n".join(lines) + "\n"


def render_checklist(ctx: SiteContext) -> str:
    """The checklist page: instructions, the tools (made by the script), then each clause."""
    version = ctx.version
    title = ctx.repo.mandat.text("tittel") if ctx.repo.mandat is not None else None
    standard = {"tittel": title or "Standarden", "versjon": version.describe, "dato": version.date, "betegnelse": None}
    if _form_module is not None:  # the same standard, version and draft designation as the CLI forms
        try:
            standard = _form_module.standard_of(ctx.repo).as_dict()
        except Exception:  # the page must still build; the version from the site is as good
            pass
    meta = {"format": FORMAT_ID, "formatversjon": FORMAT_VERSION, "standard": standard,
            "kolonner": [{"id": key, "overskrift": heading, "svar": answer, "bredde": WIDTHS.get(key, 14)}
                         for key, heading, answer in COLUMNS],
            "xlsx": {"skjema": FORM_SHEET, "merke": MARKER_SHEET},
            "vurderinger": ASSESSMENTS, "typer": {k: t.verb for k, t in REQUIREMENT_TYPES.items()},
            "formelstart": list(FORMULA_START)}
    data = json.dumps(meta, ensure_ascii=True).replace("<", "\\u003c").replace("&", "\\u0026")
    total = sum(1 for a in ctx.areas for r in a.krav if is_in_force(r))
    date = f", sist endret {esc(version.date)}" if version.date else ""
    out = [front_matter(TITLE).replace("---\n\n", "search:\n  exclude: true\n---\n\n", 1), f"# {TITLE}\n",
           f"Sjekkliste for egenkontroll mot standarden, versjon **{esc(version.describe)}**{date}: "
           f"{count(total, 'bestemmelse')}. Vurder hver bestemmelse, skriv hvor i deres eget system den er "
           "oppfylt, og hvilke tiltak som trengs, hvem som er ansvarlig og fristen. Gjenta egenkontrollen "
           "senere for å se om praksis er endret.\n",
           '!!! note "Svarene blir bare på denne maskinen"',
           "    Svarene lagres bare i nettleseren på denne maskinen og sendes ikke noe sted. Innholdet kan være "
           "følsomt: eksporter til en fil (XLSX, JSON eller CSV, samme kolonner som skjemaet fra "
           "`krav egenkontroll skjema`) for å ta vare på det eller dele det i egen virksomhet, og importer "
           "filen igjen senere. Siden kan også skrives ut.\n",
           FILTER_PLACEHOLDER,
           f'<div class="krav-egenkontroll-verktoy" data-egenkontroll=\'{esc_attr(data)}\' hidden></div>\n']
    for area in ctx.areas:
        active = [r for r in area.krav if is_in_force(r) and safe_id(r.id)]
        if not active:
            continue
        out.append(f"## {area.clause} {esc(area.name)}\n")
        for record in active:
            form = _form(record, ctx.clause_of.get(record.id, ""))
            out.append(form.replace('href="krav/', 'href="../krav/'))  # raw HTML: MkDocs does not rewrite it
    if total == 0:
        out.append("*Standarden har ingen gjeldende bestemmelser ennå.*\n")
    return "\n".join(out)
