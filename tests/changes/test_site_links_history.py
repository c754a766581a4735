"""The site's «Foreslå endring» / «Kommenter» links, source ids on law pages, and each
requirement's history from git (scripts/render/bidra.py, historikk.py)."""

from __future__ import annotations

import datetime
import html
import shutil

from gitrepo import Repo, git
from scripts import render

TODAY = datetime.date(2026, 12, 2)
URL = "https://github.com/eier/standard"
BE1 = "krav/bemanning/BE-001.yaml"


def _pages(root, **links):
    ctx = render.prepare(root, TODAY, **links)
    return ctx, render.render_site(ctx)


def test_requirement_source_and_area_pages_link_to_github(repo: Repo) -> None:
    ctx, pages = _pages(repo.root, repo_url=URL + "/")
    page = pages["krav/IK-001.md"]
    assert f'href="{URL}/edit/main/krav/internkontroll/IK-001.yaml"' in page
    assert (f'href="{URL}/issues/new?template=innspill-til-krav.yml&amp;title=Innspill%20til%20IK-001'
            '&amp;krav=IK-001"') in page
    area = next(uri for uri in pages if uri.startswith("standard/") and "bemanning" in uri)
    assert f'href="{URL}/edit/main/mandat/mandat.yaml"' in pages[area]
    law = next(text for uri, text in pages.items() if uri.startswith("lov/") and "fbi&#45;3" in text)
    assert "**Id:** <code>fbi&#45;3</code>" in law
    assert f"{URL}/edit/main/lovhjemler/fbi/fbi-3.yaml" in law and "kilde=fbi-3" in law


def test_links_are_left_out_without_a_safe_repository_address(repo: Repo) -> None:
    for value in (None, "javascript:alert(1)", "ikke en adresse"):
        _, pages = _pages(repo.root, repo_url=value)
        assert "Foreslå endring" not in pages["krav/IK-001.md"]


def test_branch_setting(repo: Repo) -> None:
    _, pages = _pages(repo.root, repo_url=URL, branch="utkast")
    assert f"{URL}/edit/utkast/krav/internkontroll/IK-001.yaml" in pages["krav/IK-001.md"]
    _, pages = _pages(repo.root, repo_url=URL, branch="../../x")
    assert f"{URL}/edit/main/krav/" in pages["krav/IK-001.md"]


def test_history_shows_introduction_and_classified_changes(repo: Repo) -> None:
    repo.replace(BE1, "min: 2", "min: 3")
    repo.replace(BE1, "status: forslag", "status: vedtatt")
    repo.commit("Skjerp nattbemanningen <script>alert(1)</script> @komiteen")
    _, pages = _pages(repo.root)
    page = pages["krav/BE-001.md"]
    raw = page.split("## Historikk\n", 1)[1]
    history = html.unescape(raw)
    assert history.startswith("\nInnført 1. desember 2026 (`")
    assert "Status endret: forslag → vedtatt" in history
    assert "Parametergrense skjerpet: bemanning.natt.vakne_voksne min 2 → 3 personer" in history
    assert "<script>" not in raw and "&#60;script&#62;" in raw and "@komiteen" in history
    assert history.count("- **1. desember 2026**") == 2  # introduced, then changed


def test_history_follows_a_moved_file_and_marks_withdrawal(repo: Repo) -> None:
    git(repo.root, "mv", "krav/internkontroll/IK-004.yaml", "krav/bemanning/IK-004.yaml")
    repo.replace("krav/bemanning/IK-004.yaml", "område: internkontroll", "område: bemanning")
    repo.commit("flytt")
    repo.replace("krav/bemanning/IK-004.yaml", "status: vedtatt", "status: trukket")
    repo.commit("trekk")
    _, pages = _pages(repo.root)
    history = html.unescape(pages["krav/IK-004.md"].split("## Historikk\n", 1)[1])
    assert "Flyttet til et annet område: internkontroll → bemanning" in history
    assert "· Trukket ·" in history and history.count("· Innført ·") == 1


def test_history_names_the_first_published_draft(repo: Repo) -> None:
    repo.write("utgaver/komiteutkast-1.yaml", 'id: komiteutkast-1\nbetegnelse: prNS xxxx:2027\n'
                                              'stadium: komitéutkast\ndato: "2027-01-15"\n')
    repo.commit("utkast 1")
    git(repo.root, "tag", "komiteutkast-1")
    repo.write("krav/bemanning/BE-002.yaml", "id: BE-002\ntittel: Vikarer\nområde: bemanning\ntype: anbefaling\n"
                                             "tekst: Vikarer bør kjenne rutinene.\nlovhjemler: [bvl]\nstatus: forslag\n")
    repo.commit("BE-002")
    _, pages = _pages(repo.root)
    assert "Først med i utgaven prNS xxxx:2027." in html.unescape(pages["krav/BE-001.md"])
    assert "Først med i utgaven" not in pages["krav/BE-002.md"]


def test_history_is_skipped_outside_git(tmp_path) -> None:
    from gitrepo import MAKSIMAL

    shutil.copytree(MAKSIMAL, tmp_path / "r")
    _, pages = _pages(tmp_path / "r")
    assert "Historikken fra git er ikke tilgjengelig for denne bestemmelsen." in pages["krav/BE-001.md"]


def test_history_links_commits_when_the_repository_address_is_set(repo: Repo) -> None:
    commit = git(repo.root, "rev-parse", "HEAD").strip()
    _, pages = _pages(repo.root, repo_url=URL)
    assert f"[`{commit[:7]}`]({URL}/commit/{commit})" in pages["krav/BE-001.md"]
