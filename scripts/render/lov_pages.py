"""The law seen from the institution's side: one page per legal instrument, and an index."""

from __future__ import annotations

import datetime
from typing import Any

from ..repository import Record
from .common import (BINDING, SOURCE_TYPE_NAME, area_title, front_matter, krav_link, rel, table)
from .context import Instrument, SiteContext, instrument_full_title, instrument_title
from .bidra import contribute_links
from .gjelder import FILTER_PLACEHOLDER
from .text import esc, esc_paragraphs, safe_id, safe_url, slug

try:
    from .. import lovdata as _lovdata
except ImportError:  # pragma: no cover - scripts/lovdata.py is part of the repository
    _lovdata = None


def provision_url(record: Record) -> str | None:
    """The address the site links to for a source (stored url, else Lovdata), if it is safe."""
    if _lovdata is None:
        return safe_url(record.get("url"))
    try:
        return safe_url(_lovdata.link(record.data))
    except Exception:  # a malformed record must not stop the site; krav sjekk reports it
        return None


def instrument_url(instrument: Instrument) -> str | None:
    """Lovdata's page for the whole instrument (derived from any one provision)."""
    if _lovdata is None:
        return None
    data = instrument.first.data
    if not isinstance(data, dict):
        return None
    whole = {k: v for k, v in data.items() if k != "paragraf"}
    try:
        return safe_url(_lovdata.lovdata_url(whole))
    except Exception:
        return None


