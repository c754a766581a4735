"""Whom a provision applies to: one definition (scripts/applicability.py), used everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.applicability import (SelectionError, applies, applies_to, clause_numbers, format_selection,
                                   parse_selection, provisions, scope_of)
from scripts.loading import load_repository

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


def krav(**gjelder: object) -> dict:
    record = {"id": "IK-001", "status": "vedtatt"}
    if gjelder:
        record["gjelder_for"] = gjelder
    return record


@pytest.mark.parametrize("record,eierform,institusjonstype,expected", [
    (krav(), None, None, True),
    (krav(), "kommunal", "akutt", True),  # no gjelder_for: applies to all
    (krav(eierform=["kommunal"]), "kommunal", None, True),
    (krav(eierform=["kommunal"]), "privat", None, False),
    (krav(eierform=["kommunal"]), None, "akutt", True),  # a dimension not chosen never narrows
    (krav(eierform=["kommunal"], institusjonstype=["akutt"]), "kommunal", "omsorg", False),
    (krav(eierform=["kommunal"], institusjonstype=["akutt"]), "kommunal", "akutt", True),
    (krav(institusjonstype=["akutt", "omsorg"]), "privat", "omsorg", True),
    (krav(eierform="kommunal"), "privat", None, True),  # malformed: never hides (the schema reports it)
    (krav(eierform=[3]), "privat", None, True),
    ({"id": "X", "gjelder_for": ["kommunal"]}, "privat", None, True),
    (None, "privat", None, True),
])
def test_applies_to(record, eierform, institusjonstype, expected) -> None:
    assert applies_to(record, eierform, institusjonstype) is expected
    assert applies(record, {"eierform": eierform, "institusjonstype": institusjonstype}) is expected


def test_empty_choice_is_no_choice() -> None:
    assert applies_to(krav(eierform=["kommunal"]), "", "")
    assert applies(krav(eierform=["kommunal"]), {})
    assert scope_of(krav(eierform=["kommunal", "kommunal"])) == {"eierform": ("kommunal",)}


def test_parse_selection_against_the_mandate() -> None:
    repo = load_repository(FIXTURES / "gyldig" / "maksimal")
    assert parse_selection("eierform=kommunal, institusjonstype=akutt", repo) == {
        "eierform": "kommunal", "institusjonstype": "akutt"}
    assert format_selection({"eierform": "kommunal", "institusjonstype": "akutt"}) == \
        "eierform=kommunal,institusjonstype=akutt"
    assert parse_selection("", repo) == {}
    with pytest.raises(SelectionError) as error:
        parse_selection("eierform=kommunl", repo)
    assert str(error.value) == ("«kommunl» er ikke en eierform i mandatet. Mente du «kommunal»? "
                                "Mandatets eierformer er «statlig», «kommunal» og «privat».")
    with pytest.raises(SelectionError) as error:
        parse_selection("eierfrom=kommunal", repo)
    assert str(error.value) == ("«eierfrom» kan ikke velges. Mente du «eierform»? "
                                "Det som kan velges, er «eierform» og «institusjonstype».")
    with pytest.raises(SelectionError, match="valgt mer enn én gang"):
        parse_selection("eierform=kommunal,eierform=privat", repo)
    with pytest.raises(SelectionError, match="er ikke et valg av formen"):
        parse_selection("kommunal", repo)


def test_selection_needs_the_mandate_list() -> None:
    repo = load_repository(FIXTURES / "gyldig" / "minimal")
    with pytest.raises(SelectionError) as error:
        parse_selection("institusjonstype=akutt", repo)
    assert str(error.value) == "Mandatet har ingen liste «institusjonstyper», så «institusjonstype» kan ikke velges."


def test_filter_keeps_the_standards_clause_numbers() -> None:
    repo = load_repository(FIXTURES / "gyldig" / "maksimal")
    every = [(n.number, n.record.id) for n in provisions(repo)]
    assert every == [("4.1", "IK-001"), ("4.2", "IK-002"), ("4.3", "IK-004"), ("5.1", "BE-001")]
    # IK-001 applies to municipal and private acute institutions only.
    state = [(n.number, n.record.id) for n in provisions(repo, selection={"eierform": "statlig"})]
    assert state == [("4.2", "IK-002"), ("4.3", "IK-004"), ("5.1", "BE-001")]
    acute = [n.record.id for n in provisions(repo, selection={"eierform": "privat", "institusjonstype": "akutt"})]
    assert acute == ["IK-001", "IK-002", "IK-004", "BE-001"]
    care = [n.record.id for n in provisions(repo, ["internkontroll"], {"institusjonstype": "omsorg"})]
    assert care == ["IK-002", "IK-004"]


def test_clause_numbers_are_the_sites() -> None:
    from scripts.render.context import build_context

    for root in (FIXTURES / "gyldig" / "maksimal", ROOT):
        repo = load_repository(root)
        assert clause_numbers(repo) == build_context(repo, []).clause_of
