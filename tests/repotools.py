"""Helpers shared by every test folder (a module of its own: `conftest` is not unique in tests/)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def record_calls(monkeypatch, owner, name: str, note) -> list:
    """Replace owner.<name> by a wrapper that calls it unchanged and appends `note(*args, **kwargs)`
    to the returned list first (what a test wants to know about each call)."""
    calls: list = []
    original = getattr(owner, name)

    def spy(*args, **kwargs):
        calls.append(note(*args, **kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    return calls


def load_script(path: Path, name: str):
    """A script that is not a package module (a fixture generator) loaded as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_fixtures_match(root: Path, generated: dict, expected_output: frozenset = frozenset({"forventet.txt"})) -> None:
    """Every generated fixture folder under `root` holds exactly the generated files, byte for
    byte (its expected output aside, and the git-ignored cache a `krav` run may leave)."""
    for name, files in generated.items():
        folder = root / name
        present = {p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.is_file() and p.name not in expected_output
                   and not {".krav-cache", "__pycache__"} & set(p.relative_to(folder).parts)}
        assert present == set(files), name
        for rel, content in files.items():
            expected = content if isinstance(content, bytes) else content.encode("utf-8")
            assert (folder / rel).read_bytes() == expected, f"{name}/{rel}"


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


def run_krav(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: float = 120,
             encoding: str = "utf-8") -> subprocess.CompletedProcess:
    """Run `python -m scripts ARGS` as a user would, with a time limit (a hang is a failure)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=cwd, env=full_env, capture_output=True,
                          timeout=timeout, encoding=encoding, errors="strict")


def project_mkdocs_config() -> dict:
    """The project's mkdocs.yml as MkDocs itself reads it (`!ENV` tags resolved), for tests that
    write a copy pointed at temporary folders."""
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    # Paths MkDocs resolves beside the config file point into the project, wherever the copy is.
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    return config


def git_repository(source: Path, target: Path) -> Path:
    """A copy of the repository at `source` as a fresh git repository with one commit «Start»
    (a fixed identity, no signing), for tests of drafts, tags and history."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("forventet.txt"))

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(target), *args], check=True, capture_output=True)
    git("init", "--quiet", "--initial-branch=main")
    for key, value in (("user.name", "Redaktør"), ("user.email", "r@example.org"), ("commit.gpgsign", "false"),
                       ("tag.gpgsign", "false")):
        git("config", key, value)
    git("add", "-A")
    git("commit", "--quiet", "-m", "Start")
    return target


def mkdocs_config_in(folder: Path, copy_docs: bool = True, **overrides) -> Path:
    """The project's mkdocs.yml pointed at absolute paths, written into `folder`, so a build writes
    only under it (the hand-written docs/ are copied beside it unless `copy_docs` is false)."""
    import yaml

    config = project_mkdocs_config()
    if copy_docs:
        shutil.copytree(ROOT / "docs", folder / "docs")
    config.update(docs_dir=str(folder / "docs"), site_dir=str(folder / "bygg"),
                  hooks=[str(ROOT / "scripts/mkdocs_hooks.py")], watch=[], **overrides)
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])  # relative to the project
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path