def _date(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def is_repealed(record: Record, today: datetime.date) -> bool:
    """No longer in force (vocabulary.source_in_force), as opposed to not yet in force."""
    from ..vocabulary import source_in_force

    start = _date(record.get("gyldig_fra"))
    return not source_in_force(record, today) and not (start is not None and today < start)


def area_anchor(area_id: str) -> str:
    return f"omrade-{slug(area_id)}"


def citing(ctx: SiteContext, instrument: Instrument) -> list[tuple[Record, Record]]:
    """(requirement, provision) for every requirement citing a provision of the instrument."""
    pairs = []
    for provision in instrument.provisions:
        for record in ctx.cited_by.get(provision.id, []):
            pairs.append((record, provision))
    return pairs


def render_instrument_page(ctx: SiteContext, instrument: Instrument) -> str:
    uri = instrument.uri
    first = instrument.first
    kind = first.get("type")
    title = _capitalised(instrument_title(instrument))  # «barnevernsloven» in text, a capital as a title
    full = instrument_full_title(instrument)
    out = [front_matter(title), f"# {esc(title)}\n"]
    if full != title:
        out.append(f"**{esc(full)}**\n")
    binding = "bindende rett" if kind in BINDING else "ikke bindende (veiledning, forarbeid eller kunnskapsgrunnlag)"
    facts = [f"- **Type:** {esc(SOURCE_TYPE_NAME.get(first.text('type') or '', kind))} – {binding}"]
    if first.text("instrument"):
        facts.append(f"- **Identifikator:** {esc(instrument.key)}")
    whole = instrument_url(instrument)
    if whole:
        facts.append(f"- **Hele teksten:** [Lovdata]({whole})")
    out.append("\n".join(facts) + "\n")
    out.append("Sammendragene er våre egne; den autoritative teksten finnes på lenken til kilden.\n")

    out.append("## Bestemmelser\n")
    for provision in instrument.provisions:
        out.append(_provision(ctx, uri, provision))

    out.append("## Krav som bygger på kilden\n")
    out.append(FILTER_PLACEHOLDER)
    pairs = citing(ctx, instrument)
    if not pairs:
        out.append("Ingen krav viser til denne kilden ennå.\n")
    by_area: dict[Any, list[tuple[Record, Record]]] = {}
    for record, provision in pairs:
        by_area.setdefault(record.text("område"), []).append((record, provision))
    for area in ctx.areas:
        if area.id in by_area:
            out.append(f"### {area_title(area)} {{#{area_anchor(area.id)}}}\n")
            out.extend(_citing_line(ctx, uri, r, p) for r, p in by_area.pop(area.id))
            out.append("")
    if by_area:
        out.append("### Uten gyldig område\n")
        for items in by_area.values():
            out.extend(_citing_line(ctx, uri, r, p) for r, p in items)
        out.append("")
    return "\n".join(out)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _citing_line(ctx: SiteContext, uri: str, record: Record, provision: Record) -> str:
    where = esc(provision.text("paragraf") or "hele dokumentet")
    return f"- {krav_link(ctx, uri, record.id)} <small>({where})</small>"


def _provision(ctx: SiteContext, uri: str, provision: Record) -> str:
    anchor = safe_id(provision.id)
    paragraf = provision.text("paragraf")
    heading_text = _capitalised(paragraf) if paragraf else "Hele dokumentet"
    heading = provision.text("overskrift")
    lines = [f"### {esc(heading_text)}" + (f" {esc(heading)}" if heading else "") + (f" {{#{anchor}}}" if anchor else ""), ""]
    if is_repealed(provision, ctx.today):
        lines += ['<span class="krav-merke krav-opphevet">Opphevet</span>', ""]
    lines += [esc_paragraphs(provision.get("sammendrag")), ""]
    facts = [f"- **Id:** <code>{esc(provision.id)}</code> (skriv denne i «lovhjemler» i et krav)"]
    url = provision_url(provision)
    if url:
        facts.append(f"- **Kilde:** [{'Lovdata' if 'lovdata.no' in url else 'Åpne kilden'}]({url})")
    valid_from, valid_to = provision.get("gyldig_fra"), provision.get("gyldig_til")
    if valid_from or valid_to:
        span = f"fra {esc(valid_from)}" if valid_from else ""
        if valid_to:
            span += (" " if span else "") + f"til {esc(valid_to)}"
            if is_repealed(provision, ctx.today):
                span += " (opphevet)"
        facts.append(f"- **Gyldig:** {span}")
    if provision.get("kontrollert"):
        facts.append(f"- **Kontrollert mot kilden:** {esc(provision.get('kontrollert'))}")
    from .provenance import provenance_lines

    facts += provenance_lines(ctx, uri, provision)
    areas = [a for a in provision.items("områder")]
    if areas:
        names = [ctx.area_by_id[a].name if isinstance(a, str) and a in ctx.area_by_id else a for a in areas]
        facts.append(f"- **Relevant for områdene:** {esc(', '.join(str(n) for n in names))}")
    citing_records = ctx.cited_by.get(provision.id, [])
    facts.append("- **Krav som viser hit:** " + (", ".join(krav_link(ctx, uri, r.id, False) for r in citing_records) or "ingen"))
    lines += facts + [""]
    lines.append(contribute_links(ctx, "lovhjemmel", provision.id, provision.file))
    if provision.get("merknad"):  # research notes: the committee's, not the reader's
        lines += ['<details class="krav-komite" markdown="1" data-search-exclude>',
                  '<summary markdown="span">For komiteen: merknad om kilden</summary>', "",
                  esc_paragraphs(provision.get("merknad")), "", "</details>", ""]
    return "\n".join(lines)


def render_instrument_index(ctx: SiteContext) -> str:
    uri = "lov/index.md"
    out = [front_matter("Lovverket"), "# Lovverket og andre kilder\n",
           "Lover, forskrifter og andre kilder som kravene bygger på. Hver kilde har en egen side med "
           "bestemmelsene, vårt sammendrag, lenke til Lovdata og alle krav som viser til den.\n"]
    rows = []
    for instrument in ctx.instruments:
        kind = instrument.first.get("type")
        requirements = {r.id for r, _ in citing(ctx, instrument)}
        from ..vocabulary import is_primary_verified  # issue 10: how much of the source someone has seen

        seen = sum(is_primary_verified(p) for p in instrument.provisions)
        rows.append([f"[{esc(instrument_title(instrument))}]({rel(uri, instrument.uri)})",
                     esc(SOURCE_TYPE_NAME.get(instrument.first.text("type") or "", kind)),
                     esc(instrument.key if instrument.first.text("instrument") else "–"),
                     str(len(instrument.provisions)), str(len(requirements)),
                     f"{seen} av {len(instrument.provisions)}"])
    if rows:
        out.append(table(["Kilde", "Type", "Identifikator", "Bestemmelser", "Krav", "Verifisert i primærkilde"], rows))
    else:
        out.append("*Ingen kilder er registrert ennå.*\n")
    return "\n".join(out)
