"""Start a new requirement: the next free id in an area and a record to fill in (`krav ny`).

Ids are permanent and never reused, so the next number is one past the highest number ever
used in the area, withdrawn requirements and misplaced files included.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .repository import Repository
from .vocabulary import VERB_OF

VERB = VERB_OF
# Placeholder text of a new record; `krav sjekk` reports an error while any of it is left in a record.
PLACEHOLDER_TITLE = "Kort tittel"
PLACEHOLDER_TEXT_END = " ..."
PLACEHOLDER_REASON = "Hvorfor bestemmelsen trengs: funn, forskning eller praksis."
_NUMBER = re.compile(r"^([A-Z]{2,4})-([0-9]{3,})$")


def next_id(repo: Repository, area_id: str, history: Iterable[str] = ()) -> str:
    """The first unused id after every id the area's prefix has had (`history`: ids used by
    files in git history, deleted ones included)."""
    prefix = repo.areas[area_id]["prefiks"]
    used = [repo_id for repo_id in repo.krav] + [r.stem for r in repo.of_kind("krav")] + list(history)
    numbers = [int(m.group(2)) for m in map(_NUMBER.match, used) if m and m.group(1) == prefix]
    return f"{prefix}-{max(numbers, default=0) + 1:03d}"


def new_record_text(ident: str, area_id: str, kind: str) -> str:
    """A requirement record with every field a committee member is expected to fill in."""
    return f"""\
# Nytt forslag. Fyll inn feltene og kjør «make check». Se CONTRIBUTING.md.
id: {ident}
tittel: {PLACEHOLDER_TITLE}
område: {area_id}
type: {kind}
tekst: >-
  Institusjonen {VERB[kind]}{PLACEHOLDER_TEXT_END}
begrunnelse: >-
  {PLACEHOLDER_REASON}
lovhjemler: []  # id-er fra lovhjemler/, for eksempel [bvl-10-7]
utover_lov: true  # sett false når lovhjemler er fylt ut og bestemmelsen ikke går lenger enn loven
mål: []  # for eksempel [M1]
verifisering: [dokumentgjennomgang]
status: forslag
"""


def record_path(root: Path, area_id: str, ident: str) -> Path:
    return root / "krav" / area_id / f"{ident}.yaml"
