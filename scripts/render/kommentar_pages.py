"""Comment handling on the site: one «Kommentarbehandling» page per published draft that has
comments or is a consultation, and a «Kommentarer» section on each commented provision's page.

Counts per comment type, area and disposition come first, then every comment with the
committee's disposition; a comment without `behandling` is marked as not yet handled. Every
value from a record is escaped (render/text.py).
"""

from __future__ import annotations

from collections import Counter

from ..repository import Record
from ..vocabulary import COMMENT_TYPES, DISPOSITIONS, clause_order, format_date, format_number
from .common import area_link, front_matter, krav_link, rel, table
from .context import SiteContext
from .text import esc, esc_attr, esc_paragraphs, safe_id, slug
from .utgave_banner import draft_label

INDEX_URI = "kommentarer/index.md"
UNHANDLED = "ikke behandlet"
NO_AREA = "Uten område (generelt)"


def draft_uri(draft_id: str) -> str:
    return f"kommentarer/{slug(draft_id)}.md"


def comments_by_draft(ctx: SiteContext) -> dict[str, list[Record]]:
    """Comments per draft id, in id order; drafts without comments but in consultation too."""
    groups: dict[str, list[Record]] = {}
    for draft_id, draft in sorted(ctx.repo.utgaver.items()):
        if draft.text("stadium") == "høring" and safe_id(draft_id):
            groups[draft_id] = []
    for key, record in sorted(ctx.repo.kommentarer.items()):
        draft_id = key.split("/", 1)[0]
        if draft_id in ctx.repo.utgaver and safe_id(draft_id):
            groups.setdefault(draft_id, []).append(record)
    return groups


def comments_on(ctx: SiteContext) -> dict[str, list[Record]]:
    """Comments per requirement id (field `krav`), across drafts."""
    found: dict[str, list[Record]] = {}
    for key in sorted(ctx.repo.kommentarer):
        record = ctx.repo.kommentarer[key]
        target = record.text("krav")
        if target:
            found.setdefault(target, []).append(record)
    return found


def _disposition(record: Record) -> str | None:
    block = record.get("behandling")
    value = block.get("vedtak") if isinstance(block, dict) else None
    return value if isinstance(value, str) else None


def _area_of(ctx: SiteContext, record: Record) -> str | None:
    """The area a comment concerns: its provision's area, else the clause number's area."""
    provision = ctx.repo.krav.get(record.text("krav") or "")
    if provision is not None and provision.text("område") in ctx.area_by_id:
        return provision.text("område")
    head = (record.text("punkt") or "").split(".", 1)[0]
    for area in ctx.areas:
        if head == str(area.clause):
            return area.id
    return None


def _count_table(title: str, counts: Counter, names: dict[str, str]) -> str:
    rows = [[esc(names.get(key, key)), format_number(n)] for key, n in counts.items()]
    return table([title, "Antall"], rows) if rows else ""


def render_draft_comments(ctx: SiteContext, draft_id: str, comments: list[Record]) -> str:
    """The «Kommentarbehandling» page of one draft."""
    uri = draft_uri(draft_id)
    draft = ctx.repo.utgaver[draft_id]
    label = draft_label(draft)
    out = [front_matter(f"Kommentarbehandling – {label}"), f"# Kommentarbehandling: {esc(label)}\n"]
    hearing = draft.get("høring")
    if isinstance(hearing, dict) and hearing.get("start") and hearing.get("frist"):
        out.append(f"Høringsperiode: {esc(format_date(hearing.get('start')))} – "
                   f"{esc(format_date(hearing.get('frist')))}.\n")
    handled = [c for c in comments if _disposition(c)]
    out.append(f"{format_number(len(comments))} kommentarer er mottatt; {format_number(len(handled))} er behandlet "
               f"og {format_number(len(comments) - len(handled))} er ikke behandlet ennå.\n")
    if not comments:
        return "\n".join(out)

    types = Counter(c.text("type") or "ukjent" for c in comments)
    out.append("## Per type\n")
    out.append(_count_table("Type", Counter({k: types[k] for k in [*COMMENT_TYPES, *sorted(types)] if k in types}),
                            COMMENT_TYPES))
    areas = Counter(_area_of(ctx, c) for c in comments)
    out.append("## Per område\n")
    rows = []
    for area in ctx.areas:
        if areas.get(area.id):
            rows.append([area_link(ctx, uri, area.id), format_number(areas[area.id])])
    if areas.get(None):
        rows.append([NO_AREA, format_number(areas[None])])
    out.append(table(["Område", "Antall"], rows))
    decided = Counter(_disposition(c) or UNHANDLED for c in comments)
    out.append("## Per vedtak\n")
    order = [*DISPOSITIONS, UNHANDLED, *sorted(k for k in decided if k not in DISPOSITIONS and k != UNHANDLED)]
    out.append(_count_table("Vedtak", Counter({k: decided[k] for k in order if k in decided}),
                            {**DISPOSITIONS, UNHANDLED: "Ikke behandlet"}))

    out.append("## Kommentarene\n")
    out.append("I dokumentets rekkefølge: generelle kommentarer og forord først, så punkt for punkt.\n")
    for record in sorted(comments, key=lambda c: (clause_order(c.get("punkt")), c.id or c.stem)):
        out.append(_comment_block(ctx, uri, record, heading="###"))
    return "\n".join(out)


