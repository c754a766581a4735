"""The publish build follows the check; the preview shows the draft anyway.

`make site` (mkdocs build --strict) stops with the check's own Norwegian messages when any
record has an error, so a record that fails to load never silently vanishes from a published
draft. `make serve` starts all the same, lists the errors and puts a banner on every page;
a busy port is one Norwegian line.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sitehelpers import build_site

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def broken_copy(repo_copy) -> Path:
    root = repo_copy()
    (root / "krav/internkontroll/IK-002.yaml").write_text("id: IK-002\ntittel: [ikke lukket\n", encoding="utf-8")
    return root


def test_publish_build_stops_with_the_check_messages(repo_copy, tmp_path: Path) -> None:
    result = build_site(broken_copy(repo_copy), tmp_path / "site")
    assert result.returncode != 0
    assert "Utkastet publiseres ikke fordi postene har feil" in result.stdout + result.stderr
    assert "krav/internkontroll/IK-002.yaml:3:" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_preview_banner_escapes_and_counts() -> None:
    from scripts.findings import Finding
    from scripts.render import render_error_banner

    errors = [Finding("yaml-syntaks", "feil", f"krav/a/<b>{i}.yaml", 1, 1, "<script>x</script>") for i in range(7)]
    banner = render_error_banner(errors)
    assert "Postene har 7 feil" in banner and "… og 2 til." in banner
    assert "<script>" not in banner and "&lt;script&gt;" in banner


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_starts_with_errors_and_shows_the_banner(repo_copy) -> None:
    root = broken_copy(repo_copy)
    port = _free_port()
    env = {**os.environ, "KRAV_ROOT": str(root), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "scripts.serve", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = None
        for _ in range(120):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert page is not None, "make serve did not start"
        assert "krav-feilbanner" in page and "Postene har 1 feil" in page
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "IK-002.yaml:3:" in output


def test_a_busy_port_is_one_norwegian_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "scripts.serve", str(port)], cwd=ROOT, capture_output=True,
                                text=True, timeout=30, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert result.stderr == (f"krav: port {port} er allerede i bruk (kjører «make serve» et annet sted?); "
                             f"velg en annen, for eksempel «make serve PORT={port + 1}».\n")


def test_a_page_in_docs_linking_out_of_the_project_is_not_published(tmp_path: Path) -> None:
    import shutil

    project = tmp_path / "prosjekt"
    for name in ("docs", "overrides", "scripts", "schemas", "krav", "lovhjemler", "mandat"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    secret = tmp_path / "hemmelig.md"
    secret.write_text("HEMMELIG-INNHOLD\n", encoding="utf-8")
    os.symlink(secret, project / "docs" / "lekkasje.md")
    env = {k: v for k, v in os.environ.items() if k != "KRAV_ROOT"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], cwd=project, env={**env, "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True, timeout=600)
    assert "«lekkasje.md» er en symbolsk lenke ut av repositoriet og blir ikke publisert." in result.stderr
    published = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert not any("HEMMELIG-INNHOLD" in p.read_text(encoding="utf-8", errors="ignore") for p in published)
