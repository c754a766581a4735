"""Mandate rules: areas, prefixes, objectives and parameters are unique; parameter limits make sense."""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding, make
from ..repository import Repository
from ..vocabulary import format_number, plural
from . import rule


def _duplicates(items: list[tuple[int, dict]], key: str) -> Iterator[tuple[int, str, int]]:
    """(index, value, index of first use) for every repeated text value of `key`."""
    seen: dict[str, int] = {}
    for index, item in items:
        value = item.get(key)
        if not isinstance(value, str):
            continue
        if value in seen:
            yield index, value, seen[value]
        else:
            seen[value] = index


@rule("mandat-omrade-unik", "mandat-prefiks-unik")
def check_areas_unique(repo: Repository) -> Iterator[Finding]:
    """Every area in the mandate has its own id and its own prefix."""
    if repo.mandat is None:
        return
    areas = repo.mandat.mappings("områder")
    for index, value, _ in _duplicates(areas, "id"):
        yield make("mandat-omrade-unik", repo.mandat.file, path=("områder", index, "id"), verdi=value)
    by_index = dict(areas)
    for index, value, first in _duplicates(areas, "prefiks"):
        if by_index[index].get("id") == by_index[first].get("id"):
            continue  # the same area written twice: reported once, as a duplicate area
        yield make("mandat-prefiks-unik", repo.mandat.file, path=("områder", index, "prefiks"), verdi=value,
                   forste=by_index[first].get("id"), omrade=by_index[index].get("id"))


@rule("mandat-mal-unik")
def check_objectives_unique(repo: Repository) -> Iterator[Finding]:
    """Every objective in the mandate has its own id."""
    if repo.mandat is None:
        return
    for index, value, _ in _duplicates(repo.mandat.mappings("mål"), "id"):
        yield make("mandat-mal-unik", repo.mandat.file, path=("mål", index, "id"), verdi=value)


@rule("parameter-unik")
def check_parameters_unique(repo: Repository) -> Iterator[Finding]:
    """Every parameter in mandat/parametere.yaml has its own name."""
    record = repo.parametere
    if record is None or not isinstance(record.data, list):
        return
    items = [(i, v) for i, v in enumerate(record.data) if isinstance(v, dict)]
    for index, value, _ in _duplicates(items, "navn"):
        yield make("parameter-unik", record.file, path=(index, "navn"), verdi=value)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _shown(value) -> str:
    return format_number(value)


@rule("krav-parameter-lik-og-grense", "krav-parameter-min-over-maks", "krav-parameter-uten-grense", per_record=True)
def check_parameter_limits(repo: Repository) -> Iterator[Finding]:
    """A parameter limit in a requirement is `lik` alone, or `min` and/or `maks` with min ≤ maks."""
    for record in repo.of_kind("krav"):
        for index, item in record.mappings("parametere"):
            name = item.get("navn") if isinstance(item.get("navn"), str) else f"parametere nr. {index + 1}"
            ids = [record.id or record.stem]
            given = [key for key in ("min", "maks", "lik") if key in item]
            if not given:
                yield make("krav-parameter-uten-grense", record.file, path=("parametere", index), ids=ids, navn=name)
            elif "lik" in item and len(given) > 1:
                others = " og ".join(f"«{key}»" for key in given if key != "lik")
                yield make("krav-parameter-lik-og-grense", record.file, path=("parametere", index, "lik"),
                           ids=ids, navn=name, grenser=others)
            elif _number(item.get("min")) and _number(item.get("maks")) and item["min"] > item["maks"]:
                yield make("krav-parameter-min-over-maks", record.file, path=("parametere", index, "min"),
                           ids=ids, navn=name, min=_shown(item["min"]), maks=_shown(item["maks"]))


@rule("mandat-folgefeil")
def check_mandate_readable(repo: Repository) -> Iterator[Finding]:
    """One line instead of a cascade: when the mandate exists but cannot be read, the rules that
    compare records with its areas, prefixes and objectives are skipped, and this says so."""
    if repo.mandat is not None and not repo.mandate_usable:
        count = len(repo.of_kind("krav"))
        yield make("mandat-folgefeil", None, None, None, antall=plural(count, "krav", "krav"))
