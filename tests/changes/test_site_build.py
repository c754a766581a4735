"""The built site (mkdocs build --strict through the hook): links from mkdocs.yml's one
`extra.repo_url` setting, and a requirement's history from the git repository published."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from repotools import project_mkdocs_config

from gitrepo import Repo

PROJECT = Path(__file__).resolve().parents[2]


def _repo_url() -> str:
    config = project_mkdocs_config()
    return config["extra"]["repo_url"]


def test_built_pages_link_to_github_and_show_history(tmp_path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.replace("krav/bemanning/BE-001.yaml", "min: 2", "min: 3")
    repo.commit("Skjerp nattbemanningen")
    dest = tmp_path / "nettsted"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f",
                           str(PROJECT / "mkdocs.yml"), "-d", str(dest)], cwd=PROJECT,
                          env={**os.environ, "KRAV_ROOT": str(repo.root), "NO_MKDOCS_2_WARNING": "1"},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    url = _repo_url()
    page = (dest / "krav" / "BE-001" / "index.html").read_text(encoding="utf-8")
    assert f'href="{url}/edit/main/krav/bemanning/BE-001.yaml"' in page
    assert "template=innspill-til-krav.yml" in page and "krav=BE-001" in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "Parametergrense skjerpet: bemanning.natt.vakne_voksne min 2 → 3 personer" in text
    assert "Skjerp nattbemanningen" in text
    laws = [p.read_text(encoding="utf-8") for p in (dest / "lov").rglob("index.html")]
    law = next(text for text in laws if "kilde=fbi-3" in text)
    assert "<code>fbi&#45;3</code>" in law or "<code>fbi-3</code>" in law
