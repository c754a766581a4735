"""How the standard numbers its clauses: the one definition the site and the exports share.

Clauses 1-3 are Omfang, Normative referanser and Termer og definisjoner; the mandate's areas
follow as clauses 4, 5, ... in the order the mandate lists them. Within an area the provisions
in force (not withdrawn) are numbered 4.1, 4.2, ... in id order (prefix, then the number).
A withdrawn provision keeps its id but has no clause number.
"""

from __future__ import annotations

from typing import Any

from .vocabulary import is_in_force

FIRST_AREA_CLAUSE = 4  # clauses 1-3 are Omfang, Normative referanser, Termer og definisjoner


def krav_sort_key(record: Any) -> tuple:
    """Id order: prefix, then the number as a number (IK-002 before IK-010)."""
    rid = getattr(record, "id", None) or ""
    prefix, _, number = rid.partition("-")
    return (prefix, int(number) if number.isdigit() else 0, rid)


def area_clauses(repo: Any) -> dict[str, int]:
    """Area id -> clause number, in the mandate's order."""
    return {area_id: number for number, area_id in enumerate(repo.areas, start=FIRST_AREA_CLAUSE)}


def clause_numbers(repo: Any, usable: Any = None) -> dict[str, str]:
    """Requirement id -> «4.2» for every provision in force in a known area.

    `usable(record)` may exclude records (the site skips those without a page-safe id).
    """
    clauses = area_clauses(repo)
    by_area: dict[str, list] = {area_id: [] for area_id in clauses}
    for record in sorted(repo.krav.values(), key=krav_sort_key):
        if record.data is None or (usable is not None and not usable(record)):
            continue
        area = record.text("område")
        if area in by_area and is_in_force(record):
            by_area[area].append(record)
    numbers: dict[str, str] = {}
    for area_id, records in by_area.items():
        for number, record in enumerate(records, start=1):
            numbers[record.id] = f"{clauses[area_id]}.{number}"
    return numbers
