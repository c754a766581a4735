"""Conflicts: requirements that cannot all hold, relations that contradict, sources out of force.

Parameter conflicts are found without comparing all pairs. For each parameter every active
requirement's bounds become one closed interval [lo, hi] (min / maks / lik, intersected when
a requirement gives several). Two intervals clash exactly when lo_a > hi_b or lo_b > hi_a.
For each requirement we look up the other requirement with the lowest upper bound and the one
with the highest lower bound (the tightest opposing bounds): if it clashes with anything, it
clashes with one of those two. So each requirement in a conflict is reported with its tightest
partner, in O(n log n) per parameter, and the report stays short even when one outlier clashes
with hundreds of others. Pairs of two `krav` are errors; pairs with an `anbefaling` are
warnings (computed separately, so a warning can never hide an error); `tillatelse` sets no
obligation and is left out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Iterable, Iterator, NamedTuple

from ..findings import Finding, make
from ..repository import Record
from ..vocabulary import format_number
from .model import Context, citations, number, parse_date, relations
from .rules import rule

INF = math.inf


class Interval(NamedTuple):
    ident: str
    lo: float
    hi: float


def clashes(a: Interval, b: Interval) -> bool:
    return a.lo > b.hi or b.lo > a.hi


def tightest_pairs(intervals: Iterable[Interval]) -> set[tuple[str, str]]:
    """Pairs (sorted ids) of clashing intervals: each clashing interval with its tightest partner.

    Every interval that clashes with some other appears in at least one returned pair, and
    every returned pair clashes. Intervals must be non-empty (lo <= hi).
    """
    items = list(intervals)
    if len(items) < 2:
        return set()
    # Two lowest upper bounds and two highest lower bounds, ties broken by id for stable output.
    by_hi = sorted(items, key=lambda i: (i.hi, i.ident))[:2]
    by_lo = sorted(items, key=lambda i: (-i.lo, i.ident))[:2]
    pairs: set[tuple[str, str]] = set()
    for item in items:
        low_partner = by_hi[1] if by_hi[0].ident == item.ident else by_hi[0]
        high_partner = by_lo[1] if by_lo[0].ident == item.ident else by_lo[0]
        for partner in (low_partner, high_partner):
            if clashes(item, partner):
                pairs.add(tuple(sorted((item.ident, partner.ident))))
    return pairs


def requirement_intervals(record: Record) -> dict[str, tuple[float, float, int]]:
    """Per parameter name: (lo, hi, index of the first item naming it) for one requirement."""
    out: dict[str, tuple[float, float, int]] = {}
    for index, item in record.mappings("parametere"):
        name = item.get("navn")
        if not isinstance(name, str):
            continue
        lo, hi, first = out.get(name, (-INF, INF, index))
        low, high, equal = number(item.get("min")), number(item.get("maks")), number(item.get("lik"))
        if low is not None:
            lo = max(lo, low)
        if high is not None:
            hi = min(hi, high)
        if equal is not None:
            lo, hi = max(lo, equal), min(hi, equal)
        out[name] = (lo, hi, first)
    return out


def _fmt(value: float) -> str:
    return format_number(value)


def describe(lo: float, hi: float, unit: str | None) -> str:
    suffix = f" (enhet: {unit})" if unit else ""
    if lo == hi:
        return f"nøyaktig {_fmt(lo)}{suffix}"
    if lo > -INF and hi < INF:
        if lo > hi:
            return f"minst {_fmt(lo)} og høyst {_fmt(hi)}{suffix}"
        return f"mellom {_fmt(lo)} og {_fmt(hi)}{suffix}"
    if lo > -INF:
        return f"minst {_fmt(lo)}{suffix}"
    return f"høyst {_fmt(hi)}{suffix}"


@rule("analyse-parameter-motstrid", "analyse-parameter-motstrid-anbefaling")
def find_parameter_conflicts(ctx: Context) -> Iterator[Finding]:
    """Two active requirements (krav or anbefaling, in any areas) do not set bounds for the same
    parameter that cannot both hold. (Bounds inside one requirement that no value can meet are
    `krav sjekk`'s krav-parameter-min-over-maks; such a requirement is left out here.)"""
    per_parameter: dict[str, dict[str, Interval]] = defaultdict(dict)
    where: dict[tuple[str, str], int] = {}
    for ident, record in ctx.active.items():
        kind = record.get("type")
        if kind not in ("krav", "anbefaling"):
            continue
        for name, (lo, hi, index) in requirement_intervals(record).items():
            unit = ctx.repo.parameters.get(name, {}).get("enhet")
            if lo > hi:
                continue
            per_parameter[name][ident] = Interval(ident, lo, hi)
            where[(ident, name)] = index
    for name in sorted(per_parameter):
        intervals = per_parameter[name]
        unit = ctx.repo.parameters.get(name, {}).get("enhet")
        strict = [i for i in intervals.values() if ctx.active[i.ident].get("type") == "krav"]
        reported = []
        for a, b in sorted(tightest_pairs(strict)):
            reported.append(("analyse-parameter-motstrid", a, b))
        for a, b in sorted(tightest_pairs(intervals.values())):
            if "anbefaling" in (ctx.active[a].get("type"), ctx.active[b].get("type")):
                reported.append(("analyse-parameter-motstrid-anbefaling", a, b))
        for rule_id, a, b in reported:
            first, other = intervals[a], intervals[b]
            yield make(rule_id, ctx.active[a].file, path=("parametere", where[(a, name)], "navn"), ids=[a, b],
                       id=a, annen=b, parameter=name, grense=describe(first.lo, first.hi, unit),
                       annen_grense=describe(other.lo, other.hi, unit), annen_fil=ctx.active[b].file)


@rule("analyse-konflikt-uloest")
def find_open_conflicts(ctx: Context) -> Iterator[Finding]:
    """A `konflikt_med` relation between two active requirements is an unresolved conflict."""
    for ident, record in ctx.active.items():
        for index, kind, target in relations(record):
            if kind == "konflikt_med" and target in ctx.active:
                yield make("analyse-konflikt-uloest", record.file, path=("relasjoner", index, "krav"),
                           ids=[ident, target], id=ident, annen=target)


@rule("analyse-erstatter-aktiv")
def find_replaced_but_active(ctx: Context) -> Iterator[Finding]:
    """A requirement replaced (`erstatter`) by an active requirement has status `trukket`."""
    for ident, record in ctx.active.items():
        for index, kind, target in relations(record):
            if kind == "erstatter" and target in ctx.active:
                yield make("analyse-erstatter-aktiv", record.file, path=("relasjoner", index, "krav"),
                           ids=[ident, target], id=ident, annen=target, status=ctx.active[target].get("status"))


@rule("analyse-syklus")
def find_cycles(ctx: Context) -> Iterator[Finding]:
    """Relations of type `avhenger_av` and of type `erstatter` never form a cycle (all statuses)."""
    by_kind: dict[str, dict[str, list[tuple[str, int]]]] = {"avhenger_av": {}, "erstatter": {}}
    for ident, record in ctx.repo.krav.items():
        for index, kind, target in relations(record):
            if kind in by_kind and target in ctx.repo.krav:
                by_kind[kind].setdefault(ident, []).append((target, index))
    for kind, edges in by_kind.items():
        for cycle in _one_cycle_per_component(edges):
            start = cycle[0]
            index = next(i for t, i in edges[start] if t == cycle[1])
            yield make("analyse-syklus", ctx.repo.krav[start].file, path=("relasjoner", index, "krav"),
                       ids=cycle, relasjon=kind, ring=" → ".join([*cycle, start]))


def _one_cycle_per_component(edges: dict[str, list[tuple[str, int]]]) -> list[list[str]]:
    """One cycle (rotated to start at its smallest id) for each strongly connected component
    with more than one requirement. Plain Python (iterative Tarjan), so the everyday analysis
    never imports networkx."""
    successors = {u: sorted({v for v, _ in targets}) for u, targets in edges.items()}
    cycles = []
    for component in _strong_components(successors):
        if len(component) > 1:
            cycles.append(_cycle_within(successors, component))
    return sorted(cycles)


def _strong_components(successors: dict[str, list[str]]) -> list[set[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components = []
    for root in sorted(successors):
        if root in index:
            continue
        work = [(root, iter(successors.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _cycle_within(successors: dict[str, list[str]], component: set[str]) -> list[str]:
    """A shortest cycle through the component's smallest id (breadth-first back to it)."""
    start = min(component)
    parents: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for child in successors.get(node, ()):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(parents[path[-1]])
                return path[::-1]
            if child in component and child not in parents:
                parents[child] = node
                queue.append(child)
    return [start]  # unreachable: every member of a component lies on a cycle


@rule("analyse-kilde-opphevet", "analyse-kilde-ikke-i-kraft")
def find_sources_out_of_force(ctx: Context) -> Iterator[Finding]:
    """An active requirement cites only sources in force on the analysis date: none repealed
    (`gyldig_til` before the date) and none not yet in force (`gyldig_fra` after it)."""
    from .replaced import replaced_sources

    for ident, record in ctx.active.items():
        if replaced_sources(ctx, record) is not None:
            continue  # analyse-kilde-erstattet reports it, naming the successor
        for index, source_id in citations(record):
            source = ctx.repo.lovhjemler.get(source_id)
            if source is None:
                continue
            start, end = parse_date(source.get("gyldig_fra")), parse_date(source.get("gyldig_til"))
            if end is not None and end < ctx.dato:
                yield make("analyse-kilde-opphevet", record.file, path=("lovhjemler", index),
                           ids=[ident, source_id], kilde=source_id, til=end.isoformat(), dato=ctx.dato.isoformat())
            elif start is not None and start > ctx.dato:
                yield make("analyse-kilde-ikke-i-kraft", record.file, path=("lovhjemler", index),
                           ids=[ident, source_id], kilde=source_id, fra=start.isoformat(), dato=ctx.dato.isoformat())
