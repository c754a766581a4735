"""Reviewed exceptions (`unntak`): which rules a requirement or a source may be excepted from.

The list is one definition (vocabulary.EXCEPTABLE); an exception needs a reason; an exception
from any other rule is an error, so nothing can be silenced by accident.
"""

from __future__ import annotations

from pathlib import Path

from scripts import pipeline

REPLACED = """\
id: for-gammel
type: forskrift
instrument: FOR-2011-11-15-1103
tittel: En gammel forskrift
sammendrag: Erstattet av en ny forskrift.
erstattet_av: FOR-2022-12-20-2358
"""
NEW = """\
id: for-ny
type: forskrift
instrument: FOR-2022-12-20-2358
tittel: En ny forskrift
sammendrag: Erstatter den gamle.
"""


def rules_for(repo_copy, extra: str) -> list[tuple[str | None, str]]:
    root: Path = repo_copy()
    (root / "lovhjemler/gammel").mkdir()
    (root / "lovhjemler/gammel/for-gammel.yaml").write_text(REPLACED + extra, encoding="utf-8")
    (root / "lovhjemler/ny").mkdir()
    (root / "lovhjemler/ny/for-ny.yaml").write_text(NEW, encoding="utf-8")
    return [(f.file, f.rule) for f in pipeline.check(root, use_cache=False)
            if f.file and f.file.startswith("lovhjemler/gammel")]


def test_a_replaced_source_without_a_last_day_is_a_warning(repo_copy) -> None:
    assert rules_for(repo_copy, "") == [("lovhjemler/gammel/for-gammel.yaml", "lovhjemmel-erstattet-uten-dato")]


def test_a_reviewed_exception_with_a_reason_clears_it(repo_copy) -> None:
    extra = "unntak:\n  - regel: lovhjemmel-erstattet-uten-dato\n    begrunnelse: Siste dag er ikke sett.\n"
    assert rules_for(repo_copy, extra) == []


def test_an_exception_without_a_reason_does_not_count(repo_copy) -> None:
    extra = "unntak:\n  - regel: lovhjemmel-erstattet-uten-dato\n    begrunnelse: ' '\n"
    assert ("lovhjemler/gammel/for-gammel.yaml", "lovhjemmel-erstattet-uten-dato") in rules_for(repo_copy, extra)


def test_a_source_cannot_be_excepted_from_other_rules(repo_copy) -> None:
    extra = "unntak:\n  - regel: tekst-vagt-ord\n    begrunnelse: Vurdert.\n"
    found = rules_for(repo_copy, extra)
    assert ("lovhjemler/gammel/for-gammel.yaml", "krav-unntak-regel") in found
    assert ("lovhjemler/gammel/for-gammel.yaml", "lovhjemmel-erstattet-uten-dato") in found
