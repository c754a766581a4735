"""Pictures drawn at build time as static SVG (no script, no library, no request).

* `coverage_heatmap`: the areas (rows) against the legal instruments (columns), each cell
  shaded by how many provisions of the area cite the instrument (on the analysis page);
* `relations_diagram`: one requirement with the requirements it depends on, replaces or
  refers to, those that point at it, and the sources it cites (on its page).

Each figure is inline SVG inside a <figure>, with role="img", a <title> and a <desc>, and a
caption that points to the table or list on the same page holding the same facts in text
(the text alternative). All text from records is made XML-safe (scripts.neutral.xml_text)
and then HTML-escaped: it is shown, never read as markup. The output has no blank lines, so
Markdown passes it through as one raw HTML block.
"""

from __future__ import annotations

import html
from typing import Any

from ..neutral import xml_text
from ..repository import Record
from ..vocabulary import BINDING_KINDS, RELATION_IN, RELATION_OUT, count
from .context import SiteContext, instrument_title
from .text import as_text

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
# Shades from light to dark indigo; text on the three darkest is white (contrast >= 4.5:1).
SHADES = ("#ffffff", "#e8eaf6", "#c5cae9", "#9fa8da", "#5c6bc0", "#3949ab", "#1a237e")
DARK_FROM = 4
SOURCE_EDGE = "bygger på"


def svg_text(value: Any) -> str:
    """Record text for an SVG text node or attribute: XML-safe, then escaped."""
    return html.escape(xml_text(" ".join(as_text(value).split())), quote=True)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _shade(value: int, top: int) -> tuple[str, str]:
    """(fill, text colour) for a count, on a scale up to the largest count."""
    if value <= 0 or top <= 0:
        return SHADES[0], "#424242"
    step = 1 + round(value / top * (len(SHADES) - 2))
    step = max(1, min(len(SHADES) - 1, step))
    return SHADES[step], "#ffffff" if step >= DARK_FROM else "#1a1a1a"


def _figure(svg: str, caption: str, css_class: str) -> str:
    # Focusable: on a phone the figure scrolls sideways, and keyboard users must reach it too.
    return f'<figure class="krav-figur {css_class}" tabindex="0" data-search-exclude>\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>\n'


def coverage_heatmap(ctx: SiteContext, citing) -> str:
    """The areas against the legal instruments as a heat map (empty string when nothing cites)."""
    cited = [i for i in ctx.instruments if citing(ctx, i)]
    if not cited or not ctx.areas:
        return ""
    binding = [i for i in cited if i.first.get("type") in BINDING_KINDS]
    others = [i for i in cited if i.first.get("type") not in BINDING_KINDS]
    columns = [instrument_title(i) for i in binding] + (["andre kilder"] if others else [])
    grid = []
    for area in ctx.areas:
        row = [len({r.id for r, _ in citing(ctx, i) if r.get("område") == area.id}) for i in binding]
        if others:
            row.append(len({r.id for i in others for r, _ in citing(ctx, i) if r.get("område") == area.id}))
        grid.append(row)
    top = max((v for row in grid for v in row), default=0)
    label_w, cell, head_h = 230, 44, 150
    width = label_w + cell * len(columns) + 20
    height = head_h + cell * len(ctx.areas) + 56
    title = "Dekning: områder og lovverk"
    total = sum(v for row in grid for v in row)
    desc = (f"Varmekart med {count(len(ctx.areas), 'område')} som rader og {len(columns)} kilder som kolonner. "
            f"Mørkere rute betyr flere bestemmelser i området som viser til kilden; største tall er {top}. "
            f"Til sammen {total} henvisninger. Tallene står også i tabellen under.")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'style="--krav-min-bredde: {min(width, 560)}px" role="img" aria-labelledby="varmekart-tittel varmekart-beskrivelse" class="krav-varmekart" '
             f'font-family="{FONT}" font-size="13">',
             f'<title id="varmekart-tittel">{title}</title>',
             f'<desc id="varmekart-beskrivelse">{svg_text(desc)}</desc>']
    for c, name in enumerate(columns):
        x = label_w + c * cell + cell / 2
        parts.append(f'<text x="{x:.0f}" y="{head_h - 8}" transform="rotate(-50 {x:.0f} {head_h - 8})" '
                     f'fill="#1a1a1a">{svg_text(_short(name, 24))}</text>')
    for r, area in enumerate(ctx.areas):
        y = head_h + r * cell
        parts.append(f'<text x="{label_w - 8}" y="{y + cell / 2 + 5:.0f}" text-anchor="end" fill="#1a1a1a">'
                     f'{svg_text(_short(f"{area.clause} {area.name}", 30))}</text>')
        for c, value in enumerate(grid[r]):
            fill, ink = _shade(value, top)
            x = label_w + c * cell
            parts.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" stroke="#9e9e9e"/>')
            parts.append(f'<text x="{x + cell / 2:.0f}" y="{y + cell / 2 + 5:.0f}" text-anchor="middle" '
                         f'fill="{ink}">{value if value else "·"}</text>')
    legend_y = head_h + cell * len(ctx.areas) + 22
    parts.append(f'<text x="{label_w}" y="{legend_y + 14}" fill="#1a1a1a">Færre</text>')
    for n, shade in enumerate(SHADES[1:]):
        parts.append(f'<rect x="{label_w + 48 + n * 22}" y="{legend_y}" width="20" height="20" fill="{shade}" stroke="#9e9e9e"/>')
    parts.append(f'<text x="{label_w + 56 + (len(SHADES) - 1) * 22}" y="{legend_y + 14}" fill="#1a1a1a">Flere</text>')
    parts.append("</svg>")
    caption = ("Varmekart over dekningen: hvor mange bestemmelser i hvert område som viser til hver lov og forskrift. "
               "De samme tallene står i tabellen under.")
    return _figure("\n".join(parts), caption, "krav-figur-varmekart")


