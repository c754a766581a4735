"""`gjelder_for`: a provision narrows itself only to owner types and kinds the mandate lists.

What "applies to" means is defined once, in scripts/applicability.py; these rules make sure the
values a provision uses are the mandate's, so a filter never hides a provision by a typo.
"""

from __future__ import annotations

from typing import Iterator

from ..applicability import vocabulary_of
from ..findings import Finding, make
from ..messages import forslag, oppramsing
from ..repository import Repository
from ..vocabulary import APPLICABILITY
from . import rule


@rule("krav-gjelder-for-ukjent", "krav-gjelder-for-uten-liste", per_record=True)
def check_applicability_values(repo: Repository) -> Iterator[Finding]:
    """Every value in a provision's `gjelder_for` is listed in the mandate (`eierformer`,
    `institusjonstyper`); using a dimension while the mandate lists no values for it is an error."""
    if repo.mandat is None:
        return  # the missing mandate is reported on its own
    known = vocabulary_of(repo)
    for record in repo.of_kind("krav"):
        scope = record.get("gjelder_for")
        if not isinstance(scope, dict):
            continue
        for name, dimension in APPLICABILITY.items():
            values = scope.get(name)
            if not isinstance(values, list):
                continue
            allowed = known[name]
            if not allowed:
                yield make("krav-gjelder-for-uten-liste", record.file, path=("gjelder_for", name),
                           ids=[record.id or record.stem], felt=name, liste=dimension.mandate_field)
                continue
            for index, value in enumerate(values):
                if isinstance(value, str) and value not in allowed:
                    yield make("krav-gjelder-for-ukjent", record.file, path=("gjelder_for", name, index),
                               ids=[record.id or record.stem], felt=name, verdi=value, navn=dimension.label,
                               flertall=dimension.plural, liste=dimension.mandate_field,
                               forslag=forslag(value, allowed), tillatte=oppramsing(allowed, limit=20))


@rule("mandat-gjelder-for-unik")
def check_unique_vocabulary(repo: Repository) -> Iterator[Finding]:
    """Each id in the mandate's `eierformer` and `institusjonstyper` is listed once."""
    if repo.mandat is None:
        return
    for dimension in APPLICABILITY.values():
        seen: set[str] = set()
        for index, item in repo.mandat.mappings(dimension.mandate_field):
            value = item.get("id")
            if not isinstance(value, str):
                continue
            if value in seen:
                yield make("mandat-gjelder-for-unik", repo.mandat.file, path=(dimension.mandate_field, index, "id"),
                           verdi=value, liste=dimension.mandate_field)
            seen.add(value)
