"""Lifecycle rules: a requirement's status matches how complete it is, and relations respect withdrawals."""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding, make
from ..messages import oppramsing
from ..repository import Repository
from . import rule
from ..vocabulary import ADOPTED, PROPOSED, is_in_force


def _missing(value) -> bool:
    return value is None or value == [] or value == ""


@rule("status-forslag-ufullstendig", per_record=True)
def check_proposal_complete(repo: Repository) -> Iterator[Finding]:
    """A proposal (status forslag) without `verifisering` or `begrunnelse` is a warning."""
    for record in repo.of_kind("krav"):
        if record.text("status") != PROPOSED:
            continue
        missing = [name for name in ("verifisering", "begrunnelse") if _missing(record.get(name))]
        if missing:
            yield make("status-forslag-ufullstendig", record.file, path=("status",), ids=[record.id or record.stem],
                       felt=oppramsing(missing))


@rule("status-vedtatt-uten-verifisering", per_record=True)
def check_adopted_verifiable(repo: Repository) -> Iterator[Finding]:
    """An adopted requirement (status vedtatt) states its `verifisering`."""
    for record in repo.of_kind("krav"):
        if record.text("status") == ADOPTED and _missing(record.get("verifisering")):
            yield make("status-vedtatt-uten-verifisering", record.file, path=("status",),
                       ids=[record.id or record.stem])


@rule("relasjon-avhenger-trukket", per_record=True)
def check_depends_on_withdrawn(repo: Repository) -> Iterator[Finding]:
    """A requirement that is not withdrawn does not depend (avhenger_av) on a withdrawn one."""
    for record in repo.of_kind("krav"):
        if not is_in_force(record):
            continue
        for index, relation in record.mappings("relasjoner"):
            target = relation.get("krav")
            if relation.get("type") != "avhenger_av" or not isinstance(target, str):
                continue
            other = repo.krav.get(target)
            if other is not None and other.file != record.file and not is_in_force(other):
                yield make("relasjon-avhenger-trukket", record.file, path=("relasjoner", index, "krav"),
                           ids=[record.id or record.stem, target], verdi=target)