def relations_diagram(ctx: SiteContext, record: Record) -> str:
    """This requirement in the middle; what points at it on the left; what it points at and
    the sources it cites on the right. Empty string when it has no relation and no source."""
    left: list[tuple[str, str]] = []  # (edge label, node label)
    right: list[tuple[str, str]] = []
    for _, relation in record.mappings("relasjoner"):
        kind, target = as_text(relation.get("type")), relation.get("krav")
        other = ctx.repo.krav.get(target) if isinstance(target, str) else None
        name = f"{as_text(target)} {other.text('tittel') or ''}".strip() if other else f"{as_text(target)} (finnes ikke)"
        right.append((RELATION_OUT.get(kind, kind).lower(), name))
    for kind, other in ctx.incoming.get(record.id, []):
        label = {"avhenger_av": "avhenger av dette", "erstatter": "erstatter dette",
                 "konflikt_med": "i konflikt med dette", "se_også": "viser hit"}.get(kind, kind)
        left.append((label, f"{other.id} {other.text('tittel') or ''}".strip()))
    for source in record.items("lovhjemler"):
        known = ctx.repo.lovhjemler.get(source) if isinstance(source, str) else None
        if known is not None:
            name = known.text("korttittel") or known.text("tittel") or source
            paragraf = known.text("paragraf")
            right.append((SOURCE_EDGE, f"{name} {paragraf}" if paragraf else name))
        else:
            right.append((SOURCE_EDGE, f"{as_text(source)} (ukjent kilde)"))
    if not left and not right:
        return ""
    node_w, node_h, gap, col_gap = 230, 34, 14, 150
    rows = max(len(left), len(right), 1)
    height = rows * (node_h + gap) + gap + 10
    has_left = bool(left)
    centre_x = (node_w + col_gap) if has_left else 10
    width = centre_x + node_w + col_gap + node_w + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'style="--krav-min-bredde: {min(width, 560)}px" role="img" aria-labelledby="relasjoner-tittel relasjoner-beskrivelse" class="krav-relasjonskart" '
             f'font-family="{FONT}" font-size="12">',
             f'<title id="relasjoner-tittel">{svg_text(f"Relasjoner for {record.id}")}</title>']
    described = [f"{record.id} {edge} {name}" for edge, name in right] + [f"{name} {edge}" for edge, name in left]
    parts.append(f'<desc id="relasjoner-beskrivelse">{svg_text("; ".join(described) + ".")}</desc>')
    parts.append('<defs><marker id="pil" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
                 'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#455a64"/></marker></defs>')
    centre_y = height / 2 - node_h / 2

    def node(x: float, y: float, text: str, main: bool = False, source: bool = False) -> str:
        fill, ink, stroke = ("#283593", "#ffffff", "#1a237e") if main else ("#ffffff", "#1a1a1a", "#78909c")
        if source:
            fill = "#eceff1"
        weight = ' font-weight="700"' if main else ""
        return (f'<rect x="{x:.0f}" y="{y:.0f}" width="{node_w}" height="{node_h}" rx="6" fill="{fill}" stroke="{stroke}"/>'
                f'<text x="{x + 10:.0f}" y="{y + node_h / 2 + 4:.0f}" fill="{ink}"'
                f'{weight}>{svg_text(_short(text, 31))}</text>')

    def column_y(index: int, total: int) -> float:
        span = total * (node_h + gap) - gap
        return (height - span) / 2 + index * (node_h + gap)

    # A label is written once for a run of edges of the same kind (ten «bygger på» say no more
    # than one); sources are drawn grey, requirements white.
    for i, (edge, name) in enumerate(right):
        y = column_y(i, len(right))
        x = centre_x + node_w + col_gap
        parts.append(f'<line x1="{centre_x + node_w}" y1="{centre_y + node_h / 2:.0f}" x2="{x}" y2="{y + node_h / 2:.0f}" '
                     f'stroke="#455a64" stroke-width="1.4" marker-end="url(#pil)"/>')
        if i == 0 or right[i - 1][0] != edge:
            parts.append(f'<text x="{x - 8}" y="{y + node_h / 2 - 5:.0f}" text-anchor="end" fill="#37474f" '
                         f'font-size="11">{svg_text(edge)}</text>')
        parts.append(node(x, y, name, source=edge == SOURCE_EDGE))
    for i, (edge, name) in enumerate(left):
        y = column_y(i, len(left))
        parts.append(f'<line x1="{10 + node_w}" y1="{y + node_h / 2:.0f}" x2="{centre_x}" y2="{centre_y + node_h / 2:.0f}" '
                     f'stroke="#455a64" stroke-width="1.4" marker-end="url(#pil)"/>')
        if i == 0 or left[i - 1][0] != edge:
            parts.append(f'<text x="{10 + node_w + 6}" y="{y + node_h / 2 - 5:.0f}" fill="#37474f" '
                         f'font-size="11">{svg_text(edge)}</text>')
        parts.append(node(10, y, name))
    parts.append(node(centre_x, centre_y, f"{record.id} {record.text('tittel') or ''}".strip(), main=True))
    parts.append("</svg>")
    caption = "Relasjonene som figur. Listen over og lovhjemlene lenger opp har de samme opplysningene som tekst, med lenker."
    return _figure("\n".join(parts), caption, "krav-figur-relasjoner")
