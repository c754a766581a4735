"""Gaps: parts of the mandate and of binding law that no active requirement covers yet.

Sources that no requirement cites at all are not findings (many are background material by
design); they are listed in the coverage summary under `ubrukte_kilder`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ..findings import Finding, make
from .model import Context, citations, in_force, is_binding
from .rules import rule


def _mandate_file(ctx: Context) -> str | None:
    return ctx.repo.mandat.file if ctx.repo.mandat is not None else None


@rule("analyse-omrade-tomt", "analyse-omrade-uten-krav")
def find_empty_areas(ctx: Context) -> Iterator[Finding]:
    """Every area in the mandate has at least one active requirement, and at least one of type `krav`."""
    types_by_area: dict[str, set] = defaultdict(set)
    for record in ctx.active.values():
        types_by_area[record.text("område")].add(record.text("type"))
    for area in ctx.repo.areas:
        index = ctx.mandate_index("områder", area)
        path = ("områder", index, "id") if index is not None else None
        if not types_by_area.get(area):
            yield make("analyse-omrade-tomt", _mandate_file(ctx), path=path, ids=[area], omrade=area)
        elif "krav" not in types_by_area[area]:
            yield make("analyse-omrade-uten-krav", _mandate_file(ctx), path=path, ids=[area], omrade=area)


@rule("analyse-mal-uten-krav")
def find_unserved_objectives(ctx: Context) -> Iterator[Finding]:
    """Every objective in the mandate is served (`mål`) by at least one active requirement."""
    served = {goal for record in ctx.active.values() for goal in record.items("mål") if isinstance(goal, str)}
    for goal, item in ctx.repo.objectives.items():
        if goal not in served:
            index = ctx.mandate_index("mål", goal)
            path = ("mål", index, "id") if index is not None else None
            text = item.get("tekst") if isinstance(item.get("tekst"), str) else ""
            yield make("analyse-mal-uten-krav", _mandate_file(ctx), path=path, ids=[goal], mal=goal,
                       tekst=" ".join(text.split()))


def cited_by_area(ctx: Context) -> dict[str, set[str]]:
    """Source ids cited by the active requirements of each area."""
    cited: dict[str, set[str]] = defaultdict(set)
    for record in ctx.active.values():
        area = record.text("område")
        for _, source in citations(record):
            cited[area].add(source)
    return cited


def relevant_binding_sources(ctx: Context) -> dict[str, list[str]]:
    """Per area: the binding sources in force on the analysis date marked relevant to it."""
    out: dict[str, list[str]] = defaultdict(list)
    for ident, source in sorted(ctx.repo.lovhjemler.items()):
        if is_binding(source) and in_force(source, ctx.dato):
            for area in source.items("områder"):
                if isinstance(area, str) and area in ctx.repo.areas:
                    out[area].append(ident)
    return out


@rule("analyse-lovhjemmel-udekket")
def find_uncovered_law(ctx: Context) -> Iterator[Finding]:
    """A binding source (lov or forskrift, in force on the analysis date) marked relevant to an
    area is cited by at least one active requirement in that area."""
    cited = cited_by_area(ctx)
    for ident, source in sorted(ctx.repo.lovhjemler.items()):
        if not (is_binding(source) and in_force(source, ctx.dato)):
            continue
        for index, area in enumerate(source.items("områder")):
            if isinstance(area, str) and area in ctx.repo.areas and ident not in cited.get(area, ()):
                yield make("analyse-lovhjemmel-udekket", source.file, path=("områder", index),
                           ids=[ident, area], kilde=ident, omrade=area)
