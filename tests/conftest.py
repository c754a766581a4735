"""Shared test helpers: a fresh copy of a repository, and the `krav` command as a process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def copy_repository(source: Path, target: Path) -> Path:
    """A copy of the record folders (and mkdocs.yml/docs when present) of `source` at `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("krav", "lovhjemler", "mandat", "termer", "utgaver", "kommentarer", "docs"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, symlinks=True)
    for name in ("mkdocs.yml",):
        if (source / name).is_file():
            shutil.copy2(source / name, target / name)
    return target


@pytest.fixture
def repo_copy(tmp_path: Path):
    """`repo_copy()` copies tests/fixtures/gyldig/minimal; `repo_copy("ugyldig/x")` another fixture;
    `repo_copy(ROOT)` the repository's own content. Each call gives a new folder."""
    counter = iter(range(1000))

    def make(source: "str | Path" = "gyldig/minimal") -> Path:
        folder = Path(source) if Path(source).is_absolute() else FIXTURES / source
        return copy_repository(folder, tmp_path / f"repo{next(counter)}")

    return make


def run_krav(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: float = 120,
             encoding: str = "utf-8") -> subprocess.CompletedProcess:
    """Run `python -m scripts ARGS` as a user would, with a time limit (a hang is a failure)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=cwd, env=full_env, capture_output=True,
                          timeout=timeout, encoding=encoding, errors="strict")
