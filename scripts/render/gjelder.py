"""«What applies to us» on the site: whom each requirement applies to (`gjelder_for`).

A requirement may name the owner types (eierform) and kinds of institution (institusjonstype)
it applies to, with values from the mandate; without `gjelder_for`, or without one of the two,
it applies to all. The site says so in words on each requirement page, and ships the same
facts as one small generated script (`javascripts/krav-gjelder.js`) that the filter
(docs/javascripts/gjelder.js) reads to show only what applies to the reader's choice.
"""

from __future__ import annotations

import json
from typing import Any

from ..applicability import applies as shared_applies, scope_of
from ..repository import Record
from ..vocabulary import join_names
from .text import esc, safe_id

DATA_URI = "javascripts/krav-gjelder.js"

# (field in gjelder_for, list in the mandate, label, what «all» reads as)
DIMENSIONS = (
    ("eierform", "eierformer", "Eierform", "alle eierformer"),
    ("institusjonstype", "institusjonstyper", "Institusjonstype", "alle typer institusjoner"),
)
FILTER_PLACEHOLDER = ('<div class="krav-filter" data-krav-filter hidden></div>\n')

def scope(record: Record) -> dict[str, list[str]]:
    """{field: allowed values} for the dimensions the record limits; {} = applies to all.

    The rule is the shared one (scripts/applicability.py); only values that are safe as data
    attributes and script data are passed on (the check reports the others)."""
    limited = {field: [v for v in values if safe_id(v)] for field, values in scope_of(record).items()}
    return {field: values for field, values in limited.items() if values}


def applies(record: Record, choice: dict[str, str | None]) -> bool:
    """Whether the record applies to an institution with this choice ({field: value or None})."""
    return shared_applies(record, choice)


def _options(ctx: Any, mandate_list: str) -> dict[str, str]:
    table = ctx.repo.owner_types if mandate_list == "eierformer" else ctx.repo.institution_types
    return {key: (item.get("navn") if isinstance(item.get("navn"), str) else key)
            for key, item in table.items() if safe_id(key)}


def applies_to_text(ctx: Any, record: Record) -> str:
    """«Alle institusjoner», or «Eierform: kommunal og privat» (escaped Markdown)."""
    limited = scope(record)
    if not limited:
        return "Alle institusjoner"
    parts = []
    for field, mandate_list, label, _ in DIMENSIONS:
        if field in limited:
            names = _options(ctx, mandate_list)
            parts.append(f"{label}: {esc(join_names(names.get(v, v).lower() for v in limited[field]))}")
    return "<br>".join(parts)


def filter_data(ctx: Any) -> dict:
    """What the browser filter needs: the choices (from the mandate) and each limited record."""
    dimensions = []
    for field, mandate_list, label, everyone in DIMENSIONS:
        options = _options(ctx, mandate_list)
        if options:
            dimensions.append({"felt": field, "navn": label, "alle": everyone,
                               "verdier": [{"id": k, "navn": v} for k, v in options.items()]})
    limited = {}
    for krav_id in ctx.krav_uri:
        record_scope = scope(ctx.repo.krav[krav_id])
        if record_scope:
            limited[krav_id] = record_scope
    return {"dimensjoner": dimensions, "krav": limited}


def render_data_script(ctx: Any) -> str:
    """The generated script: one JSON literal (ASCII only, so no text can end the script)."""
    payload = json.dumps(filter_data(ctx), ensure_ascii=True, sort_keys=True).replace("<", "\\u003c")
    return ("// Generated from the records at build time: whom each requirement applies to.\n"
            f"window.KRAV_GJELDER = {payload};\n")
