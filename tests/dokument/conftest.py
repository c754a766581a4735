"""Fixtures for the document and comment tests (the helpers are in utkast.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from utkast import make_draft_repo


@pytest.fixture(scope="session")
def draft_repo(tmp_path_factory) -> Path:
    return make_draft_repo(tmp_path_factory.mktemp("utkast") / "repo")


@pytest.fixture
def fresh_draft_repo(tmp_path) -> Path:
    return make_draft_repo(tmp_path / "repo")
