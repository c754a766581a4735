"""The independent yaml-test-suite through `krav sjekk`: every case as a requirement file.

Whatever YAML a contributor writes, the tool answers with findings, never a crash: exit 0 or 1
(never 2), a finding with a real line for every case the suite calls invalid, and a text report
with one line per finding. The inputs are shipped in tests/data/yaml-test-suite (MIT licence).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import pipeline, report
from scripts.console import exit_code

SUITE = Path(__file__).resolve().parent / "data" / "yaml-test-suite"
CASES = sorted(p.parent for p in SUITE.rglob("in.yaml"))
TARGET = "krav/internkontroll/IK-002.yaml"


@pytest.fixture(scope="module")
def suite_repo(tmp_path_factory):
    from repotools import FIXTURES, copy_repository

    return copy_repository(FIXTURES / "gyldig" / "minimal", tmp_path_factory.mktemp("yaml-suite"))


def test_the_suite_is_shipped_with_its_licence() -> None:
    assert len(CASES) >= 400
    assert "MIT License" in (SUITE / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.relative_to(SUITE).as_posix())
def test_every_case_gives_findings_never_a_crash(suite_repo: Path, case: Path) -> None:
    content = (case / "in.yaml").read_bytes()
    (suite_repo / TARGET).write_bytes(content)
    findings = pipeline.check(suite_repo, use_cache=False)  # an exception here is exit 2: a failure
    assert exit_code(findings, False) in (0, 1)
    mine = [f for f in findings if f.file == TARGET]
    if (case / "error").exists():
        assert any(f.level == "feil" for f in mine), "invalid YAML must be an error"
        lines = content.count(b"\n") + 2
        assert any(f.line is not None and 1 <= f.line <= lines for f in mine), "an error must name a real line"
    text = report.format_text(findings).splitlines()
    assert len(text) == len(findings) + sum(1 for f in findings if f.hint) + 1
