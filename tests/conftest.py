"""Shared test fixtures: a fresh copy of a repository (see repotools.py for the helpers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from repotools import FIXTURES, copy_repository


@pytest.fixture
def repo_copy(tmp_path: Path):
    """`repo_copy()` copies tests/fixtures/gyldig/minimal; `repo_copy("ugyldig/x")` another fixture;
    `repo_copy(ROOT)` the repository's own content. Each call gives a new folder."""
    counter = iter(range(1000))

    def make(source: "str | Path" = "gyldig/minimal") -> Path:
        folder = Path(source) if Path(source).is_absolute() else FIXTURES / source
        return copy_repository(folder, tmp_path / f"repo{next(counter)}")

    return make


@pytest.fixture(autouse=True)
def cache_written_before_returning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read the cache right after a check: write it in the foreground (see cache.store)."""
    monkeypatch.setenv("KRAV_MELLOMLAGER_BAKGRUNN", "0")
