"""Each analysis rule against a tiny repository that breaks it and a clean counterpart.

tests/analyse/fixtures/<rule-id>/ breaks the rule; <rule-id>-ren/ is the same repository with
the problem fixed. forventet.txt holds the exact report in the same format as the check
fixtures (tests/fixtures/*/forventet.txt): `report.format_text` of the findings, hints and the
summary line included («Ingen funn: alt er i orden.» for a clean repository).

The fixtures are written by tests/analyse/fixtures/lag_fikstur.py (the grunnlag/ repository plus
the changes that break or fix each rule) and committed; they are never generated at test time.
After changing lag_fikstur.py, rewrite the folders and review the diff:

    .venv/bin/python tests/analyse/fixtures/lag_fikstur.py

After changing a message or a fixture on purpose, refresh the expected output and review the diff:

    KRAV_OPPDATER_FASIT=1 .venv/bin/python -m pytest tests/analyse/test_analyse_fixtures.py
"""

from __future__ import annotations

import pytest

from scripts.analyse import analyse_repository
from scripts.analyse.rules import RULES
from scripts.check import check_path
from scripts.findings import FEIL
from scripts.messages import MESSAGES
from scripts.report import format_text
from scripts.loading import load_repository

import datetime
import os
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
DATO = datetime.date(2026, 6, 1)  # the date every forventet.txt assumes

CASES = sorted(p for p in FIXTURES.iterdir() if (p / "forventet.txt").is_file())


UPDATE = os.environ.get("KRAV_OPPDATER_FASIT") == "1"
CLEAN = "Ingen funn: alt er i orden.\n"


@pytest.mark.parametrize("folder", CASES, ids=[p.name for p in CASES])
def test_fixture_gives_expected_findings(folder):
    analysis = analyse_repository(load_repository(folder), DATO)
    output = format_text(analysis.findings)
    if UPDATE:
        (folder / "forventet.txt").write_bytes(output.encode("utf-8"))
    assert output == (folder / "forventet.txt").read_bytes().decode("utf-8")


def test_every_analysis_rule_has_a_failing_and_a_clean_fixture():
    rule_ids = {i for registered in RULES for i in registered.ids}
    assert rule_ids == {k for k, e in MESSAGES.items() if e.kind == "analyse"}
    for rule_id in rule_ids:
        bad = (FIXTURES / rule_id / "forventet.txt").read_text(encoding="utf-8")
        assert f"[{rule_id}]" in bad, rule_id
        assert (FIXTURES / f"{rule_id}-ren" / "forventet.txt").read_text(encoding="utf-8") == CLEAN, rule_id


def test_rules_have_docstrings_and_catalogue_entries():
    for registered in RULES:
        assert registered.doc
        for rule_id in registered.ids:
            assert rule_id.isascii() and MESSAGES[rule_id].kind == "analyse"


@pytest.mark.parametrize("folder", [p for p in CASES if p.name.endswith("-ren") or p.name == "grunnlag"],
                         ids=lambda p: p.name)
def test_clean_fixtures_pass_krav_sjekk(folder):
    _, findings = check_path(folder)
    assert [f for f in findings if f.level == FEIL] == []


def test_findings_carry_ids_and_lines():
    analysis = analyse_repository(load_repository(FIXTURES / "analyse-parameter-motstrid"), DATO)
    for finding in analysis.findings:
        assert finding.line is not None and finding.file is not None
        assert len(finding.ids) == 2


# The expected output is not written by lag_fikstur.py (it keeps these files when it rewrites a folder).
EXPECTED_OUTPUT = frozenset({"forventet.txt", "forventet-dekning.txt"})


def test_fixtures_match_their_generator():
    """The committed files are what lag_fikstur.py writes: the script and the fixtures never drift."""
    from repotools import assert_fixtures_match, load_script

    generated = load_script(FIXTURES / "lag_fikstur.py", "lag_fikstur_analyse").fixtures()
    on_disk = {p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert sorted(on_disk) == sorted(generated)
    assert_fixtures_match(FIXTURES, generated, EXPECTED_OUTPUT)
