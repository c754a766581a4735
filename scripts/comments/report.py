"""`krav kommentarer rapport`: where the comments on a draft stand, and the sheet sent back.

Counts per type (ge/te/ed), per area (the clause the comment points to) and per disposition
(«ikke behandlet» for a comment without `behandling`), every comment not yet handled, and, as
XLSX, the commenting template filled in with every comment and the committee's disposition in
the observations column: the document the commenters get back.
"""

from __future__ import annotations

import json
from collections import Counter

from ..document.outline import Outline, id_order
from ..neutral import markdown, visible
from ..repository import Record, Repository
from ..vocabulary import COMMENT_TYPES, DISPOSITIONS, format_date, format_number
from .template import new_workbook, place_label, to_bytes

UNHANDLED = "ikke_behandlet"
UNHANDLED_NAME = "ikke behandlet"
OTHER_AREA = "Generelt og punktene før område-punktene"


def comments_for(repo: Repository, draft_id: str) -> list[Record]:
    """The draft's comment records, in id order."""
    prefix = f"{draft_id}/"
    found = [r for key, r in repo.kommentarer.items() if key.startswith(prefix) and isinstance(r.data, dict)]
    return sorted(found, key=lambda r: id_order(r.id or ""))


def disposition(record: Record) -> str:
    handling = record.get("behandling")
    vedtak = handling.get("vedtak") if isinstance(handling, dict) else None
    return vedtak if vedtak in DISPOSITIONS else UNHANDLED


def _area_of(outline: Outline):
    by_id = {p.id: c.title for c in outline.clauses for p in c.provisions}
    by_number = {c.number: c.title for c in outline.clauses}

    def area(record: Record) -> str:
        ident = record.get("krav")
        if isinstance(ident, str) and ident in by_id:
            return by_id[ident]
        punkt = record.get("punkt")
        if isinstance(punkt, str) and punkt.split(".", 1)[0] in by_number:
            return by_number[punkt.split(".", 1)[0]]
        return OTHER_AREA

    return area


def summary(outline: Outline, comments: list[Record]) -> dict:
    """The report as plain data (the JSON format prints this)."""
    area = _area_of(outline)
    by_type = Counter(str(r.get("type")) for r in comments)
    by_area = Counter(area(r) for r in comments)
    by_disposition = Counter(disposition(r) for r in comments)
    area_order = [c.title for c in outline.clauses] + [OTHER_AREA]
    unhandled = [r for r in comments if disposition(r) == UNHANDLED]

    def brief(r: Record) -> dict:
        return {key: r.get(key) for key in ("id", "fra", "punkt", "krav", "linje", "type", "kommentar", "forslag")
                if r.get(key) is not None}

    return {
        "utgave": outline.draft_id,
        "status": outline.status_line,
        "antall": len(comments),
        "per_type": {k: by_type.get(k, 0) for k in COMMENT_TYPES},
        "per_område": {a: by_area[a] for a in area_order if by_area.get(a)},
        "per_vedtak": {k: by_disposition.get(k, 0) for k in (*DISPOSITIONS, UNHANDLED)},
        "ikke_behandlet": [brief(r) for r in unhandled],
    }


def _disposition_name(key: str) -> str:
    return DISPOSITIONS.get(key, UNHANDLED_NAME)


def format_text(data: dict) -> str:
    v = visible
    out = [f"Kommentarer til {v(data['status'])} (utgave {v(data['utgave'])}): {format_number(data['antall'])}", ""]
    out.append("Per type:")
    out += [f"  {k} ({COMMENT_TYPES[k]}): {format_number(n)}" for k, n in data["per_type"].items()]
    out.append("Per område:")
    out += [f"  {v(a)}: {format_number(n)}" for a, n in data["per_område"].items()] or ["  (ingen)"]
    out.append("Per vedtak:")
    out += [f"  {_disposition_name(k)}: {format_number(n)}" for k, n in data["per_vedtak"].items()]
    out.append("")
    out.append(f"Ikke behandlet ({format_number(len(data['ikke_behandlet']))}):")
    for c in data["ikke_behandlet"]:
        place = f"punkt {c.get('punkt', '')}" + (f" {c['krav']}" if c.get("krav") else "")
        out.append(f"  {v(c.get('id', ''))} [{v(c.get('type', ''))}] {v(c.get('fra', ''))}, {v(place)}: "
                   f"{v(c.get('kommentar', ''))}")
    return "\n".join(out) + "\n"


def format_markdown(data: dict) -> str:
    m = markdown
    out = [f"# Kommentarbehandling: {m(data['status'])}", "",
           f"{format_number(data['antall'])} kommentarer til utgaven {m(data['utgave'])}.", "",
           "| Type | Antall |", "|---|---:|"]
    out += [f"| {k} ({COMMENT_TYPES[k]}) | {n} |" for k, n in data["per_type"].items()]
    out += ["", "| Område | Antall |", "|---|---:|"]
    out += [f"| {m(a)} | {n} |" for a, n in data["per_område"].items()]
    out += ["", "| Vedtak | Antall |", "|---|---:|"]
    out += [f"| {_disposition_name(k)} | {n} |" for k, n in data["per_vedtak"].items()]
    out += ["", f"## Ikke behandlet ({len(data['ikke_behandlet'])})", ""]
    if data["ikke_behandlet"]:
        out += ["| Id | Fra | Punkt | Type | Kommentar |", "|---|---|---|---|---|"]
        for c in data["ikke_behandlet"]:
            place = str(c.get("punkt", "")) + (f" {c['krav']}" if c.get("krav") else "")
            out.append(f"| {m(c.get('id', ''))} | {m(c.get('fra', ''))} | {m(place)} | {m(c.get('type', ''))} | "
                       f"{m(c.get('kommentar', ''))} |")
    else:
        out.append("Alle kommentarene er behandlet.")
    return "\n".join(out) + "\n"


def format_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def observation(record: Record) -> str:
    """The committee's disposition as the observations column shows it."""
    handling = record.get("behandling")
    if not isinstance(handling, dict) or disposition(record) == UNHANDLED:
        return ""
    text = _disposition_name(disposition(record)).capitalize()
    if isinstance(handling.get("begrunnelse"), str):
        text += f": {handling['begrunnelse'].strip()}"
    if isinstance(handling.get("dato"), str):
        text += f" ({format_date(handling['dato'])})"
    return text


def build_xlsx(outline: Outline, comments: list[Record]) -> bytes:
    """The commenting template filled in with every comment and the committee's dispositions."""
    titles = {ident: title for _, ident, title in outline.places() if ident}
    rows = []
    for r in comments:
        ident = r.get("krav") if isinstance(r.get("krav"), str) else None
        punkt = str(r.get("punkt") or "")
        rows.append([str(r.get("fra") or ""), r.get("linje") if isinstance(r.get("linje"), int) else "",
                     place_label(punkt, ident, titles.get(ident or "", "")), str(r.get("avsnitt") or ""),
                     str(r.get("type") or ""), str(r.get("kommentar") or ""), str(r.get("forslag") or ""),
                     observation(r)])
    return to_bytes(new_workbook(outline, rows, for_commenters=False))
