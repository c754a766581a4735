"""Identity rules: ids, file names, folders and prefixes agree, and ids are unique."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ..findings import Finding, make
from ..messages import forslag, oppramsing
from ..repository import Repository
from ..vocabulary import ID_KINDS
from . import rule


@rule("id-filnavn", per_record=True)
def check_filename_matches_id(repo: Repository) -> Iterator[Finding]:
    """A record's file is named after its id: `IK-001` lives in `IK-001.yaml`."""
    for record in repo.records:
        if record.kind in ID_KINDS and record.id is not None and record.id != record.stem:
            yield make("id-filnavn", record.file, path=("id",), ids=[record.id], id=record.id, filnavn=record.stem)


@rule("id-unik")
def check_ids_unique(repo: Repository) -> Iterator[Finding]:
    """An id is used by one record only (ids are never reused): requirement and source ids across
    the whole repository, term and draft ids among their own kind, comment ids within a draft."""
    seen: dict[tuple, list] = defaultdict(list)
    for record in repo.records:
        if record.kind in ID_KINDS and record.id is not None:
            space = "krav/lovhjemmel" if record.kind in ("krav", "lovhjemmel") else record.kind
            seen[(space, record.folder if record.kind == "kommentar" else "", record.id)].append(record)
    for (_, _, ident), records in seen.items():
        for record in records[1:]:
            yield make("id-unik", record.file, path=("id",), ids=[ident], id=ident, forste=records[0].file)


@rule("krav-omrade-mappe", per_record=True)
def check_area_folder(repo: Repository) -> Iterator[Finding]:
    """A requirement's `område` equals the folder it lives in (krav/<område>/)."""
    for record in repo.of_kind("krav"):
        area = record.text("område")
        if area is not None and area != record.folder:
            yield make("krav-omrade-mappe", record.file, path=("område",), ids=[record.id or record.stem],
                       omrade=area, mappe=record.folder)


@rule("krav-ukjent-omrade", per_record=True)
def check_area_exists(repo: Repository) -> Iterator[Finding]:
    """A requirement's `område` is one of the areas in the mandate."""
    if not repo.mandate_usable or not repo.areas:
        return
    for record in repo.of_kind("krav"):
        area = record.text("område")
        if area is not None and area not in repo.areas:
            yield make("krav-ukjent-omrade", record.file, path=("område",), ids=[record.id or record.stem],
                       omrade=area, forslag=forslag(area, repo.areas), tillatte=oppramsing(repo.areas, limit=20))


@rule("krav-prefiks", per_record=True)
def check_prefix(repo: Repository) -> Iterator[Finding]:
    """A requirement's id starts with the `prefiks` of its area, e.g. IK-… in internkontroll."""
    for record in repo.of_kind("krav"):
        area = repo.areas.get(record.text("område") or "")
        ident = record.id
        if area is None or ident is None or not isinstance(area.get("prefiks"), str):
            continue
        prefix = ident.split("-", 1)[0]
        if prefix != area["prefiks"]:
            yield make("krav-prefiks", record.file, path=("id",), ids=[ident], id=ident,
                       prefiks=area["prefiks"], omrade=area.get("id"))
