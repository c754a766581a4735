"""Drafting rules: the verbal form in `tekst` matches the requirement's `type`.

After the drafting rules for standards (ISO/IEC Directives, Part 2, in Norwegian): a `krav`
says *skal*, an `anbefaling` *bør* (never *skal*), a `tillatelse` *kan* (neither *skal* nor
*bør*). *Må* is reserved for external constraints. Words are matched whole and
case-insensitively, so «Skal» counts and «skalere» does not.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Finding, make
from ..repository import Record, Repository
from ..vocabulary import REQUIREMENT_TYPES, VERB_OF
from . import rule

# The word each type must use, and the words it must not use (with why, for the message).
REQUIRED_WORD = VERB_OF
FORBIDDEN_WORDS = {t.id: {word: f"en {t.id} bruker «{t.verb}», ikke «{word}»" for word in t.forbidden}
                   for t in REQUIREMENT_TYPES.values() if t.forbidden}


def _word(word: str) -> re.Pattern[str]:
    # \w is Unicode-aware, so «må» does not match inside «måte» or «såmå».
    return re.compile(rf"(?<!\w){word}(?!\w)", re.IGNORECASE)


_PATTERNS = {w: _word(w) for w in ("skal", "bør", "kan", "må")}


def find_word(text: str, word: str) -> str | None:
    """The first whole-word occurrence of `word` in `text`, as written, or None."""
    if word not in text.lower():  # the pattern tries every position; most texts lack the word
        return None
    match = _PATTERNS[word].search(text)
    return match.group(0) if match else None


def _drafted(repo: Repository) -> Iterator[tuple[Record, str, str]]:
    for record in repo.of_kind("krav"):
        kind, text = record.text("type"), record.text("tekst")
        if text is not None and kind in REQUIRED_WORD:
            yield record, kind, text


@rule("tekst-verbform-mangler", per_record=True)
def check_required_verb(repo: Repository) -> Iterator[Finding]:
    """The `tekst` of a krav contains «skal», of an anbefaling «bør», of a tillatelse «kan»."""
    for record, kind, text in _drafted(repo):
        word = REQUIRED_WORD[kind]
        if find_word(text, word) is None:
            yield make("tekst-verbform-mangler", record.file, path=("tekst",), ids=[record.id or record.stem],
                       ord=word, type=kind)


@rule("tekst-verbform-motstrid", per_record=True)
def check_forbidden_verb(repo: Repository) -> Iterator[Finding]:
    """An anbefaling does not say «skal»; a tillatelse says neither «skal» nor «bør»."""
    for record, kind, text in _drafted(repo):
        for word, why in FORBIDDEN_WORDS.get(kind, {}).items():
            written = find_word(text, word)
            if written is not None:
                yield make("tekst-verbform-motstrid", record.file, path=("tekst",), ids=[record.id or record.stem],
                           ord=written, type=kind, regel=why)


@rule("tekst-ma", per_record=True)
def check_must(repo: Repository) -> Iterator[Finding]:
    """«Må» in `tekst` is a warning: it is for external constraints, not the standard's own requirements."""
    for record in repo.of_kind("krav"):
        text = record.text("tekst")
        written = find_word(text, "må") if text is not None else None
        if written is not None:
            yield make("tekst-ma", record.file, path=("tekst",), ids=[record.id or record.stem], ord=written)


@rule("krav-mal-ikke-utfylt", per_record=True)
def check_placeholders(repo: Repository) -> Iterator[Finding]:
    """A requirement no longer holds the placeholder text of a new record (`krav ny`, maler/)."""
    from ..scaffold import PLACEHOLDER_REASON, PLACEHOLDER_TEXT_END, PLACEHOLDER_TITLE

    for record in repo.of_kind("krav"):
        left = [field for field, placeholder in (("tittel", record.text("tittel") == PLACEHOLDER_TITLE),
                                                 ("tekst", (record.text("tekst") or "").endswith(PLACEHOLDER_TEXT_END)),
                                                 ("begrunnelse", record.text("begrunnelse") == PLACEHOLDER_REASON))
                if placeholder]
        for field in left:
            yield make("krav-mal-ikke-utfylt", record.file, path=(field,), ids=[record.id or record.stem], felt=field)
