"""Format the coverage summary and the impact lists as text and Markdown (pure functions)."""

from __future__ import annotations

from ..messages import oppramsing
from ..neutral import markdown, markdown_code, visible
from ..vocabulary import type_name


def _cell(text: object) -> str:
    """Record text in a Markdown table cell: shown as text (scripts/neutral.py)."""
    return markdown(text or "")


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)} %"


def _cited(entry: dict) -> str:
    return f"{len(entry['siterte_bindende_kilder'])} av {len(entry['bindende_kilder'])}" if isinstance(
        entry["bindende_kilder"], list) else f"{entry['siterte_bindende_kilder']} av {entry['bindende_kilder']}"


def _line(entry: dict, sources: str = "bindende kilder brukt") -> str:
    types, statuses = entry["etter_type"], entry["etter_status"]
    return (f"{entry['antall']} gjeldende ({type_name('krav', types['krav'])}, "
            f"{type_name('anbefaling', types['anbefaling'])}, {type_name('tillatelse', types['tillatelse'])}); {statuses['forslag']} forslag, {statuses['vedtatt']} vedtatt, "
            f"{statuses['trukket']} trukket; {sources}: {_cited(entry)} ({_percent(entry['andel_sitert'])})")


def coverage_text(coverage: dict) -> str:
    lines = [f"Dekning per område (analysedato {coverage['dato']}):"]
    for area in coverage["områder"]:
        lines.append(f"  {visible(area['navn'])} ({visible(area['id'])}): {_line(area)}")
    # The total sums (area, source) pairs: a source relevant to three areas counts three times.
    lines.append(f"  Totalt: {_line(coverage['totalt'], 'par av område og bindende kilde brukt')}")
    if coverage["mål"]:
        lines.append("Mål: " + ", ".join(f"{visible(g['id'])} {g['antall']}" for g in coverage["mål"])
                     + " gjeldende bestemmelser.")
    unused = coverage["ubrukte_kilder"]
    lines.append(f"Kilder ingen gjeldende bestemmelse viser til ({len(unused)}): {visible(oppramsing(unused))}.")
    lines += structure_text(coverage.get("instrumenter", []))
    return "\n".join(lines) + "\n"


def _sections(entry: dict) -> str:
    if not entry["paragrafer"]:
        return "ingen paragrafer er registrert som relevante"
    text = (f"{len(entry['brukte'])} av {len(entry['paragrafer'])} relevante paragrafer brukt "
            f"({_percent(entry['andel_brukt'])})")
    return text + (f"; ikke brukt: {visible(oppramsing(entry['ubrukte'], 30))}" if entry["ubrukte"] else "")


def structure_text(instruments: list[dict]) -> list[str]:
    """Coverage against the instruments' structure: the sections of each law no provision uses."""
    if not instruments:
        return []
    lines = ["Dekning per lov og forskrift (paragrafer merket relevante i lovhjemler/):"]
    lines += [f"  {visible(entry['navn'])} ({visible(entry['instrument'])}): {_sections(entry)}." for entry in instruments]
    return lines


def structure_markdown(instruments: list[dict]) -> list[str]:
    if not instruments:
        return []
    out = ["", "### Dekning per lov og forskrift", "",
           "Paragrafer som er registrert i lovhjemler/ og merket relevante for et område, og hvilke av dem "
           "ingen gjeldende bestemmelse viser til.", "",
           "| Lov eller forskrift | Instrument | Relevante paragrafer | Brukt | Ikke brukt |", "|---|---|---:|---:|---|"]
    for entry in instruments:
        unused = oppramsing(entry["ubrukte"], 50) if entry["ubrukte"] else "–"
        out.append(f"| {_cell(entry['navn'])} | {_cell(entry['instrument'])} | {len(entry['paragrafer'])} "
                   f"| {len(entry['brukte'])} ({_percent(entry['andel_brukt'])}) | {_cell(unused)} |")
    return out


def coverage_markdown(coverage: dict) -> str:
    out = ["", f"### Dekning per område (analysedato {coverage['dato']})", "",
           "| Område | Gjeldende | Krav | Anbefalinger | Tillatelser | Forslag | Vedtatt | Trukket "
           "| Bindende kilder brukt |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for area in [*coverage["områder"], {**coverage["totalt"], "navn": None}]:
        types, statuses = area["etter_type"], area["etter_status"]
        name = "**Totalt**" if area["navn"] is None else _cell(area["navn"])
        out.append(f"| {name} | {area['antall']} | {types['krav']} | {types['anbefaling']} "
                   f"| {types['tillatelse']} | {statuses['forslag']} | {statuses['vedtatt']} "
                   f"| {statuses['trukket']} | {_cited(area)} ({_percent(area['andel_sitert'])}) |")
    unused = coverage["ubrukte_kilder"]
    out += ["", f"Kilder ingen gjeldende bestemmelse viser til ({len(unused)}): {_cell(oppramsing(unused, 50))}."]
    out += structure_markdown(coverage.get("instrumenter", []))
    return "\n".join(out) + "\n"


def _short(key: str) -> str:
    return key.split(":", 1)[1]


def affected_text(start: str, rows: list[dict]) -> str:
    lines = [f"Bestemmelser som bygger på «{visible(_short(start))}» ({start.split(':', 1)[0]}): {len(rows)}"]
    for row in rows:
        path = " → ".join(visible(_short(k)) for k in row["sti"])
        lines.append(f"  {visible(row['id'])} ({visible(row['status'])}): {path}")
    return "\n".join(lines) + "\n"


def affected_markdown(start: str, rows: list[dict]) -> str:
    out = [f"## Bestemmelser som bygger på «{_cell(_short(start))}»", "", f"{len(rows)} bestemmelser.", ""]
    if rows:
        out += ["| Krav | Status | Sti |", "|---|---|---|"]
        out += [f"| {markdown_code(row['id'])} | {_cell(row['status'])} | {_cell(' → '.join(_short(k) for k in row['sti']))} |"
                for row in rows]
    return "\n".join(out) + "\n"


def since_text(ref: str, sources: list[str], suspects: list[dict]) -> str:
    lines = [f"Lovhjemler endret siden «{visible(ref)}» ({len(sources)}): {visible(oppramsing(sources))}.",
             f"Gjeldende bestemmelser som viser til dem, men ikke er endret siden ({len(suspects)}):"]
    lines += [f"  {visible(row['id'])}: viser til {visible(oppramsing(row['kilder']))}" for row in suspects]
    if not suspects:
        lines.append("  (ingen)")
    return "\n".join(lines) + "\n"


def since_markdown(ref: str, sources: list[str], suspects: list[dict]) -> str:
    out = [f"## Bestemmelser å gjennomgå etter endringer i lovhjemler siden «{_cell(ref)}»", "",
           f"Endrede lovhjemler ({len(sources)}): {_cell(oppramsing(sources, 50))}.", ""]
    if suspects:
        out += ["| Krav | Viser til |", "|---|---|"]
        out += [f"| {markdown_code(row['id'])} | {_cell(oppramsing(row['kilder']))} |" for row in suspects]
    else:
        out.append("Ingen bestemmelser trenger gjennomgang.")
    return "\n".join(out) + "\n"
