"""Validate loaded records against the JSON Schemas in schemas/ and explain errors in Norwegian.

Valid records (the overwhelming majority) are checked by a compiled validator
(fastjsonschema generates Python code from the schema: about 20x faster than interpreting it).
Only a record that fails is handed to jsonschema, whose error objects carry the path, the
keyword and the schema fragment we need to write a precise message.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import fastjsonschema

from .characters import hidden_note
from .findings import Finding, make
from .vocabulary import KINDS as _KINDS
from .vocabulary import TYPE_OF_VERB, format_number
from .messages import PHRASES, SCHEMA_TYPE_NAMES, forslag, oppramsing

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
KINDS = tuple(_KINDS)  # one schema per record kind: schemas/<kind>.schema.json


@lru_cache(maxsize=None)
def schema(kind: str) -> dict:
    with open(SCHEMA_DIR / f"{kind}.schema.json", encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def _fast(kind: str):
    return fastjsonschema.compile(schema(kind))


@lru_cache(maxsize=None)
def _detailed(kind: str):
    from jsonschema import Draft202012Validator  # imported only when a record is invalid

    return Draft202012Validator(schema(kind))


# Authors often write the verbal form where the type belongs: `type: skal`.
_VERB_TYPES = TYPE_OF_VERB



def describe_value(value: Any, raw: str | None = None) -> str:
    """How a value reads to its author, e.g. 'tallet 2023' or 'en liste'."""
    if value is None:
        return "tom"
    if isinstance(value, bool):
        return f"«{raw or str(value).lower()}» (ja/nei-verdi)"
    if isinstance(value, (int, float)):
        return f"tallet {raw or value}"
    if isinstance(value, str):
        return f"teksten «{value}»"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en blokk med felt"
    return "en ukjent verdi"


def field_label(path: tuple) -> str:
    """('parametere', 0, 'min') -> 'parametere nr. 1 → min' (1-based, for people)."""
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1]} nr. {step + 1}" if parts else f"nr. {step + 1}"]
        else:
            parts.append(str(step))
    return " → ".join(parts) if parts else "posten"


def validate(kind: str, data: Any, file: str, raw: dict[tuple, str]) -> list[Finding]:
    """All schema findings for one record; empty when it is valid."""
    try:
        _fast(kind)(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for error in sorted(_detailed(kind).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        for finding in _explain(error, file, raw):
            # jsonschema reports a missing field once per missing field, and each report
            # names all of them: keep one finding per field and place.
            key = (finding.rule, finding.path, finding.message)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return findings


def _subschema_properties(error) -> dict:
    return error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}


def _explain(error, file: str, raw: dict[tuple, str]) -> Iterator[Finding]:
    path = tuple(error.absolute_path)
    label = field_label(path)
    keyword = error.validator
    where = f" i «{label}»" if path else ""
    if keyword == "required":
        for name in error.validator_value:
            if isinstance(error.instance, dict) and name not in error.instance:
                yield make("skjema-pakrevd", file, path=path, felt=name, sted=where,
                           pakrevde=oppramsing(error.validator_value))
    elif keyword == "additionalProperties":
        allowed = list(_subschema_properties(error))
        for name in error.instance:
            if name not in allowed:
                yield make("skjema-ukjent-felt", file, path=path + (name,), felt=name, sted=where, note=hidden_note(name),
                           forslag=forslag(name, allowed), tillatte=oppramsing(allowed, limit=30))
    elif keyword == "enum":
        allowed = error.validator_value
        hint = forslag(error.instance, allowed)
        if path and path[-1] == "type" and isinstance(error.instance, str) and error.instance in _VERB_TYPES:
            hint = f" Mente du «{_VERB_TYPES[error.instance]}»?"  # the verb names the type
        yield make("skjema-verdi", file, path=path, felt=label, verdi=error.instance, note=hidden_note(error.instance),
                   forslag=hint, tillatte=oppramsing(allowed))
    elif keyword == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        names = " eller ".join(SCHEMA_TYPE_NAMES.get(t, t) for t in expected if t != "null") or SCHEMA_TYPE_NAMES["null"]
        written = raw.get(path)
        tip = ""
        if "string" in expected and written is not None:
            tip = PHRASES["tips-anforselstegn"].format(verdi=written)
        elif "boolean" in expected and isinstance(error.instance, str):
            tip = PHRASES["tips-sann-usann"]
        elif "array" in expected and not isinstance(error.instance, list):
            tip = PHRASES["tips-liste"]
        yield make("skjema-type", file, path=path, felt=label, forventet=names,
                   faktisk=describe_value(error.instance, written), tips=tip)
    elif keyword == "pattern":
        fmt = error.schema.get("x-format", PHRASES["format-se-skjema"]) if isinstance(error.schema, dict) else ""
        yield make("skjema-format", file, path=path, felt=label, verdi=error.instance, format=fmt,
                   note=hidden_note(error.instance))
    elif keyword in ("minLength", "minItems"):
        yield make("skjema-tom", file, path=path, felt=label)
    elif keyword == "maxLength":
        yield make("skjema-grense", file, path=path, felt=label, verdi=f"{str(error.instance)[:40]}…",
                   grense=PHRASES["grense-lengde"].format(grense=error.validator_value, lengde=len(error.instance)))
    elif keyword == "uniqueItems":
        seen, dupes = [], []
        for item in error.instance:
            (dupes if item in seen else seen).append(item)
        for item in dupes:
            yield make("skjema-duplikat", file, path=path, felt=label, verdi=item)
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        yield make("skjema-grense", file, path=path, felt=label, verdi=error.instance,
                   grense=PHRASES[f"grense-{keyword}"].format(verdi=format_number(error.validator_value)))
    else:  # pragma: no cover - our schemas use only the keywords above
        yield make("skjema-type", file, path=path, felt=label, forventet=PHRASES["gyldig-verdi"],
                   faktisk=describe_value(error.instance), tips="")
