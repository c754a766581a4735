"""Reference rules: every id a record points to exists, and nothing points to itself."""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding, make
from ..messages import forslag
from ..repository import Repository
from . import rule


@rule("krav-ukjent-lovhjemmel", per_record=True)
def check_legal_refs(repo: Repository) -> Iterator[Finding]:
    """Every id in a requirement's `lovhjemler` is the id of a record in lovhjemler/."""
    for record in repo.of_kind("krav"):
        for index, ref in enumerate(record.items("lovhjemler")):
            if isinstance(ref, str) and not repo.known("lovhjemmel", ref):
                yield make("krav-ukjent-lovhjemmel", record.file, path=("lovhjemler", index),
                           ids=[record.id or record.stem], verdi=ref, forslag=forslag(ref, repo.lovhjemler))


@rule("krav-ukjent-mal", per_record=True)
def check_objective_refs(repo: Repository) -> Iterator[Finding]:
    """Every id in a requirement's `mål` is an objective in the mandate."""
    if not repo.mandate_usable:
        return
    for record in repo.of_kind("krav"):
        for index, ref in enumerate(record.items("mål")):
            if isinstance(ref, str) and ref not in repo.objectives:
                yield make("krav-ukjent-mal", record.file, path=("mål", index), ids=[record.id or record.stem],
                           verdi=ref, forslag=forslag(ref, repo.objectives))


@rule("krav-ukjent-relasjon", "krav-selvrelasjon", per_record=True)
def check_relation_refs(repo: Repository) -> Iterator[Finding]:
    """Every requirement named in `relasjoner` exists, and no requirement relates to itself."""
    for record in repo.of_kind("krav"):
        for index, relation in record.mappings("relasjoner"):
            target = relation.get("krav")
            if not isinstance(target, str):
                continue
            if target == record.id:
                yield make("krav-selvrelasjon", record.file, path=("relasjoner", index, "krav"),
                           ids=[target], verdi=target)
            elif not repo.known("krav", target):
                yield make("krav-ukjent-relasjon", record.file, path=("relasjoner", index, "krav"),
                           ids=[record.id or record.stem], verdi=target, forslag=forslag(target, repo.krav))


@rule("krav-ukjent-parameter", "krav-parameter-enhet", per_record=True)
def check_parameter_refs(repo: Repository) -> Iterator[Finding]:
    """Every constrained parameter is declared in mandat/parametere.yaml, in the declared unit."""
    if not repo.parameters_usable:
        return
    for record in repo.of_kind("krav"):
        for index, item in record.mappings("parametere"):
            name = item.get("navn")
            if not isinstance(name, str):
                continue
            declared = repo.parameters.get(name)
            if declared is None:
                yield make("krav-ukjent-parameter", record.file, path=("parametere", index, "navn"),
                           ids=[record.id or record.stem], verdi=name, forslag=forslag(name, repo.parameters))
            elif isinstance(item.get("enhet"), str) and item["enhet"] != declared.get("enhet"):
                yield make("krav-parameter-enhet", record.file, path=("parametere", index, "enhet"),
                           ids=[record.id or record.stem], navn=name, verdi=item["enhet"],
                           deklarert=declared.get("enhet"))
