"""Requirements resting on replaced sources: which successor they should cite instead.

A source with `erstattet_av` counts as no longer in force (`vocabulary.source_in_force`). An
active requirement whose every cited source is replaced and out of force on the analysis date
has no basis left; the finding names the successor so the author knows where to look.
"""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding, make
from ..messages import oppramsing
from ..repository import Record
from ..vocabulary import source_in_force, successor_of
from .model import Context, citations
from .rules import rule


def replaced_sources(ctx: Context, record: Record) -> list[tuple[str, str]] | None:
    """(source id, successor) for each cited source when ALL known cited sources are replaced
    and out of force on the analysis date; None otherwise (also when nothing known is cited)."""
    pairs = []
    for _, ref in citations(record):
        source = ctx.repo.lovhjemler.get(ref)
        if source is None:
            continue  # unknown ids are krav sjekk's finding
        successor = successor_of(source)
        if successor is None or source_in_force(source, ctx.dato):
            return None
        pairs.append((ref, successor))
    return pairs or None


def successor_name(ctx: Context, successor: str) -> str:
    """«FOR-2022-12-20-2358 (rettighetsforskriften)»: the successor with its short title when known."""
    record = ctx.repo.lovhjemler.get(successor)
    if record is None:
        record = next((r for r in ctx.repo.lovhjemler.values() if r.text("instrument") == successor), None)
    if record is None:
        return f"«{successor}»"
    title = record.text("korttittel") or record.text("tittel") or ""
    paragraf = record.text("paragraf") if record.id == successor else None
    label = " ".join(part for part in (title, paragraf) if part)
    return f"«{successor}» ({label})" if label else f"«{successor}»"


@rule("analyse-kilde-erstattet")
def find_requirements_on_replaced_sources(ctx: Context) -> Iterator[Finding]:
    """An active requirement does not rest only on sources that are replaced (`erstattet_av`) and
    no longer in force on the analysis date; the finding names the successor to cite."""
    for ident, record in ctx.active.items():
        pairs = replaced_sources(ctx, record)
        if pairs is None:
            continue
        successors = list(dict.fromkeys(successor for _, successor in pairs))
        yield make("analyse-kilde-erstattet", record.file, path=("lovhjemler",), ids=[ident, *successors],
                   kilder=oppramsing(ref for ref, _ in pairs),
                   etterfolgere=", ".join(successor_name(ctx, s) for s in successors))
