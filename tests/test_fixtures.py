"""Fixture repositories: the exact `krav sjekk` output for one violation of each rule.

tests/fixtures/ugyldig/<rule-id>/ (or <rule-id>--<variant>/) is a tiny complete repository
holding exactly one violation; its forventet.txt is the exact output of
`krav sjekk --format text --uten-mellomlager` run in that folder. tests/fixtures/gyldig/*
give no findings at all. The fixtures are written by tests/fixtures/lag_fikstur.py and
committed; they are never generated at test time.

After changing a message on purpose, refresh the expected output and review the diff:

    KRAV_OPPDATER_FASIT=1 .venv/bin/python -m pytest tests/test_fixtures.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts.check import check_path
from scripts.messages import MESSAGES
from scripts.report import format_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UPDATE = os.environ.get("KRAV_OPPDATER_FASIT") == "1"

# A billion-laughs file cannot be a valid record apart from its aliases: it is nothing but
# nested lists, so it is also a list where a record (a mapping) belongs.
ALSO_REPORTED = {"yaml-alias--milliardlatter": {"yaml-toppniva"},
                 "mandat-folgefeil": {"yaml-syntaks"}}  # the root cause, reported first

INVALID = sorted(p for p in (FIXTURES / "ugyldig").iterdir() if p.is_dir())
VALID = sorted(p for p in (FIXTURES / "gyldig").iterdir() if p.is_dir())


def rule_of(folder: Path) -> str:
    """The rule id a fixture folder is named for: 'yaml-alias--milliardlatter' -> 'yaml-alias'."""
    return folder.name.split("--", 1)[0]


def run_check(folder: Path) -> tuple[list, str]:
    _, findings = check_path(folder)
    return findings, format_text(findings)


@pytest.mark.parametrize("folder", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_output_is_exact(folder: Path) -> None:
    findings, output = run_check(folder)
    expected_file = folder / "forventet.txt"
    if UPDATE:
        expected_file.write_bytes(output.encode("utf-8"))
    assert expected_file.is_file(), f"{folder.name}: forventet.txt mangler (kjør med KRAV_OPPDATER_FASIT=1)"
    assert output == expected_file.read_bytes().decode("utf-8")
    assert rule_of(folder) in {f.rule for f in findings}, f"{folder.name}: regelen ble ikke rapportert"


@pytest.mark.parametrize("folder", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_reports_only_its_rule(folder: Path) -> None:
    """One violation, one rule: a fixture that trips other rules is testing more than its name says."""
    findings, _ = run_check(folder)
    assert {f.rule for f in findings} == {rule_of(folder)} | ALSO_REPORTED.get(folder.name, set())


@pytest.mark.parametrize("folder", VALID, ids=lambda p: p.name)
def test_valid_fixture_has_no_findings(folder: Path) -> None:
    findings, output = run_check(folder)
    assert findings == [], output


# Rules about entries git cannot hold (links out of the repository, pipes, unreadable files) are
# proved on repositories made at test time, in tests/test_hostile.py, with the same exact output.
MADE_AT_TEST_TIME = {"fil-lenke-utenfor", "fil-lenket-mappe", "fil-ulesbar"}
# Rules that ask git about published drafts: proved on temporary git repositories in tests/test_utgaver.py.
MADE_AT_TEST_TIME |= {"utgave-endret", "utgave-tagg-mangler", "utgave-tagg-flyttet", "utgave-slettet"}


def test_every_check_rule_has_a_fixture() -> None:
    covered = {rule_of(folder) for folder in INVALID} | MADE_AT_TEST_TIME
    wanted = {rule for rule, entry in MESSAGES.items() if entry.kind == "sjekk"}
    assert sorted(wanted - covered) == [], "regler uten fikstur i tests/fixtures/ugyldig/"
    assert sorted(covered - set(MESSAGES)) == [], "fiksturmapper for regler som ikke finnes i katalogen"


def test_fixtures_match_their_generator() -> None:
    """The committed files are what lag_fikstur.py writes: the script and the fixtures never drift."""
    from repotools import assert_fixtures_match, load_script

    generated = load_script(FIXTURES / "lag_fikstur.py", "lag_fikstur").fixtures()
    on_disk = {f"{folder.parent.name}/{folder.name}" for folder in INVALID + VALID}
    assert sorted(on_disk) == sorted(generated)
    assert_fixtures_match(FIXTURES, generated)


def test_fixture_names_are_rule_ids() -> None:
    for folder in INVALID:
        assert folder.name == folder.name.lower() and folder.name.isascii(), folder.name


def test_binary_fixtures_keep_their_bytes() -> None:
    """git must not normalise these (see .gitattributes): the bytes are the violation."""
    bom = (FIXTURES / "ugyldig/fil-bom/krav/internkontroll/IK-001.yaml").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf")
    latin1 = (FIXTURES / "ugyldig/fil-ikke-utf8/krav/internkontroll/IK-001.yaml").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        latin1.decode("utf-8")
    tab = (FIXTURES / "ugyldig/yaml-tabulator/krav/internkontroll/IK-001.yaml").read_bytes()
    assert b"\t" in tab


def test_repository_content_has_no_errors() -> None:
    """The standard itself (mandat/, krav/, lovhjemler/ in this repository) passes `krav sjekk`."""
    root = Path(__file__).resolve().parents[1]
    _, findings = check_path(root)
    errors = [f for f in findings if f.level == "feil"]
    assert errors == [], format_text(errors)
