"""Editing help and the committee's GitHub files: VS Code schema mapping, .editorconfig, schema
examples, CODEOWNERS per area, the Norwegian issue forms and the pull-request template."""

from __future__ import annotations

import fnmatch
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from scripts.loading import load_repository
from scripts.vocabulary import KINDS, SINGLE_FILES

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


def _glob_for(kind) -> str:
    singles = {v: k for k, v in SINGLE_FILES.items()}
    if kind.name in singles:
        return singles[kind.name]
    return f"{kind.folder}/*.yaml" if kind.depth == 0 else f"{kind.folder}/*/*.yaml"


def test_vscode_maps_every_schema_onto_its_record_folder() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    expected = {f"./schemas/{kind.name}.schema.json": [_glob_for(kind)] for kind in KINDS.values()}
    assert settings["yaml.schemas"] == expected
    for schema in expected:
        assert (ROOT / schema).is_file()


def test_vscode_globs_cover_every_record_of_this_repository() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    globs = {glob: Path(schema).name.split(".")[0] for schema, (glob,) in settings["yaml.schemas"].items()}
    for record in load_repository(ROOT).records:
        matched = [kind for glob, kind in globs.items() if fnmatch.fnmatch(record.file, glob)]
        assert matched == [record.kind], record.file


def test_editorconfig() -> None:
    text = (ROOT / ".editorconfig").read_text(encoding="utf-8")
    assert "root = true" in text and "charset = utf-8" in text and "end_of_line = lf" in text
    yaml_section = text.split("[*.{yaml,yml}]", 1)[1].split("[", 1)[0]
    assert "indent_style = space" in yaml_section


def _examples(node, path=()):
    if isinstance(node, dict):
        if "examples" in node:
            yield path, node
        for key, value in node.items():
            if key != "examples":
                yield from _examples(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _examples(value, (*path, i))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_examples_are_valid(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    for where, node in _examples(schema):
        sub = {k: v for k, v in node.items() if k != "examples"}
        if "$defs" in schema:
            sub = {**sub, "$defs": schema["$defs"]}
        for example in node["examples"]:
            errors = list(jsonschema.Draft202012Validator(sub).iter_errors(example))
            assert errors == [], (where, example, [e.message for e in errors])


def test_the_requirement_schema_has_examples() -> None:
    schema = json.loads((ROOT / "schemas/krav.schema.json").read_text(encoding="utf-8"))
    assert {"id", "tekst", "lovhjemler", "parametere"} <= {k for k, v in schema["properties"].items() if "examples" in v}


def test_codeowners_has_a_line_for_every_area() -> None:
    lines = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    owners = {parts[0]: parts[1:] for parts in lines}
    for area in load_repository(ROOT).areas:
        assert owners.get(f"/krav/{area}/") == [f"@standard-komiteen/omrade-{area}"], area
    assert all(o.startswith("@") for parts in owners.values() for o in parts)


def test_issue_forms_are_valid_and_norwegian() -> None:
    forms = sorted(p for p in FORMS.glob("*.yml") if p.name != "config.yml")
    assert {p.stem for p in forms} == {"nytt-krav", "innspill-til-krav", "feil-i-kilde"}
    bin_dir = Path(sys.executable).parent
    done = subprocess.run([str(bin_dir / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms",
                           *map(str, forms)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    done = subprocess.run([str(bin_dir / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-config",
                           str(FORMS / "config.yml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    ids = {p.stem: {item.get("id") for item in yaml.safe_load(p.read_text(encoding="utf-8"))["body"]} for p in forms}
    assert "krav" in ids["innspill-til-krav"]  # the site's «Kommenter» link fills it in
    assert "kilde" in ids["feil-i-kilde"]
    areas = [a["navn"] for a in load_repository(ROOT).areas.values()]
    options = next(i for i in yaml.safe_load((FORMS / "nytt-krav.yml").read_text(encoding="utf-8"))["body"]
                   if i.get("id") == "omrade")["attributes"]["options"]
    assert options == areas


def test_pull_request_template_asks_normative_or_editorial() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "**Normativ**" in text and "**Redaksjonell**" in text
