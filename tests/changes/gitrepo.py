"""Temporary git repositories for the change-report tests (tests build them; nothing is committed)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAKSIMAL = ROOT / "tests" / "fixtures" / "gyldig" / "maksimal"
_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
        "GIT_AUTHOR_DATE": "2026-12-01T10:00:00Z", "GIT_COMMITTER_DATE": "2026-12-01T10:00:00Z"}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          env={**os.environ, **_ENV}, check=True)
    return done.stdout


class Repo:
    """A git repository holding a copy of a fixture repository, with helpers to edit and commit."""

    def __init__(self, root: Path, source: Path = MAKSIMAL) -> None:
        self.root = root
        shutil.copytree(source, root)
        git(root, "init", "-q", "-b", "main")
        self.commit("base")
        git(root, "tag", "base")
        self.tag_drafts()

    def tag_drafts(self) -> None:
        """Give each published draft in utgaver/ its annotated tag at the commit that added it, as
        `krav utgave ny` does (rule utgave-tagg-mangler); the base commit added the fixture's drafts."""
        for record in sorted((self.root / "utgaver").glob("*.yaml")):
            if not git(self.root, "tag", "--list", record.stem).strip():
                added = git(self.root, "log", "--diff-filter=A", "--format=%H", "-1", "--",
                            f"utgaver/{record.name}").strip()
                git(self.root, "tag", "-a", record.stem, "-m", f"Utgave {record.stem}", added)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, (rel, old)
        self.write(rel, text.replace(old, new, 1))

    def delete(self, rel: str) -> None:
        self.path(rel).unlink()

    def commit(self, message: str) -> str:
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "--allow-empty", "-m", message)
        return git(self.root, "rev-parse", "HEAD").strip()

