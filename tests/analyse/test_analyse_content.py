"""The repository's own standard: the analysis finds no errors in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.analyse import analyse_repository
from scripts.findings import FEIL
from scripts.report import location
from scripts.loading import load_repository

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not (ROOT / "mandat" / "mandat.yaml").is_file(), reason="innholdet er ikke skrevet ennå")
def test_own_content_has_no_analysis_errors():
    analysis = analyse_repository(load_repository(ROOT))
    errors = [f"{location(f)}: [{f.rule}] {f.message}" for f in analysis.findings if f.level == FEIL]
    assert errors == []
