"""Labels, badges and links shared by the page renderers (all user-facing text is bokmål)."""

from __future__ import annotations

import json
import posixpath
from typing import Any

from ..findings import FEIL, Finding
from ..repository import Record
from .context import Area, SiteContext
from .text import esc, esc_attr, safe_id

# Names for the page renderers, all from the one vocabulary (scripts/vocabulary.py).
from ..vocabulary import BINDING_KINDS as BINDING  # noqa: E402,F401
from ..vocabulary import RELATION_IN, RELATION_OUT, REQUIREMENT_TYPES, STATUSES, VERB_OF  # noqa: E402,F401
from ..vocabulary import SOURCE_KIND_NAMES as SOURCE_TYPE_NAME  # noqa: E402,F401
from ..vocabulary import STATUS_NAMES as STATUS_NAME  # noqa: E402,F401
from ..vocabulary import VERIFICATION_NAMES as VERIFICATION_NAME  # noqa: E402,F401
from ..vocabulary import is_in_force

TYPE_FORM = VERB_OF
TYPE_NAME = {t.id: t.name for t in REQUIREMENT_TYPES.values()}
LEVEL_NAME = {"feil": "Feil", "advarsel": "Advarsel"}


def front_matter(title: str) -> str:
    """YAML front matter with the page title; HTML-escaped because the theme prints it raw."""
    return f"---\ntitle: {json.dumps(esc_attr(title), ensure_ascii=False)}\n---\n\n"


def rel(from_uri: str, to_uri: str) -> str:
    """Link target from one generated page to another (MkDocs checks and rewrites these)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def type_badge(kind: Any) -> str:
    if isinstance(kind, str) and kind in TYPE_FORM:
        return (f'<span class="krav-merke krav-type-{kind}" title="{TYPE_NAME[kind]}">'
                f'{TYPE_NAME[kind]} ({TYPE_FORM[kind]})</span>')
    return f'<span class="krav-merke krav-type-ukjent">Ukjent type «{esc_attr(kind)}»</span>'


def status_badge(status: Any) -> str:
    if isinstance(status, str) and status in STATUS_NAME:
        return f'<span class="krav-merke krav-status-{status}">{STATUS_NAME[status]}</span>'
    return f'<span class="krav-merke krav-status-ukjent">Ukjent status «{esc_attr(status)}»</span>'


def level_badge(level: str) -> str:
    return f'<span class="krav-merke krav-niva-{level if level in LEVEL_NAME else "ukjent"}">{LEVEL_NAME.get(level, esc_attr(level))}</span>'


def krav_label(record: Record) -> str:
    """«IK-001 Skriftlig internkontroll», escaped."""
    title = record.text("tittel")
    return f"{esc(record.id)} {esc(title)}" if title else esc(record.id)


def krav_link(ctx: SiteContext, from_uri: str, krav_id: Any, with_title: bool = True) -> str:
    """Link to a requirement's page, or its escaped id when it has none."""
    uri = ctx.uri_of_krav(krav_id)
    if uri is None:
        return f"{esc(krav_id)} (finnes ikke)"
    record = ctx.repo.krav[krav_id]
    label = krav_label(record) if with_title else esc(krav_id)
    if not is_in_force(record):
        label += " (trukket)"
    return f"[{label}]({rel(from_uri, uri)})"


def area_title(area: Area) -> str:
    return f"{area.clause} {esc(area.name)}"


def area_link(ctx: SiteContext, from_uri: str, area_id: Any) -> str:
    area = ctx.area_by_id.get(area_id) if isinstance(area_id, str) else None
    if area is None:
        return f"«{esc(area_id)}» (ukjent område)"
    return f"[{area_title(area)}]({rel(from_uri, area.uri)})"


def source_label(record: Record) -> str:
    """«barnevernsloven § 10-1» for a provision, the title for a whole document; escaped."""
    name = record.text("korttittel") or record.text("tittel") or record.id
    paragraf = record.text("paragraf")
    return esc(f"{name} {paragraf}" if paragraf else name)


def source_link(ctx: SiteContext, from_uri: str, source_id: Any) -> str:
    """Link to the provision on its instrument's page, or the escaped id when unknown."""
    instrument = ctx.instrument_of.get(source_id) if isinstance(source_id, str) else None
    if instrument is None:
        return f"«{esc(source_id)}» (ukjent lovhjemmel)"
    record = ctx.repo.lovhjemler[source_id]

    anchor = f"#{source_id}" if safe_id(source_id) else ""
    return f"[{source_label(record)}]({rel(from_uri, instrument.uri)}{anchor})"


def finding_line(finding: Finding, from_uri: str, show_file: bool = True) -> str:
    """One finding as a list item: level, rule (linked to the rule page), message, place."""
    place = ""
    if show_file and finding.file:
        where = finding.file + (f":{finding.line}" if finding.line else "")
        place = f" <small>({esc(where)})</small>"
    hint = f"<br>*{esc(finding.hint)}*" if finding.hint else ""
    rule = f"[{esc(finding.rule)}]({rel(from_uri, 'regler.md')}#{finding.rule})"
    return f"- {level_badge(finding.level)} {rule}: {esc(finding.message)}{place}{hint}"


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.level != FEIL, f.rule, f.sort_key()))


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
