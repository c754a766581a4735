"""The one vocabulary and the JSON Schemas say the same thing, and numbers read as Norwegian."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from scripts import vocabulary as v

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def schema(kind: str) -> dict:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def enum(kind: str, *path: str) -> list:
    node = schema(kind)
    for step in path:
        node = node["items"] if step == "*" else node["properties"][step]
    return node["enum"] if "enum" in node else node["items"]["enum"]


@pytest.mark.parametrize(("kind", "path", "expected"), [
    ("krav", ("type",), v.TYPES),
    ("krav", ("status",), v.STATUSES),
    ("krav", ("verifisering",), v.VERIFICATION_METHODS),
    ("krav", ("relasjoner", "*", "type"), v.RELATION_TYPES),
    ("lovhjemmel", ("type",), v.SOURCE_KINDS),
    ("utgave", ("stadium",), v.STAGES),
    ("kommentar", ("type",), tuple(v.COMMENT_TYPES)),
    ("kommentar", ("behandling", "vedtak"), tuple(v.DISPOSITIONS)),
])
def test_schema_enums_are_the_vocabulary(kind: str, path: tuple, expected: tuple) -> None:
    assert tuple(enum(kind, *path)) == tuple(expected)


def test_every_kind_has_a_schema_and_a_folder() -> None:
    from scripts import schema as schema_module

    assert set(schema_module.KINDS) == set(v.KINDS)
    for kind in v.KINDS:
        assert (SCHEMAS / f"{kind}.schema.json").is_file(), kind
    assert set(v.RECORD_DIRS) >= {"krav", "lovhjemler", "mandat", "termer", "utgaver", "kommentarer"}


def test_every_date_field_is_a_date_in_its_schema() -> None:
    for kind, paths in v.DATE_FIELDS.items():
        for path in paths:
            node = schema(kind)
            for step in path:
                node = node["items"] if step == "*" else node["properties"][step]
            assert node["pattern"].startswith("^[0-9]{4}-"), (kind, path)


def test_types_know_their_verbal_forms_and_plurals() -> None:
    assert v.VERB_OF == {"krav": "skal", "anbefaling": "bør", "tillatelse": "kan"}
    assert v.type_name("anbefaling", 14) == "14 anbefalinger"
    assert v.type_name("krav", 1) == "1 krav"
    assert v.type_name("tillatelse", 2) == "2 tillatelser"
    assert v.STRENGTH["krav"] > v.STRENGTH["anbefaling"] > v.STRENGTH["tillatelse"]


@pytest.mark.parametrize(("value", "shown"), [(2.5, "2,5"), (2.0, "2"), (8, "8"), (10000, "10\u00a0000"),
                                             (-1.25, "-1,25"), (True, "True"), ("tekst", "tekst")])
def test_numbers_are_written_the_norwegian_way(value, shown: str) -> None:
    assert v.format_number(value) == shown


def test_dates_are_written_the_norwegian_way() -> None:
    assert v.format_date("2027-04-01") == "1. april 2027"
    assert v.format_date(datetime.date(2027, 12, 24)) == "24. desember 2027"
    assert v.format_date("2023-02-30") == "2023-02-30"  # not a day: shown as written
    assert v.parse_date("2023-02-30") is None


def test_in_force_means_not_withdrawn_everywhere() -> None:
    from scripts.analyse.model import is_active

    for status, expected in (("forslag", True), ("vedtatt", True), ("trukket", False), ("vedatt", True)):
        assert v.is_in_force({"status": status}) is expected
        assert is_active({"status": status}) is expected


def test_clause_references_and_their_order() -> None:
    from scripts.vocabulary import add_months, clause_order, is_clause_reference

    assert [is_clause_reference(v) for v in ("4.2", "4", "Tillegg A", "A.1", "Forord", "Generelt")] == [True] * 6
    assert [is_clause_reference(v) for v in ("4.", "04.2", "punkt 4", "tillegg a", "", 4)] == [False] * 6
    values = ["Bibliografi", "4.10", "4.2", "Generelt", "A.1", "Tillegg A", "Forord", "1", "x", "Tillegg B", "4"]
    assert sorted(values, key=clause_order) == ["Generelt", "Forord", "1", "4", "4.2", "4.10", "Tillegg A", "A.1",
                                                 "Tillegg B", "Bibliografi", "x"]
    import datetime as dt

    assert add_months(dt.date(2027, 2, 1), 2) == dt.date(2027, 4, 1)
    assert add_months(dt.date(2027, 12, 31), 2) == dt.date(2028, 2, 29)

