"""The site and published drafts: the banner on every page, comment handling, and mike versions."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from repotools import git_repository, mkdocs_config_in, project_mkdocs_config

from sitehelpers import PROJECT, build_site
from scripts import render
from scripts.check import check_repository
from scripts.loading import load_repository
from scripts.render.context import Version, build_context
from scripts.render.utgave_banner import banner_html, banner_text

MAKSIMAL = PROJECT / "tests" / "fixtures" / "gyldig" / "maksimal"
MINIMAL = PROJECT / "tests" / "fixtures" / "gyldig" / "minimal"


def context(root: Path, version: Version | None = None):
    repo = load_repository(root)
    return build_context(repo, check_repository(repo), version=version or Version("v0-1-3-gabc1234", "2026-11-30"),
                         today=datetime.date(2026, 12, 1))


def copy_fixture(source: Path, dest: Path) -> Path:
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("forventet.txt"))
    return dest


# --- The banner ------------------------------------------------------------------------------------

def test_banner_of_the_living_draft(monkeypatch) -> None:
    monkeypatch.delenv("KRAV_UTGAVE", raising=False)
    ctx = context(MINIMAL)
    assert banner_text(ctx) == "Arbeidsutkast, ikke sendt på høring, versjon v0-1-3-gabc1234, 30. november 2026"
    assert banner_html(ctx) == ('<p class="krav-utgave krav-utgave-arbeidsutkast" role="note" aria-label="Utgave">'
                                "Arbeidsutkast, ikke sendt på høring, versjon v0-1-3-gabc1234, 30. november 2026</p>\n")


def test_banner_never_shows_a_bare_hash(monkeypatch) -> None:
    monkeypatch.delenv("KRAV_UTGAVE", raising=False)
    ctx = context(MINIMAL, Version("abc1234", None))
    assert banner_text(ctx) == "Arbeidsutkast, ikke sendt på høring, versjon abc1234"


def test_banner_of_a_consultation_draft(monkeypatch) -> None:
    monkeypatch.setenv("KRAV_UTGAVE", "hoering-1")
    ctx = context(MAKSIMAL)
    assert banner_text(ctx) == ("prNS xxxx:2027 – høringsutkast, frist 1. april 2027 "
                                "(utgave hoering-1, publisert 25. januar 2027)")
    assert 'class="krav-utgave krav-utgave-horing"' in banner_html(ctx)
    monkeypatch.setenv("KRAV_UTGAVE", "komiteutkast-1")
    assert banner_text(context(MAKSIMAL)) == "prNS xxxx:2027 – komitéutkast (utgave komiteutkast-1, publisert 15. januar 2027)"
    monkeypatch.setenv("KRAV_UTGAVE", "utkast")  # the living draft's address, even at a draft's tag
    assert banner_text(context(MAKSIMAL)).startswith("Arbeidsutkast, ikke sendt på høring")


def test_banner_escapes_the_record(monkeypatch, tmp_path: Path) -> None:
    root = copy_fixture(MAKSIMAL, tmp_path / "repo")
    path = root / "utgaver/hoering-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("prNS xxxx:2027", '"<script>alert(1)</script> & co"'),
                    encoding="utf-8")
    monkeypatch.setenv("KRAV_UTGAVE", "hoering-1")
    out = banner_html(context(root))
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co – høringsutkast" in out


# --- Comment handling ------------------------------------------------------------------------------

def test_comment_handling_page_counts_and_marks_unhandled(monkeypatch) -> None:
    monkeypatch.delenv("KRAV_UTGAVE", raising=False)
    ctx = context(MAKSIMAL)
    pages = render.render_site(ctx)
    page = pages["kommentarer/hoering-1.md"]
    assert "# Kommentarbehandling: prNS xxxx&#58;2027 – høringsutkast, frist 1&#46; april 2027" in page
    assert "2 kommentarer er mottatt; 1 er behandlet og 1 er ikke behandlet ennå." in page
    assert "| generell | 1 |\n| teknisk | 1 |" in page
    assert "| [4 Internkontroll](../standard/internkontroll.md) | 1 |\n| Uten område (generelt) | 1 |" in page
    assert "| akseptert med endringer | 1 |\n| Ikke behandlet | 1 |" in page
    assert page.index("### NHO&#45;GENEO&#45;001") < page.index("### BUFDIR&#45;001")  # «Generelt» before 4.1
    assert "fra Bufdir · punkt [4&#46;1](../standard/internkontroll.md) · linje 12" in page
    nho = page.split("### NHO&#45;GENEO&#45;001", 1)[1]
    assert '<span class="krav-merke krav-ubehandlet">Ikke behandlet</span>' in nho
    bufdir = page.split("### BUFDIR&#45;001", 1)[1].split("###", 1)[0]
    assert "**Vedtak: akseptert med endringer** (10&#46; mai 2027). Avvik tas inn i IK&#45;001&#46;" in bufdir
    assert "kommentarer/index.md" in pages
    menu = [entry for entry in render.navigation(ctx) if "Kommentarbehandling" in entry]
    assert menu == [{"Kommentarbehandling": [{"Oversikt": "kommentarer/index.md"},
                                             {"prNS xxxx:2027 – høringsutkast, frist 1. april 2027":
                                              "kommentarer/hoering-1.md"}]}]


def test_provision_page_shows_its_comments(monkeypatch) -> None:
    monkeypatch.delenv("KRAV_UTGAVE", raising=False)
    pages = render.render_site(context(MAKSIMAL))
    section = pages["krav/IK-001.md"].split("## Kommentarer fra høring", 1)[1]
    assert "### BUFDIR&#45;001" in section
    assert "(../kommentarer/hoering-1.md#BUFDIR-001)" in section
    assert "Rutinene bør også omfatte avviksbehandling&#46;" in section
    assert "**Vedtak: akseptert med endringer**" in section
    assert "Kommentarer fra høring" not in pages["krav/IK-002.md"]


def test_no_comment_pages_without_drafts() -> None:
    ctx = context(MINIMAL)
    assert not any(uri.startswith("kommentarer/") for uri in render.render_site(ctx))
    assert not any("Kommentarbehandling" in entry for entry in render.navigation(ctx))


def test_comment_text_is_escaped(tmp_path: Path) -> None:
    root = copy_fixture(MAKSIMAL, tmp_path / "repo")
    path = root / "kommentarer/hoering-1/NHO-GENEO-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Standarden er lett å lese.", '"<img src=x onerror=alert(1)> [lenke](javascript:alert(1))"')
        .replace("fra: NHO Geneo", 'fra: "<b>NHO</b>"'), encoding="utf-8")
    pages = render.render_site(context(root))
    for uri in ("kommentarer/hoering-1.md", "kommentarer/index.md"):
        assert "<img" not in pages[uri] and "<b>" not in pages[uri] and "](javascript" not in pages[uri]


# --- The built site -----------------------------------------------------------------------------------

def test_every_built_page_carries_the_banner(tmp_path: Path) -> None:
    dest = tmp_path / "nettsted"
    done = build_site(MAKSIMAL, dest)
    assert done.returncode == 0, done.stderr
    pages = [p for p in dest.rglob("index.html")]
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<p class="krav-utgave krav-utgave-' in text, page
        assert "Arbeidsutkast, ikke sendt på høring, versjon " in text or "høringsutkast" in text, page
    css = (dest / "stylesheets/utgave.css").read_text(encoding="utf-8")
    assert "@media print" in css and ".krav-utgave { display: block !important;" in css
    assert '"version": null' in (dest / "index.html").read_text(encoding="utf-8")  # no selector outside mike
    assert (dest / "kommentarer/hoering-1/index.html").is_file()


# --- mike: one address per version --------------------------------------------------------------------

def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout.strip()


def test_mike_deploys_each_draft_at_its_own_address(tmp_path: Path, monkeypatch) -> None:
    """Two versions in a temporary git repository (nothing pushed, no network)."""
    from scripts import cli
    from scripts.nettsted_versjon import Refusal, deploy

    monkeypatch.delenv("KRAV_UTGAVE", raising=False)
    root = git_repository(MINIMAL, tmp_path / "standard")
    assert cli.main(["utgave", "ny", "hoering-1", "--stadium", "høring", "--dato", "2027-01-25",
                     "--start", "2027-02-01", "--sti", str(root)]) == 0
    config_file = mkdocs_config_in(tmp_path)

    deploy(root, "hoering-1", config_file, push=False)
    (root / "krav/internkontroll/README.md").write_text("# Krav\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Videre arbeid")
    with pytest.raises(Refusal, match="er ikke utgaven «hoering-1»"):
        deploy(root, "hoering-1", config_file, push=False)  # only from the draft's own tag
    deploy(root, "utkast", config_file, push=False)

    assert json.loads(git(root, "show", "gh-pages:versions.json")) == [
        {"version": "utkast", "title": "Arbeidsutkast", "aliases": []},
        {"version": "hoering-1", "title": "prNS xxxx:2027 – høringsutkast, frist 1. april 2027", "aliases": []},
    ]
    top = set(git(root, "ls-tree", "--name-only", "gh-pages").split())
    assert {"hoering-1", "utkast", "versions.json", "index.html"} <= top
    assert 'url=utkast/' in git(root, "show", "gh-pages:index.html")  # the default address
    for version in ("hoering-1", "utkast"):  # every version is a whole site, hand-written pages included
        files = set(git(root, "ls-tree", "-r", "--name-only", f"gh-pages:{version}").split())
        assert {"index.html", "om-standarden/index.html", "stylesheets/utgave.css", "endringer/index.html",
                "krav/IK-001/index.html"} <= files, version
    draft_page = git(root, "show", "gh-pages:hoering-1/krav/IK-001/index.html")
    assert "prNS xxxx:2027 – høringsutkast, frist 1. april 2027 (utgave hoering-1, publisert 25. januar 2027)" in draft_page
    assert '"version": {"provider": "mike"}' in draft_page  # the version selector
    living = git(root, "show", "gh-pages:utkast/krav/IK-001/index.html")
    assert "Arbeidsutkast, ikke sendt på høring, versjon hoering-1-1-g" in living
    assert git(root, "status", "--porcelain") == ""  # nothing left in the work tree
    assert git(root, "remote") == ""  # and nowhere to push to


# --- «Endringer»: since the previous published draft ----------------------------------------------------

def _git_repo(tmp_path: Path) -> Path:
    root = git_repository(MINIMAL, tmp_path / "standard")
    return root


def test_changes_page_compares_with_the_previous_draft(tmp_path: Path, monkeypatch) -> None:
    from scripts import cli

    monkeypatch.delenv("KRAV_UTGAVE", raising=False)
    root = _git_repo(tmp_path)
    assert "Ingen utgave er publisert ennå" in render.render_site(context(root))["endringer.md"]
    assert cli.main(["utgave", "ny", "hoering-1", "--stadium", "høring", "--dato", "2027-01-25",
                     "--start", "2027-02-01", "--sti", str(root)]) == 0
    assert "Dette er den første publiserte utgaven" in render.render_site(context(root))["endringer.md"]
    # Work goes on: one provision reworded, one added, one source added.
    path = root / "krav/internkontroll/IK-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("for internkontroll.", "for internkontroll og <avvik>."),
                    encoding="utf-8")
    (root / "krav/internkontroll/IK-002.yaml").write_text(
        "id: IK-002\ntittel: Opplæring\nområde: internkontroll\ntype: anbefaling\n"
        "tekst: Nyansatte bør få opplæring i rutinene.\nutover_lov: true\nverifisering: [intervju]\n"
        "begrunnelse: Opplæring gjør rutinene kjent.\nstatus: forslag\n", encoding="utf-8")
    monkeypatch.setenv("KRAV_UTGAVE", "utkast")
    page = render.render_site(context(root))["endringer.md"]
    assert "Hva som er endret i arbeidsutkastet siden prNS xxxx&#58;2027 – høringsutkast, frist 1&#46; april 2027 (utgave hoering&#45;1" in page
    assert "| Bestemmelser | 1 | 1 | 0 | 0 |" in page
    new = page.split("## Nye bestemmelser", 1)[1].split("##", 1)[0]
    assert "[IK&#45;002 Opplæring](krav/IK-002.md)" in new
    changed = page.split("## Endrede bestemmelser", 1)[1]
    assert "[IK&#45;001 Skriftlig internkontroll](krav/IK-001.md)" in changed
    assert "Tekst omformulert" in changed and "<ins>" in changed and "&#60;avvik&#62;" in changed
    assert "<avvik>" not in page
    # Publishing a second draft: its own page compares with the first, the living draft with the second.
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Videre")
    assert cli.main(["utgave", "ny", "hoering-2", "--stadium", "høring", "--dato", "2027-06-01",
                     "--sti", str(root)]) == 0
    monkeypatch.setenv("KRAV_UTGAVE", "hoering-2")
    page = render.render_site(context(root))["endringer.md"]
    assert "Hva som er endret i utgaven prNS xxxx&#58;2027 – høringsutkast, frist 1&#46; august 2027" in page
    assert "siden prNS xxxx&#58;2027 – høringsutkast, frist 1&#46; april 2027 (utgave hoering&#45;1" in page
    monkeypatch.setenv("KRAV_UTGAVE", "utkast")
    page = render.render_site(context(root))["endringer.md"]
    assert "(utgave hoering&#45;2" in page and "Ingen poster er endret." in page


def test_front_page_says_which_draft_it_is(monkeypatch) -> None:
    monkeypatch.setenv("KRAV_UTGAVE", "hoering-1")
    front = render.render_front_status(context(MAKSIMAL))
    assert front.startswith('!!! warning "Utkast – ikke en fastsatt standard"\n    Dette er **prNS xxxx&#58;2027 – '
                            "høringsutkast, frist 1&#46; april 2027** (utgave hoering&#45;1, publisert 25&#46; januar "
                            "2027). Utkastet er på høring; kommentarer sendes innen 1&#46; april 2027. Bestemmelsene kan bli "
                            "endret etter høringen.\n")
    monkeypatch.setenv("KRAV_UTGAVE", "utkast")
    front = render.render_front_status(context(MAKSIMAL))
    assert "    Dette er et arbeidsutkast fra komiteen. Versjon **v0&#45;1&#45;3&#45;gabc1234**" in front


def test_a_version_with_build_warnings_is_not_deployed(tmp_path: Path, monkeypatch) -> None:
    """mike builds without --strict; the hook makes a deployed version as strict as `make site`."""
    from scripts.nettsted_versjon import Refusal, deploy

    monkeypatch.delenv("KRAV_UTGAVE", raising=False)
    root = _git_repo(tmp_path)
    config = project_mkdocs_config()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Forside\n\n[Brutt lenke](finnes-ikke.md)\n", encoding="utf-8")
    config.update(docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "bygg"),
                  hooks=[str(PROJECT / "scripts/mkdocs_hooks.py")], watch=[], extra_css=[])
    config["theme"]["custom_dir"] = str(PROJECT / config["theme"]["custom_dir"])  # relative to the project
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    with pytest.raises(Refusal, match=r"mike stoppet: .*Versjonen publiseres ikke: bygget ga \d+ advarsler"):
        deploy(root, "utkast", config_file, push=False)
    assert subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "--quiet", "gh-pages"],
                          capture_output=True).returncode != 0  # nothing was committed

