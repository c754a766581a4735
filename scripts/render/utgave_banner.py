"""Which draft a built site is, said on every page and in print.

A published draft reads «prNS xxxx:2027 – høringsutkast, frist 1. april 2027 (utgave hoering-1,
publisert 25. januar 2027)»; the living draft reads «Arbeidsutkast, ikke sendt på høring,
versjon <git describe>, <date of the last commit>». A commit hash never stands alone.

The draft being built is the one named by KRAV_UTGAVE (set by the deploy script,
scripts/nettsted_utgave.py), else the draft whose tag is on the checked-out commit, else the
living draft (KRAV_UTGAVE=utkast forces the living draft). The MkDocs hook puts `banner_html` at the top of every page's content, so it is
part of the page (and of its print) rather than of the theme's chrome.
"""

from __future__ import annotations

import html
import os

from .. import gitinfo
from ..repository import Record
from ..vocabulary import LIVING_DRAFT, LIVING_VERSION, STAGE_NAMES, format_date
from .context import SiteContext

ENV = "KRAV_UTGAVE"


def current_draft(ctx: SiteContext) -> Record | None:
    """The published draft this build shows, or None for the living draft (cached on ctx)."""
    if hasattr(ctx, "_current_draft"):
        return ctx._current_draft  # type: ignore[attr-defined]
    found = None
    wanted = os.environ.get(ENV)
    if wanted:  # «utkast» (LIVING_VERSION) names the living draft
        found = ctx.repo.utgaver.get(wanted) if wanted != LIVING_VERSION else None
    elif ctx.repo.utgaver:
        for tag in gitinfo.tags_at_head(ctx.repo.root):
            if tag in ctx.repo.utgaver:
                found = ctx.repo.utgaver[tag]
                break
    ctx._current_draft = found  # type: ignore[attr-defined]
    return found


def draft_label(record: Record) -> str:
    """«prNS xxxx:2027 – høringsutkast, frist 1. april 2027» (plain text, not yet escaped)."""
    stage = record.text("stadium") or ""
    label = f"{record.text('betegnelse') or record.id} – {STAGE_NAMES.get(stage, stage)}"
    hearing = record.get("høring")
    if stage == "høring" and isinstance(hearing, dict) and hearing.get("frist"):
        label += f", frist {format_date(hearing.get('frist'))}"
    return label


def banner_text(ctx: SiteContext) -> str:
    draft = current_draft(ctx)
    if draft is not None:
        published = f", publisert {format_date(draft.get('dato'))}" if draft.get("dato") else ""
        return f"{draft_label(draft)} (utgave {draft.id}{published})"
    version = ctx.version.describe or "ukjent versjon"
    when = f", {format_date(ctx.version.date)}" if ctx.version.date else ""
    return f"{LIVING_DRAFT.capitalize()}, ikke sendt på høring, versjon {version}{when}"


def banner_html(ctx: SiteContext) -> str:
    """The banner as HTML; every value from a record or git is escaped."""
    draft = current_draft(ctx)
    stage = draft.text("stadium") if draft is not None else None
    kind = {"komitéutkast": "komiteutkast", "høring": "horing", "fastsatt": "fastsatt"}.get(stage or "", LIVING_DRAFT)
    return (f'<p class="krav-utgave krav-utgave-{kind}" role="note" aria-label="Utgave">'
            f"{html.escape(banner_text(ctx), quote=True)}</p>\n")


def front_notice(ctx: SiteContext) -> list[str]:
    """The admonition at the top of the front page's status: what kind of document this is."""
    from .text import esc

    draft = current_draft(ctx)
    if draft is None:
        version = ctx.version
        date = f", sist endret {esc(version.date)}" if version.date else ""
        return ['!!! warning "Utkast – ikke en fastsatt standard"',
                f"    Dette er et arbeidsutkast fra komiteen. Versjon **{esc(version.describe)}**{date}. "
                "Bestemmelsene kan bli endret, slått sammen eller trukket før standarden sendes på høring.", ""]
    stage = draft.text("stadium")
    published = f", publisert {esc(format_date(draft.get('dato')))}" if draft.get("dato") else ""
    lead = f"    Dette er **{esc(draft_label(draft))}** (utgave {esc(draft.id)}{published})."
    if stage == "fastsatt":
        return ['!!! info "Fastsatt standard"', lead, ""]
    hearing = draft.get("høring")
    if stage == "høring" and isinstance(hearing, dict) and hearing.get("frist"):
        lead += (f" Utkastet er på høring; kommentarer sendes innen {esc(format_date(hearing.get('frist')))}. "
                 "Bestemmelsene kan bli endret etter høringen.")
    else:
        lead += " Bestemmelsene kan bli endret før standarden fastsettes."
    return ['!!! warning "Utkast – ikke en fastsatt standard"', lead, ""]
