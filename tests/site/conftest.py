"""Shared fixtures for the site tests: the small fixture repository and a built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitehelpers import FIXTURE_REPO, build_site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture repository published into a temporary folder (built once per session)."""
    dest = tmp_path_factory.mktemp("nettsted")
    done = build_site(FIXTURE_REPO, dest)
    assert done.returncode == 0, f"mkdocs build --strict feilet:\n{done.stdout}\n{done.stderr}"
    assert "WARNING" not in done.stderr, done.stderr
    return dest