def _comment_block(ctx: SiteContext, uri: str, record: Record, heading: str, show_draft: bool = False) -> str:
    ident = record.id or record.stem
    anchor = safe_id(ident)
    kind = record.text("type")
    facts = [f"fra {esc(record.get('fra'))}", f"punkt {_clause_link(ctx, uri, record)}"]
    if record.get("linje") is not None:
        facts.append(f"linje {esc(record.get('linje'))}")
    facts.append(esc(COMMENT_TYPES.get(kind or "", kind)))
    if show_draft:
        draft = ctx.repo.utgaver.get(record.text("utgave") or "")
        name = esc(draft_label(draft)) if draft is not None else esc(record.get("utgave"))
        target = draft_uri(draft.id) if draft is not None and safe_id(draft.id) else None
        facts.append(f"[{name}]({rel(uri, target)}#{anchor})" if target and anchor else name)
    if record.text("krav"):
        facts.append("gjelder " + krav_link(ctx, uri, record.get("krav"), with_title=False))
    lines = [f"{heading} {esc(ident)}" + (f" {{#{anchor}}}" if anchor and not show_draft else ""), "",
             " · ".join(facts), "", esc_paragraphs(record.get("kommentar")), ""]
    if record.get("forslag") is not None:
        lines += ["*Foreslått endring:* " + esc_paragraphs(record.get("forslag")), ""]
    decision = _disposition(record)
    block = record.get("behandling")
    if decision is None:
        lines += ['<span class="krav-merke krav-ubehandlet">Ikke behandlet</span>', ""]
    else:
        when = f" ({esc(format_date(block.get('dato')))})" if block.get("dato") else ""
        lines += [f"**Vedtak: {esc(DISPOSITIONS.get(decision, decision))}**{when}. "
                  + esc_paragraphs(block.get("begrunnelse")), ""]
    return "\n".join(lines)


def _clause_link(ctx: SiteContext, uri: str, record: Record) -> str:
    """The clause a comment points at, linked to its area's page when it is a clause of one."""
    value = record.text("punkt")
    head = (value or "").split(".", 1)[0]
    for area in ctx.areas:
        if value and head == str(area.clause):
            return f"[{esc(value)}]({rel(uri, area.uri)})"
    return esc(record.get("punkt"))


def render_provision_comments(ctx: SiteContext, krav_id: str, comments: list[Record]) -> str:
    """The «Kommentarer» section appended to a provision's page."""
    uri = ctx.krav_uri[krav_id]
    out = ["", "## Kommentarer fra høring\n"]
    for record in comments:
        out.append(_comment_block(ctx, uri, record, heading="###", show_draft=True))
    return "\n".join(out)


def render_index(ctx: SiteContext, groups: dict[str, list[Record]]) -> str:
    out = [front_matter("Kommentarbehandling"), "# Kommentarbehandling\n",
           "Kommentarene som er mottatt på de publiserte utkastene, og komiteens behandling av dem.\n"]
    for draft_id, comments in groups.items():
        open_count = sum(1 for c in comments if not _disposition(c))
        label = esc(draft_label(ctx.repo.utgaver[draft_id]))
        out.append(f"- [{label}]({rel(INDEX_URI, draft_uri(draft_id))}): {format_number(len(comments))} kommentarer, "
                   f"{format_number(open_count)} ikke behandlet")
    return "\n".join(out) + "\n"


def add_pages(ctx: SiteContext, pages: dict[str, str]) -> None:
    """Add the comment pages, and the comment sections of provision pages, to `pages`."""
    for krav_id, comments in comments_on(ctx).items():
        if krav_id in ctx.krav_uri and ctx.krav_uri[krav_id] in pages:
            pages[ctx.krav_uri[krav_id]] += render_provision_comments(ctx, krav_id, comments)
    groups = comments_by_draft(ctx)
    if groups:
        pages[INDEX_URI] = render_index(ctx, groups)
    for draft_id, comments in groups.items():
        pages[draft_uri(draft_id)] = render_draft_comments(ctx, draft_id, comments)


def menu(ctx: SiteContext) -> list:
    """The «Kommentarbehandling» menu entry (none while no draft has comments or a consultation)."""
    groups = comments_by_draft(ctx)
    if not groups:
        return []
    entries: list = [{"Oversikt": INDEX_URI}]
    entries += [{esc_attr(draft_label(ctx.repo.utgaver[d])): draft_uri(d)} for d in groups]
    return [{"Kommentarbehandling": entries}]
