"""Helpers shared by the site tests (a module of its own: `conftest` is not unique in tests/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
FIXTURE_REPO = Path(__file__).resolve().parent / "fixtures" / "repo"


def build_site(root: Path, dest: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the repository at `root` into `dest`, in a fresh process."""
    env = {**os.environ, "KRAV_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(PROJECT / "mkdocs.yml"),
         "-d", str(dest)],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)
