"""Whom a provision applies to (`gjelder_for`), defined once for the CLI, the site and exports.

The rule, in one place:

* a provision without `gjelder_for` applies to every institution;
* a reader (or a form) chooses at most one value per dimension (eierform, institusjonstype);
* the provision applies when, for every dimension the reader chose AND the provision narrows,
  the chosen value is one of the provision's values. A dimension the reader did not choose
  never hides anything, and neither does a malformed `gjelder_for` (the check reports it; a
  typo never makes a provision silently disappear).

Also here, because every list of the standard needs it the same way: the clause numbers
(«4.2», as on the site: areas are clauses 4, 5, ... in mandate order, provisions in force are
numbered in id order within their area, withdrawn ones get none) and `provisions()`, the
provisions in force in clause order, optionally narrowed by area and by a selection.

    from scripts.applicability import applies_to, parse_selection, provisions, clause_numbers
    applies_to(record, eierform="kommunal", institusjonstype="akutt")   # -> bool
    selection = parse_selection("eierform=kommunal,institusjonstype=akutt", repo)  # or raises
    for number, record in provisions(repo, areas=["internkontroll"], selection=selection): ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .vocabulary import APPLICABILITY, is_in_force

FIRST_AREA_CLAUSE = 4  # clauses 1-3 are Omfang, Normative referanser, Termer og definisjoner
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")  # the site gives a page only to such ids


def _data(record: Any) -> Any:
    return getattr(record, "data", record)


def scope_of(record: Any) -> dict[str, tuple[str, ...]]:
    """The dimensions a provision is narrowed to: {"eierform": ("kommunal", "privat")}.

    Empty when the provision applies to all. Malformed parts (not a block of fields, not a list,
    no text values) are left out, so they never hide the provision."""
    data = _data(record)
    scope = data.get("gjelder_for") if isinstance(data, dict) else None
    if not isinstance(scope, dict):
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for name in APPLICABILITY:
        values = scope.get(name)
        if isinstance(values, list):
            texts = tuple(dict.fromkeys(v for v in values if isinstance(v, str)))
            if texts:
                out[name] = texts
    return out


def applies_to(record: Any, eierform: str | None = None, institusjonstype: str | None = None) -> bool:
    """Whether the provision applies to an institution of this owner type and kind.

    None (or "") for a dimension means «not chosen»: that dimension does not narrow."""
    return applies(record, {"eierform": eierform, "institusjonstype": institusjonstype})


def applies(record: Any, selection: Mapping[str, str | None] | None) -> bool:
    """`applies_to` with the choice as a mapping {dimension: value}, as `parse_selection` gives."""
    if not selection:
        return True
    scope = scope_of(record)
    for name, chosen in selection.items():
        if chosen and name in scope and chosen not in scope[name]:
            return False
    return True


# --- The reader's choice, as written on the command line or in an address ----------------------

class SelectionError(ValueError):
    """A choice that names an unknown dimension or value; `args[0]` is a Norwegian sentence."""


def vocabulary_of(repo: Any) -> dict[str, dict[str, dict]]:
    """{dimension: {value id: mandate item}} from the mandate's `eierformer` / `institusjonstyper`."""
    return {"eierform": dict(getattr(repo, "owner_types", {}) or {}),
            "institusjonstype": dict(getattr(repo, "institution_types", {}) or {})}


def parse_selection(text: str | None, repo: Any = None) -> dict[str, str]:
    """«eierform=kommunal,institusjonstype=akutt» as {"eierform": "kommunal", ...}.

    With `repo`, every value must be listed in the mandate. Raises SelectionError with a
    Norwegian message (names the allowed values, suggests the closest one)."""
    from .messages import forslag, oppramsing, phrase

    out: dict[str, str] = {}
    if not text or not text.strip():
        return out
    known = vocabulary_of(repo) if repo is not None else None
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = (p.strip() for p in part.partition("="))
        if not sep or not name or not value:
            raise SelectionError(phrase("gjelder-form", verdi=part))
        if name not in APPLICABILITY:
            raise SelectionError(phrase("gjelder-ukjent-inndeling", verdi=name, forslag=forslag(name, APPLICABILITY),
                                        tillatte=oppramsing(APPLICABILITY)))
        if name in out:
            raise SelectionError(phrase("gjelder-dobbel", verdi=name))
        if known is not None:
            allowed = known[name]
            dimension = APPLICABILITY[name]
            if not allowed:
                raise SelectionError(phrase("gjelder-uten-liste", liste=dimension.mandate_field, verdi=name))
            if value not in allowed:
                raise SelectionError(phrase("gjelder-ukjent-verdi", verdi=value, navn=dimension.label,
                                            forslag=forslag(value, allowed), flertall=dimension.plural,
                                            tillatte=oppramsing(allowed)))
        out[name] = value
    return out


def format_selection(selection: Mapping[str, str | None] | None) -> str:
    """The inverse of `parse_selection`: «eierform=kommunal,institusjonstype=akutt» ('' for none)."""
    if not selection:
        return ""
    return ",".join(f"{k}={v}" for k, v in selection.items() if v)


# --- Clause numbers and the provisions in clause order -------------------------------------------

def _sort_key(record: Any) -> tuple:
    rid = getattr(record, "id", None) or ""
    prefix, _, number = rid.partition("-")
    return (prefix, int(number) if number.isdigit() else 0, rid)


@dataclass(frozen=True)
class Numbered:
    """One provision in force with its clause number and the clause (area) it sits in."""

    number: str  # «4.2»
    area: str  # area id
    area_clause: int  # 4
    area_name: str
    record: Any


def numbered(repo: Any) -> list[Numbered]:
    """Every provision in force with its clause number, in clause order (the site's numbering)."""
    areas = list(repo.areas)
    by_area: dict[str, list[Any]] = {a: [] for a in areas}
    for record in repo.krav.values():
        if record.data is None or not isinstance(record.id, str) or not _SAFE_ID.match(record.id):
            continue
        area = record.text("område")
        if area in by_area and is_in_force(record):
            by_area[area].append(record)
    out = []
    for clause, area in enumerate(areas, start=FIRST_AREA_CLAUSE):
        item = repo.areas[area]
        name = item.get("navn") if isinstance(item.get("navn"), str) else area
        for index, record in enumerate(sorted(by_area[area], key=_sort_key), start=1):
            out.append(Numbered(f"{clause}.{index}", area, clause, name, record))
    return out


def clause_numbers(repo: Any) -> dict[str, str]:
    """{krav id: «4.2»} for every provision in force (withdrawn ones have no number)."""
    return {n.record.id: n.number for n in numbered(repo)}


def provisions(repo: Any, areas: Iterable[str] | None = None,
               selection: Mapping[str, str | None] | None = None) -> list[Numbered]:
    """The provisions in force, in clause order, in the given areas (all when None) that apply
    to the selection. Clause numbers are those of the whole standard, so a filtered list keeps
    the numbers printed in the standard."""
    wanted = set(areas) if areas else None
    return [n for n in numbered(repo)
            if (wanted is None or n.area in wanted) and applies(n.record, selection)]
