"""The site's «Endringer» page: what changed since the previous published draft.

The comparison is the shared change-report core (scripts/changes: the same classified diff
as `krav endringer` and the pull-request comment): the previous draft's records are read from
its git tag, the current state is the repository being published. For a published draft the
previous draft is the one published before it; for the living draft it is the latest one.
Every value from a record is escaped (render/text.py).
"""

from __future__ import annotations

from .. import gitinfo
from ..repository import Record
from ..vocabulary import format_date, format_number
from .common import front_matter, krav_link, table
from .context import SiteContext
from .text import esc
from .utgave_banner import current_draft, draft_label

URI = "endringer.md"
TITLE = "Endringer"


def published_drafts(ctx: SiteContext) -> list[Record]:
    """The drafts that have their tag, oldest first (by publication date, then id)."""
    drafts = [r for r in ctx.repo.utgaver.values() if r.id and gitinfo.tag_commit(ctx.repo.root, r.id)]
    return sorted(drafts, key=lambda r: (r.text("dato") or "", r.id or ""))


def previous_draft(ctx: SiteContext) -> Record | None:
    drafts = published_drafts(ctx)
    current = current_draft(ctx)
    if current is not None:
        drafts = [d for d in drafts if (d.text("dato") or "", d.id or "") < (current.text("dato") or "", current.id or "")]
    return drafts[-1] if drafts else None


def _label(record: Record) -> str:
    published = f", publisert {format_date(record.get('dato'))}" if record.get("dato") else ""
    return f"{esc(draft_label(record))} (utgave {esc(record.id)}{esc(published)})"


def _change_line(ctx: SiteContext, change) -> str:
    from ..changes.diff import CODES
    from ..changes.render import value_text, word_diff_text

    label = esc(CODES.get(change.code, change.code))
    if change.code == "tekst-omformulert" and change.detail.get("ord"):
        words = word_diff_text(change.detail["ord"], esc, lambda t: f"<del>{t}</del>", lambda t: f"<ins>{t}</ins>")
        return f"    - {label}: {words}"
    if change.old is None and change.new is None:
        return f"    - {label} ({esc(change.field)})"
    return f"    - {label} ({esc(change.field)}): {esc(value_text(change.old))} → {esc(value_text(change.new))}"


def render_changes(ctx: SiteContext) -> str:
    out = [front_matter(TITLE), f"# {TITLE}\n"]
    current = current_draft(ctx)
    this = f"utgaven {_label(current)}" if current is not None else "arbeidsutkastet"
    base = previous_draft(ctx)
    if base is None:
        if current is not None:
            out.append("Dette er den første publiserte utgaven; det finnes ingen tidligere utgave å sammenligne med.\n")
        else:
            out.append("Ingen utgave er publisert ennå, så det finnes ingen tidligere utgave å sammenligne "
                       "arbeidsutkastet med.\n")
        return "\n".join(out)
    try:
        from ..changes import compare, load_revision

        report = compare(load_revision(ctx.repo.root, f"refs/tags/{base.id}"), ctx.repo, findings=False,
                         base_name=base.id or "")
    except Exception as error:  # the page says what happened; the site still builds
        out.append(f"Endringene siden {_label(base)} kunne ikke beregnes ({esc(type(error).__name__)}).\n")
        return "\n".join(out)
    out.append(f"Hva som er endret i {this} siden {_label(base)}.\n")
    if not report.records:
        out.append("Ingen poster er endret.\n")
        return "\n".join(out)
    from ..changes.diff import ACTION_NAMES, ACTIONS, ADDED, CHANGED, DELETED, KINDS, WITHDRAWN_ACTION

    rows = []
    for kind, actions in report.counts().items():
        if any(actions.values()):
            rows.append([esc(KINDS[kind][1].capitalize()), *(format_number(actions[a]) for a in ACTIONS)])
    out.append(table(["", *(ACTION_NAMES[a] for a in ACTIONS)], rows))
    for action in ACTIONS:
        provisions = report.of("krav", action)
        if provisions:
            out.append(f"## {ACTION_NAMES[action]} bestemmelser\n")
            for change in provisions:
                if ctx.uri_of_krav(change.id):
                    name = krav_link(ctx, URI, change.id)
                else:
                    name = f"{esc(change.id)} {esc(change.title)}".strip()
                out.append(f"- {name}")
                out.extend(_change_line(ctx, c) for c in change.changes)
            out.append("")
    others = [r for r in report.records if r.kind != "krav"]
    if others:
        out.append("## Andre endringer\n")
        for change in others:
            title = f" {esc(change.title)}" if change.title else ""
            word = {ADDED: "ny", CHANGED: "endret", WITHDRAWN_ACTION: "trukket", DELETED: "slettet"}.get(change.action, "")
            out.append(f"- {esc(KINDS[change.kind][0].capitalize())} {esc(change.id)}{title}: {esc(word)}")
            out.extend(_change_line(ctx, c) for c in change.changes)
        out.append("")
    return "\n".join(out)
