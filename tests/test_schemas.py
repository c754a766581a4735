"""The JSON Schemas in schemas/: valid Draft 2020-12, closed objects, every field documented.

Titles and descriptions are shown to committee members (rule pages, editor hints), so a
field without them is a field nobody can look up.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"
SCHEMAS = sorted(SCHEMA_DIR.glob("*.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def subschemas(node: Any, where: str = "#") -> Iterator[tuple[str, dict]]:
    """Every schema object inside `node` with a JSON-pointer-like location."""
    if not isinstance(node, dict):
        return
    yield where, node
    for name, child in node.get("properties", {}).items():
        yield from subschemas(child, f"{where}/properties/{name}")
    for key in ("items", "additionalItems", "contains", "not", "if", "then", "else"):
        if isinstance(node.get(key), dict):
            yield from subschemas(node[key], f"{where}/{key}")
    for key in ("allOf", "anyOf", "oneOf", "prefixItems"):
        for index, child in enumerate(node.get(key, [])):
            yield from subschemas(child, f"{where}/{key}/{index}")
    for key in ("$defs", "definitions", "patternProperties"):
        for name, child in node.get(key, {}).items():
            yield from subschemas(child, f"{where}/{key}/{name}")


def is_object(node: dict) -> bool:
    kind = node.get("type")
    return kind == "object" or (isinstance(kind, list) and "object" in kind) or "properties" in node


def test_the_four_record_schemas_exist() -> None:
    names = {p.name for p in SCHEMAS}
    assert {"krav.schema.json", "lovhjemmel.schema.json", "mandat.schema.json", "parametere.schema.json"} <= names


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = load(path)
    assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_title_and_description(path: Path) -> None:
    missing = []
    for where, node in subschemas(load(path)):
        for name, prop in node.get("properties", {}).items():
            for key in ("title", "description"):
                if not (isinstance(prop, dict) and isinstance(prop.get(key), str) and prop[key].strip()):
                    missing.append(f"{where}/properties/{name}: {key}")
    assert missing == []


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_object_is_closed(path: Path) -> None:
    open_objects = [where for where, node in subschemas(load(path))
                    if is_object(node) and node.get("additionalProperties") is not False]
    assert open_objects == []


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_top_level_has_title_and_description(path: Path) -> None:
    schema = load(path)
    assert schema.get("title") and schema.get("description")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_patterns_explain_their_format(path: Path) -> None:
    """A pattern error is reported with the schema's x-format text, so every pattern needs one."""
    unexplained = [where for where, node in subschemas(load(path)) if "pattern" in node and not node.get("x-format")]
    assert unexplained == []
