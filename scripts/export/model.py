"""The public representation of the standard: one model every export format is made from.

`build_export(repo, draft)` turns a loaded Repository into plain JSON-ready data (format
version EXPORT_VERSION, described by schemas/eksport/v1/): the draft it belongs to, the areas
(clauses), the legal sources and every provision with its clause number, stable id, type and
verbal form, text, sources with Lovdata links, applicability, status, relations both ways,
parameters and verification. Withdrawn provisions are included (status «trukket», no clause
number) with their successors, because ids are permanent and tools must be able to follow them.

Internal fields never leave the repository: `merknad` (the committee's note) and `unntak` (the
committee's reviewed exceptions from its own drafting and provenance rules) are not exported.
Values are taken as their authors wrote them; the writers for each format neutralise them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .. import lovdata
from ..numbering import area_clauses, clause_numbers, krav_sort_key
from ..vocabulary import BINDING_KINDS, LIVING_DRAFT, REQUIREMENT_TYPES

EXPORT_VERSION = "1.0"
FORMAT_NAME = "krav-eksport"
INTERNAL_FIELDS = ("merknad", "unntak")  # never exported, on any kind of record

# Field order of an exported provision (also the column order of CSV and XLSX).
KRAV_FIELDS = ("id", "punkt", "område", "type", "verbform", "tittel", "tekst", "begrunnelse", "status",
               "lovhjemler", "utover_lov", "mål", "gjelder_for", "verifisering", "parametere", "relasjoner",
               "erstattet_av", "foreslått_av", "utgave")
SOURCE_FIELDS = ("id", "type", "bindende", "instrument", "korttittel", "tittel", "paragraf", "overskrift",
                 "sammendrag", "url", "lenke", "gyldig_fra", "gyldig_til", "kontrollert", "områder",
                 "erstattet_av", "verifisert")
AREA_FIELDS = ("id", "punkt", "navn", "prefiks", "beskrivelse")
DRAFT_FIELDS = ("id", "betegnelse", "stadium", "dato", "høring", "versjon", "versjonsdato")


@dataclass(frozen=True)
class Draft:
    """Which draft the exported content is: a record in utgaver/, or the living draft."""

    id: str  # utgaver/ id, or «arbeidsutkast»
    version: str | None  # git describe (or the tag), None when unknown
    version_date: str | None  # ISO date of the commit
    record: dict | None = None  # the utgaver/ record's fields, when it is a published draft


def _public(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in INTERNAL_FIELDS}


def draft_data(draft: Draft) -> dict:
    record = _public(draft.record or {})
    out = {
        "id": draft.id,
        "betegnelse": record.get("betegnelse"),
        "stadium": record.get("stadium", LIVING_DRAFT if draft.record is None else None),
        "dato": record.get("dato"),
        "høring": record.get("høring"),
        "versjon": draft.version,
        "versjonsdato": draft.version_date,
    }
    return out


def source_data(record: Any) -> dict:
    data = record.data if isinstance(record.data, dict) else {}
    try:
        link = lovdata.link(data)
    except Exception:  # a malformed record must not stop the export; krav sjekk reports it
        link = None
    out = {"id": record.id, "type": data.get("type"), "bindende": data.get("type") in BINDING_KINDS}
    for key in SOURCE_FIELDS[3:]:
        out[key] = link if key == "lenke" else data.get(key)
    return out


def area_data(area_id: str, area: dict, clause: int) -> dict:
    return {"id": area_id, "punkt": str(clause), "navn": area.get("navn"), "prefiks": area.get("prefiks"),
            "beskrivelse": area.get("beskrivelse")}


def _successors(repo: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for record in sorted(repo.krav.values(), key=krav_sort_key):
        for _, relation in record.mappings("relasjoner"):
            if relation.get("type") == "erstatter" and isinstance(relation.get("krav"), str):
                found.setdefault(relation["krav"], []).append(record.id)
    return found


def krav_data(record: Any, clause: str | None, sources: dict[str, dict], successors: list[str],
              draft_id: str) -> dict:
    data = record.data if isinstance(record.data, dict) else {}
    kind = data.get("type")
    req_type = REQUIREMENT_TYPES.get(kind) if isinstance(kind, str) else None
    cited: list | None = None if data.get("lovhjemler") is None else []  # null: the field is absent
    for source_id in data.get("lovhjemler") or []:
        source = sources.get(source_id)
        cited.append({"id": source_id, "lenke": source["lenke"] if source else None,
                      "type": source["type"] if source else None,
                      "bindende": source["bindende"] if source else False,
                      "korttittel": source["korttittel"] if source else None,
                      "paragraf": source["paragraf"] if source else None})
    values = {
        "id": record.id, "punkt": clause, "område": data.get("område"), "type": kind,
        "verbform": req_type.verb if req_type else None, "tittel": data.get("tittel"),
        "tekst": data.get("tekst"), "begrunnelse": data.get("begrunnelse"), "status": data.get("status"),
        "lovhjemler": cited, "utover_lov": data.get("utover_lov"), "mål": data.get("mål"),
        "gjelder_for": data.get("gjelder_for"), "verifisering": data.get("verifisering"),
        "parametere": data.get("parametere"), "relasjoner": data.get("relasjoner"),
        "erstattet_av": successors, "foreslått_av": data.get("foreslått_av"), "utgave": draft_id,
    }
    return {key: values[key] for key in KRAV_FIELDS}


def build_export(repo: Any, draft: Draft, keep: Callable[[dict], bool] | None = None) -> dict:
    """The whole standard as data (see the module docstring). `keep(krav)` filters provisions."""
    clauses = area_clauses(repo)
    numbers = clause_numbers(repo)
    sources = {}
    for source_id in sorted(repo.lovhjemler):
        record = repo.lovhjemler[source_id]
        if record.valid:  # only records that pass their schema are part of the public contract
            sources[source_id] = source_data(record)
    successors = _successors(repo)
    krav = []
    order = {area_id: index for index, area_id in enumerate(clauses)}  # clause order, orphans last
    for record in sorted(repo.krav.values(), key=lambda r: (order.get(r.text("område"), len(order)), krav_sort_key(r))):
        if not record.valid or record.id is None:
            continue
        item = krav_data(record, numbers.get(record.id), sources, successors.get(record.id, []), draft.id)
        if keep is None or keep(item):
            krav.append(item)
    areas = [area_data(area_id, repo.areas[area_id], clause) for area_id, clause in clauses.items()
             if area_id is not None]
    return {"format": FORMAT_NAME, "versjon": EXPORT_VERSION, "utgave": draft_data(draft),
            "omrader": areas, "lovhjemler": list(sources.values()), "krav": krav}
