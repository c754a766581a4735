"""Clause 2 «Normative referanser» and the informative «Bibliografi» (issue 10).

In ISO practice (ISO/IEC Directives Part 2, 15.5) only documents whose content becomes a
requirement of the standard are normative references; the laws and regulations the provisions
rest on apply whatever the standard says, so they are listed in the bibliography with the other
sources. Here a source of type `standard` cited by a provision in force is a normative
reference; every other source cited by a provision in force (or by a term) is in the
bibliography, laws and regulations first.
"""

from __future__ import annotations

from ..vocabulary import BINDING_KINDS, is_in_force
from .common import front_matter, rel
from .context import Instrument, SiteContext, instrument_full_title
from .text import esc

NORMATIVE_URI = "standard/normative-referanser.md"
BIBLIOGRAPHY_URI = "standard/bibliografi.md"
NORMATIVE_KIND = "standard"
NO_NORMATIVE = "Det er ingen normative referanser i dette dokumentet."


def _cited(ctx: SiteContext, instrument: Instrument) -> bool:
    """Whether a provision in force or a term cites any record of the instrument."""
    ids = {p.id for p in instrument.provisions}
    by_terms = any(t.text("kilde") in ids for t in ctx.repo.termer.values())
    return by_terms or any(is_in_force(r) for p in instrument.provisions for r in ctx.cited_by.get(p.id, []))


def _kind(instrument: Instrument) -> str | None:
    return instrument.first.text("type")


def _entry(ctx: SiteContext, uri: str, instrument: Instrument, number: int | None = None) -> str:
    from .lov_pages import instrument_url, provision_url

    title = esc(instrument_full_title(instrument))
    line = f"- {f'&#91;{number}&#93; ' if number else ''}[{title}]({rel(uri, instrument.uri)})"
    if instrument.first.text("instrument"):
        line += f", {esc(instrument.key)}"
    url = instrument_url(instrument) if _kind(instrument) in BINDING_KINDS else provision_url(instrument.first)
    if url:
        line += f" – [{'Lovdata' if 'lovdata.no' in url else 'kilden'}]({url})"
    return line


def _bibliography_instruments(ctx: SiteContext) -> list[Instrument]:
    return [i for i in ctx.instruments if _cited(ctx, i) and _kind(i) != NORMATIVE_KIND]


def render_normative(ctx: SiteContext) -> str:
    uri = NORMATIVE_URI
    out = [front_matter("2 Normative referanser"), "# 2 Normative referanser\n"]
    normative = [i for i in ctx.instruments if _cited(ctx, i) and _kind(i) == NORMATIVE_KIND]
    if not normative:
        out.append(NO_NORMATIVE + "\n")
    else:
        out.append("Følgende dokumenter er det vist til i teksten på en slik måte at noe av eller hele "
                   "innholdet utgjør krav i dette dokumentet.\n")
        out.extend(_entry(ctx, uri, i) for i in normative)
        out.append("")
    out.append(f"Lovene og forskriftene bestemmelsene bygger på, gjelder uavhengig av standarden og står i "
               f"[bibliografien]({rel(uri, BIBLIOGRAPHY_URI)}).\n")
    return "\n".join(out)


def render_bibliography(ctx: SiteContext) -> str:
    uri = BIBLIOGRAPHY_URI
    out = [front_matter("Bibliografi"), "# Bibliografi\n", "*Informativ.*\n",
           "Kildene bestemmelsene og termene i standarden viser til. Lover og forskrifter er bindende rett "
           "og gjelder uavhengig av standarden; de andre kildene er veiledning, forarbeider eller "
           "kunnskapsgrunnlag.\n"]
    instruments = _bibliography_instruments(ctx)
    if not instruments:
        out.append("*Ingen bestemmelser viser til kilder ennå.*\n")
        return "\n".join(out)
    number = 0
    for title, group in (("Lover og forskrifter", [i for i in instruments if _kind(i) in BINDING_KINDS]),
                         ("Andre kilder", [i for i in instruments if _kind(i) not in BINDING_KINDS])):
        if not group:
            continue
        out.append(f"## {title}\n")
        for instrument in group:
            number += 1
            out.append(_entry(ctx, uri, instrument, number))
        out.append("")
    return "\n".join(out)


