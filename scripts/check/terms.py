"""Rules for clause 3 «Termer og definisjoner» (termer/), after ISO/IEC Directives Part 2, 16.5.

A definition is one phrase that can replace the term in running text: it does not start with an
article, states no requirement (no «skal», «bør» or «må»), and ends without a full stop. Its
`kilde` is a source registered in lovhjemler/, and each term is defined once.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Finding, make
from ..messages import forslag
from ..repository import Repository
from . import rule

_ARTICLE = re.compile(r"^\s*(en|et|ei|den|det|de)(?!\w)", re.IGNORECASE)
_MODAL = re.compile(r"(?<!\w)(skal|bør|må)(?!\w)", re.IGNORECASE)


@rule("term-ukjent-kilde")
def check_term_source(repo: Repository) -> Iterator[Finding]:
    """A term's `kilde` is the id of a source in lovhjemler/."""
    for record in repo.of_kind("term"):
        source = record.text("kilde")
        if source is not None and source not in repo.lovhjemler:
            yield make("term-ukjent-kilde", record.file, path=("kilde",), ids=[record.id or record.stem],
                       verdi=source, forslag=forslag(source, repo.lovhjemler))


def definition_problem(text: str) -> str | None:
    """Why a definition is not in the form of clause 3, or None."""
    article = _ARTICLE.match(text)
    if article:
        return f"den begynner med artikkelen «{article.group(1)}»; en definisjon skal kunne stå i stedet for termen"
    modal = _MODAL.search(text)
    if modal:
        return f"den bruker «{modal.group(1)}»; en definisjon stiller ingen krav (krav hører hjemme i punkt 4 og utover)"
    if text.rstrip().endswith("."):
        return "den slutter med punktum; en definisjon er én frase uten punktum til slutt"
    return None


@rule("term-definisjon-form")
def check_definition_form(repo: Repository) -> Iterator[Finding]:
    """A definition starts without an article, states no requirement and ends without a full stop."""
    for record in repo.of_kind("term"):
        text = record.text("definisjon")
        problem = definition_problem(text) if text else None
        if problem:
            yield make("term-definisjon-form", record.file, path=("definisjon",), ids=[record.id or record.stem],
                       grunn=problem)


@rule("term-dobbel")
def check_term_once(repo: Repository) -> Iterator[Finding]:
    """Each term is defined in one record only (compared without regard to case)."""
    first: dict[str, str] = {}
    for record in sorted(repo.of_kind("term"), key=lambda r: r.file):
        term = record.text("term")
        if not term or not term.strip():
            continue
        key = " ".join(term.split()).lower()
        if key in first:
            yield make("term-dobbel", record.file, path=("term",), ids=[record.id or record.stem],
                       verdi=term.strip(), forste=first[key])
        else:
            first[key] = record.file
