"""Shared reading of the repository for the analyses: which records count, and typed views.

A requirement is *active* (gjeldende) when its status is `forslag` or `vedtatt`: only a
withdrawn (`trukket`) requirement is out of the standard. Analyses read records through these
tolerant helpers, so a record the schema rejected never raises here (`krav sjekk` reports it).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from typing import Iterator

from ..repository import Record, Repository
from ..vocabulary import BINDING_KINDS, RELATION_TYPES, is_in_force, parse_date  # noqa: F401

BINDING_TYPES = BINDING_KINDS


def is_active(record: Record) -> bool:
    """Whether a requirement counts in the analyses: the one definition of «gjeldende»."""
    return is_in_force(record)


def in_force(source: Record, dato: datetime.date) -> bool:
    """Whether the source applies on `dato` (the one definition: vocabulary.source_in_force)."""
    from ..vocabulary import source_in_force

    return source_in_force(source, dato)


def is_binding(source: Record) -> bool:
    return source.get("type") in BINDING_TYPES


def relations(record: Record) -> Iterator[tuple[int, str, str]]:
    """(index, type, target id) for each well-formed relation of a requirement."""
    for index, relation in record.mappings("relasjoner"):
        kind, target = relation.get("type"), relation.get("krav")
        if kind in RELATION_TYPES and isinstance(target, str) and target != record.id:
            yield index, kind, target


def citations(record: Record) -> Iterator[tuple[int, str]]:
    """(index, source id) for each text entry of a requirement's `lovhjemler`."""
    for index, ref in enumerate(record.items("lovhjemler")):
        if isinstance(ref, str):
            yield index, ref


def number(value: object) -> float | int | None:
    """A bound as a finite number; booleans (which Python counts as ints), text and the
    infinity a huge literal such as 1e400 turns into are not bounds."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return value


@dataclass
class Context:
    """What every analysis rule gets: the repository, the date and the active requirements."""

    repo: Repository
    dato: datetime.date
    active: dict[str, Record] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.active = {ident: r for ident, r in sorted(self.repo.krav.items()) if is_active(r)}


    def mandate_index(self, section: str, ident: str) -> int | None:
        """Position of an area or objective in mandat.yaml, for locating findings there."""
        if self.repo.mandat is None:
            return None
        for index, item in self.repo.mandat.mappings(section):
            if item.get("id") == ident:
                return index
        return None
