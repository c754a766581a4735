"""Fixtures for the change-report tests: a temporary git repository (see gitrepo.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import Repo


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")
