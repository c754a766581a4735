"""Provenance on the site: where and when each source was seen, what replaced it, and which
requirements rest on sources nobody has seen at the publisher (issue 10).

Pure functions of a SiteContext returning Markdown; every record value is escaped.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..repository import Record
from ..vocabulary import format_date, is_primary_verified, parse_date, successor_of, verifications
from .common import rel, source_link, table
from .context import SiteContext
from .text import esc, safe_url


def _site(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


def verification_lines(provision: Record) -> list[str]:
    """List items for a source page: each time the source was seen, or that nobody has."""
    seen = verifications(provision)
    if not seen:
        return ["- **Verifisert:** ingen har ennå registrert at de har sett kilden "
                '<span class="krav-merke krav-uverifisert">Ikke verifisert</span>']
    lines = []
    for item in seen:
        url = safe_url(item.get("url"))
        where = f"[{esc(_site(url))}]({url})" if url else esc(item.get("url"))
        date = parse_date(item.get("dato"))
        when = esc(format_date(date)) if date else esc(item.get("dato"))
        kind = "primærkilde" if item.get("primærkilde") is True else "kopi, ikke primærkilde"
        lines.append(f"- **Sett i kilden:** {where}, {when} ({kind})")
    if not is_primary_verified(provision):
        lines.append('- <span class="krav-merke krav-uverifisert">Ikke verifisert i primærkilde</span> '
                     "Kilden er bare sett i en kopi.")
    return lines


def successor_link(ctx: SiteContext, from_uri: str, successor: str) -> str:
    """Link to the successor: a source record's provision, or an instrument's page."""
    if successor in ctx.repo.lovhjemler:
        return source_link(ctx, from_uri, successor)
    for instrument in ctx.instruments:
        if instrument.key == successor:
            title = instrument.first.text("korttittel") or instrument.first.text("tittel") or successor
            return f"[{esc(title)} ({esc(successor)})]({rel(from_uri, instrument.uri)})"
    return f"«{esc(successor)}» (ikke registrert)"


def replacement_lines(ctx: SiteContext, from_uri: str, provision: Record) -> list[str]:
    successor = successor_of(provision)
    if successor is None:
        return []
    line = (f'- <span class="krav-merke krav-erstattet">Erstattet</span> **Erstattet av:** '
            f"{successor_link(ctx, from_uri, successor)}")
    if parse_date(provision.get("gyldig_til")) is None:
        line += " – siste dag kilden gjaldt er ikke oppgitt ennå."
    return [line]


def provenance_lines(ctx: SiteContext, from_uri: str, provision: Record) -> list[str]:
    """Everything a source page shows about provenance, as list items."""
    return replacement_lines(ctx, from_uri, provision) + verification_lines(provision)


def unverified_sources(ctx: SiteContext, record: Record) -> list[str]:
    """Ids of known sources a requirement cites that nobody has seen in a primary source."""
    out = []
    for ref in record.items("lovhjemler"):
        source = ctx.repo.lovhjemler.get(ref) if isinstance(ref, str) else None
        if source is not None and not is_primary_verified(source) and ref not in out:
            out.append(ref)
    return out


def unverified_note(ctx: SiteContext, from_uri: str, record: Record) -> str:
    """A warning box on a requirement page that rests on unverified sources ('' when none)."""
    missing = unverified_sources(ctx, record)
    if not missing:
        return ""
    links = ", ".join(source_link(ctx, from_uri, ref) for ref in missing)
    return ('!!! warning "Bygger på kilder som ikke er verifisert"\n'
            f"    Ingen har registrert at de har sett disse kildene hos utgiveren: {links}.\n")


def structure_section(ctx: SiteContext, uri: str) -> str:
    """Coverage against the instruments' structure, for the analysis page."""
    coverage: Any = getattr(ctx.analysis, "coverage", None)
    entries = coverage.get("instrumenter") if isinstance(coverage, dict) else None
    if not isinstance(entries, list) or not entries:
        return ""
    out = ["## Dekning per lov og forskrift {#dekning-lovverk}\n",
           "Paragrafene i hver lov og forskrift som er registrert i lovhjemler/ og merket relevante for "
           "et område, og hvilke av dem ingen gjeldende bestemmelse viser til. En lov uten registrerte "
           "paragrafer viser at registeret mangler dem, ikke at alt er dekket.\n"]
    rows = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        sections, used, unused = entry.get("paragrafer") or [], entry.get("brukte") or [], entry.get("ubrukte") or []
        share = entry.get("andel_brukt")
        shown = f"{len(used)} av {len(sections)}" + (f" ({round(share * 100)}\u00a0%)" if isinstance(share, (int, float)) else "")
        rows.append([esc(entry.get("navn")), esc(entry.get("instrument")),
                     shown if sections else "ingen registrert",
                     ", ".join(source_link(ctx, uri, s) for s in unused) or "–"])
    from .overview import scroll_region  # wide table: a keyboard-reachable scrolling box

    out.append(scroll_region(table(["Lov eller forskrift", "Instrument", "Paragrafer brukt", "Ikke brukt"], rows),
                             "Dekning per lov og forskrift"))
    return "\n".join(out)


def vague_words_section(ctx: SiteContext) -> str:
    """The committee's list of vague terms (mandat/vage-ord.yaml), for the rules page."""
    from ..check.wording import vague_terms

    terms = vague_terms(ctx.repo)
    if not terms:
        return ""
    rows = [[esc(item.get("ord")), esc(item.get("hvorfor")), esc(item.get("skriv_heller"))] for _, item in terms]
    return "\n".join(["", "## Vage ord {#vage-ord}\n",
                      "Regelen [tekst-vagt-ord](#tekst-vagt-ord) bruker komiteens liste i `mandat/vage-ord.yaml`. "
                      "En stjerne til slutt står for en hvilken som helst ordendelse.\n",
                      table(["Ord", "Hvorfor det er vagt", "Skriv heller"], rows)])
