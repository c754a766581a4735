"""Basis rules: every requirement rests on a source, or says it deliberately goes beyond law."""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding, make
from ..lovdata import BINDING_KINDS
from ..messages import oppramsing
from ..repository import Repository
from . import rule
from ..vocabulary import is_in_force


def _active(record) -> bool:
    # A withdrawn requirement stays only so its id is never reused: its basis no longer matters.
    # A file that could not be read has no fields to judge (the loader already reported it).
    return is_in_force(record)


@rule("krav-uten-hjemmel", per_record=True)
def check_has_basis(repo: Repository) -> Iterator[Finding]:
    """A requirement with no `lovhjemler` has `utover_lov: true` (withdrawn ones are exempt)."""
    for record in repo.of_kind("krav"):
        if not _active(record) or record.get("utover_lov") is True:
            continue
        if not record.items("lovhjemler"):
            yield make("krav-uten-hjemmel", record.file, path=("lovhjemler",), ids=[record.id or record.stem])


@rule("krav-bare-veiledende", per_record=True)
def check_binding_basis(repo: Repository) -> Iterator[Finding]:
    """A krav (skal) whose sources are all non-binding (not lov/forskrift) has `utover_lov: true`."""
    for record in repo.of_kind("krav"):
        if record.text("type") != "krav" or not _active(record) or record.get("utover_lov") is True:
            continue
        refs = [ref for ref in record.items("lovhjemler") if isinstance(ref, str)]
        sources = [repo.lovhjemler.get(ref) for ref in refs]
        # Unknown ids are reported elsewhere; judge only when every source is known.
        if not refs or any(source is None for source in sources):
            continue
        if all(source.text("type") not in BINDING_KINDS for source in sources):
            yield make("krav-bare-veiledende", record.file, path=("lovhjemler",), ids=[record.id or record.stem],
                       kilder=oppramsing(refs))
