"""Clause 3 «Termer og definisjoner», rendered from the records in termer/ (ISO style).

Each entry: its number (3.1, 3.2, …), the term in bold, the definition, an optional
«Merknad 1 til termen» and the source in brackets («[KILDE: …]»). Entries are sorted by term
in Norwegian alphabetical order (æ, ø, å after z).
"""

from __future__ import annotations

from ..repository import Record
from .common import front_matter, source_link
from .context import SiteContext
from .text import esc, esc_attr, esc_paragraphs, safe_id

TERMS_URI = "standard/termer-og-definisjoner.md"
_NORWEGIAN_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # the three characters after z


def term_key(record: Record) -> tuple:
    term = record.text("term") or record.id or record.stem
    return (term.lower().translate(_NORWEGIAN_ORDER), record.id or record.stem)


def terms_in_order(ctx: SiteContext) -> list[Record]:
    return sorted((r for r in ctx.repo.termer.values() if r.text("term") and r.text("definisjon")), key=term_key)


def _entry(ctx: SiteContext, number: str, record: Record) -> str:
    anchor = safe_id(record.id)
    # The menu shows «3.1 avvik», the page ISO's layout; braces would end the attribute list.
    label = esc_attr(f"{number} {record.text('term')}").replace("{", "&#123;").replace("}", "&#125;")
    attributes = (f"#{anchor} " if anchor else "") + f'data-toc-label="{label}"'
    lines = [f"### {number} {{{attributes}}}", "",
             f"**{esc(record.text('term'))}**", "", esc_paragraphs(record.get("definisjon")), ""]
    if record.text("merknad"):
        lines += [f"Merknad 1 til termen: {esc_paragraphs(record.get('merknad'))}", "{: .krav-merknad }", ""]
    source = record.text("kilde")
    if source:
        lines += [f"[KILDE: {source_link(ctx, TERMS_URI, source)}]", ""]
    return "\n".join(lines)


def render_terms(ctx: SiteContext) -> str:
    out = [front_matter("3 Termer og definisjoner"), "# 3 Termer og definisjoner\n"]
    terms = terms_in_order(ctx)
    if not terms:
        out.append("Ingen termer og definisjoner er oppført i dette dokumentet.\n")
        return "\n".join(out)
    out.append("I dette dokumentet gjelder følgende termer og definisjoner.\n")
    out.extend(_entry(ctx, f"3.{index}", record) for index, record in enumerate(terms, start=1))
    out.append("Dette punktet inneholder ingen krav.\n")
    return "\n".join(out)
