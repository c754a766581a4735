"""Unit tests of scripts.render: the Markdown pages generated from the records."""

from __future__ import annotations

import datetime
import html
import re
import shutil
from pathlib import Path

import markdown
import pytest

from sitehelpers import FIXTURE_REPO, PROJECT
from scripts import render
from scripts.messages import MESSAGES
from scripts.render.context import read_version
from scripts.render.text import esc, esc_paragraphs, safe_url

MAKSIMAL = PROJECT / "tests" / "fixtures" / "gyldig" / "maksimal"
UGYLDIG = PROJECT / "tests" / "fixtures" / "ugyldig"
TODAY = datetime.date(2026, 11, 22)


def to_html(text: str) -> str:
    """The Markdown as MkDocs renders it (same extensions as mkdocs.yml)."""
    body = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.DOTALL)
    return markdown.markdown(body, extensions=["attr_list", "tables", "admonition", "def_list", "md_in_html", "toc"])


@pytest.fixture(scope="module")
def site():
    ctx = render.prepare(FIXTURE_REPO, TODAY)
    return ctx, render.render_site(ctx)


@pytest.fixture(scope="module")
def maksimal():
    if not MAKSIMAL.is_dir():
        pytest.skip("tests/fixtures/gyldig/maksimal finnes ikke")
    ctx = render.prepare(MAKSIMAL, TODAY)
    return ctx, render.render_site(ctx)


def test_pages_cover_every_requirement_area_and_instrument(site):
    ctx, pages = site
    for krav_id in ("IK-001", "IK-002", "IK-003", "BE-001", "BE-002"):
        assert f"krav/{krav_id}.md" in pages
    assert {"mandat.md", "analyse.md", "regler.md", "lov/index.md", "standard/omfang.md",
            "standard/normative-referanser.md", "standard/internkontroll.md", "standard/bemanning.md"} <= set(pages)
    assert {"lov/lov-2021-06-18-97.md", "lov/for-2008-06-10-580.md", "lov/veileder-ik.md"} <= set(pages)
    assert not any(uri.startswith(("docs/", "/")) for uri in pages)


def test_areas_are_clauses_after_the_opening_clauses(site):
    ctx, pages = site
    assert [(a.id, a.clause) for a in ctx.areas] == [("internkontroll", 4), ("bemanning", 5)]
    assert pages["standard/internkontroll.md"].split("\n# ", 1)[1].startswith("4 Internkontroll")
    assert "## 4.1 " in pages["standard/internkontroll.md"]
    assert "## 5.2 Egen bemanningsplan" in pages["standard/bemanning.md"]
    nav = render.navigation(ctx)
    clauses = next(item["Standarden"] for item in nav if "Standarden" in item)
    assert [list(c)[0] for c in clauses] == ["1 Omfang", "2 Normative referanser", "3 Termer og definisjoner",
                                               "4 Internkontroll", "5 Bemanning", "Bibliografi", "Hele standarden (utskrift)"]


def test_requirement_page_shows_every_field(maksimal):
    ctx, pages = maksimal
    page = pages["krav/IK-001.md"]
    shown = html.unescape(to_html(page))
    for expected in ("Skriftlig internkontroll", "Krav (skal)", "Vedtatt", "gjennomgås minst én gang",
                     "Tilsyn finner ofte", "M1", "M2", "dokumentgjennomgang, intervju",
                     "Tid mellom hver gjennomgang av rutinene: minst 1 måned og høyst 12 måneder", "NHO Geneo",
                     "krav/internkontroll/IK-001.yaml"):
        assert expected in shown, expected
    assert "../lov/" in page and "#bvl-10-1" in page  # our page for the legal source
    assert "https://lovdata.no/lov/2021-06-18-97/§10-1" in page  # and Lovdata
    assert "Se også" in page and "BE-001.md" in page
    # Relations in the other direction: IK-002 depends on IK-001.
    assert "Andre krav som avhenger av dette" in page and "IK-002.md" in page


def test_relations_are_shown_in_both_directions(site):
    ctx, pages = site
    ik1 = pages["krav/IK-001.md"]
    assert "Andre krav som avhenger av dette:** [IK&#45;003" in ik1
    assert "Nevnt under «se også» i:** [BE&#45;001" in ik1
    ik3 = pages["krav/IK-003.md"]
    assert "**Erstatter:** [IK&#45;002" in ik3 and "**Avhenger av:** [IK&#45;001" in ik3


def test_withdrawn_requirement_is_marked_with_its_successor(site):
    ctx, pages = site
    page = pages["krav/IK-002.md"]
    assert '!!! danger "Trukket"' in page
    assert "erstattet av [IK&#45;003 Beskrivelse av internkontrollen](IK-003.md)" in page
    area = pages["standard/internkontroll.md"]
    assert "## Trukne bestemmelser" in area and "IK-002.md" in area.split("## Trukne bestemmelser")[1]
    # Only provisions in force get a clause number.
    assert "IK-002" not in ctx.clause_of


def test_withdrawn_without_successor_keeps_its_page(maksimal):
    ctx, pages = maksimal
    assert "Trukket" in pages["krav/IK-003.md"]
    assert "erstattet av" in pages["krav/IK-003.md"]  # IK-004 replaces IK-003


def test_law_page_lists_the_requirements_that_cite_it(site):
    ctx, pages = site
    page = pages["lov/lov-2021-06-18-97.md"]
    assert page.index("### § 10&#45;1") < page.index("### § 10&#45;7")  # reading order
    assert "{#bvl-10-1}" in page and "{#bvl-10-7}" in page
    section = page.split("{#bvl-10-7}", 1)[1].split("###", 1)[0]
    assert "../krav/IK-001.md" in section and "../krav/IK-003.md" in section
    assert "../krav/BE-001.md" not in section
    assert "{#omrade-internkontroll}" in page and "{#omrade-bemanning}" in page
    assert "https://lovdata.no/lov/2021-06-18-97/§10-7" in page
    assert "https://lovdata.no/dokument/NL/lov/2021-06-18-97" in page


def test_repealed_provision_is_marked(site):
    ctx, pages = site
    page = pages["lov/for-2008-06-10-580.md"]
    assert "Opphevet" in page and "til 2022&#45;12&#45;31 (opphevet)" in page
    assert "Gyldig:** fra 2023" in pages["lov/lov-2021-06-18-97.md"]
    assert "Opphevet" not in pages["lov/lov-2021-06-18-97.md"]


def test_other_sources_link_to_their_stored_address(site):
    ctx, pages = site
    assert "(https://www.bufdir.no/veileder-internkontroll)" in pages["lov/veileder-ik.md"]
    index = pages["lov/index.md"]
    assert "lov-2021-06-18-97.md" in index and "veileder-ik.md" in index


def test_injected_record_is_shown_as_text(site):
    ctx, pages = site
    for uri in ("krav/IK-001.md", "krav/IK-003.md", "krav/BE-001.md", "standard/internkontroll.md",
                "lov/lov-2021-06-18-97.md", "lov/veileder-ik.md"):
        rendered = to_html(pages[uri])
        assert "<script" not in rendered, uri
        assert "<img" not in rendered, uri
        assert not re.search(r"""href=["']?\s*javascript""", rendered, re.IGNORECASE), uri
        assert "onerror=" not in rendered, uri
    rendered = to_html(pages["krav/IK-001.md"])
    assert "&#60;script&#62;" in rendered and "<strong>Ikke fet</strong>" not in rendered
    # The page title in the front matter is HTML-escaped: the theme prints it as is.
    assert 'title: "IK-001 Skriftlige rutiner &lt;script&gt;' in pages["krav/IK-001.md"]
    nav_titles = str(render.navigation(ctx))
    assert "<" not in nav_titles


def test_escape_helpers():
    assert "<" not in esc("<b>x</b>") and "&" not in esc("&").replace("&#38;", "")
    assert "[" not in esc("[a](javascript:alert(1))") and "(" not in esc("(x)")
    assert esc(None) == "" and esc(["a", "b"]) == "a, b" and esc(True) == "ja"
    assert esc_paragraphs("første\n\nandre") == "første\n\nandre"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url("/lokal/sti") is None and safe_url(12) is None
    assert safe_url("https://example.org/a b") is None
    assert safe_url('https://example.org/")onmouseover=x') == "https://example.org/%22%29onmouseover=x"
    assert safe_url("https://lovdata.no/lov/2021-06-18-97/§10-1") == "https://lovdata.no/lov/2021-06-18-97/§10-1"


def test_rule_page_lists_every_catalogue_id(site):
    ctx, pages = site
    page = pages["regler.md"]
    for rule_id in MESSAGES:
        assert f"{{#{rule_id}}}" in page, rule_id
    assert "Regler i krav sjekk" in page
    # Norwegian only: the English docstrings stay in the code, placeholders read as ‹felt›.
    assert "engelsk" not in page and "{verdi}" not in page and "‹verdi›" in page


def test_findings_link_to_the_rule_page(site):
    ctx, pages = site
    page = pages["krav/IK-003.md"]
    assert "../regler.md#status-forslag-ufullstendig" in page
    analysis = pages["analyse.md"]
    assert "## Sporbarhet" in analysis and "lov/lov-2021-06-18-97.md#omrade-internkontroll" in analysis


def test_front_status_counts_per_area_and_status(site):
    ctx, pages = site
    status = re.sub(r"<[^>]+>", "", render.render_front_status(ctx))  # counts the filter can redo are in spans
    assert "| [4 Internkontroll](standard/internkontroll.md) | 1 | 1 | 1 | 3 |" in status
    assert "| **Totalt** | **2** | **2** | **1** | **5** |" in status
    assert "Versjon" in status


def test_version_falls_back_outside_git(tmp_path):
    version = read_version(tmp_path)
    assert version.describe == "ukjent versjon" and version.date is None


def test_bad_records_never_stop_the_site(tmp_path):
    """Every invalid fixture, and records with wrong types everywhere, still render."""
    for case in sorted(UGYLDIG.iterdir()) if UGYLDIG.is_dir() else []:
        if case.is_dir():
            render.render_site(render.prepare(case, TODAY))
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE_REPO, root)
    (root / "krav" / "internkontroll" / "IK-009.yaml").write_text(
        "id: IK-009\ntittel: [1, 2]\nområde: {a: b}\ntype: 7\ntekst:\n  - liste\nlovhjemler: bvl-10-1\n"
        "mål: M1\nrelasjoner: [5, {type: x}, {krav: IK-001}]\nparametere: [{navn: 3, min: a}]\nstatus: null\n",
        encoding="utf-8")
    (root / "krav" / "internkontroll" / "IK-010.yaml").write_text("id: IK-010\nstatus: trukket\n", encoding="utf-8")
    (root / "krav" / "bemanning" / "bad id.yaml").write_text("id: '../x'\n", encoding="utf-8")
    (root / "lovhjemler" / "veiledere" / "rar.yaml").write_text(
        "id: rar\ntype: lov\ninstrument: LOV-x\nparagraf: 9\nurl: javascript:alert(1)\ngyldig_til: i går\n",
        encoding="utf-8")
    ctx = render.prepare(root, TODAY)
    pages = render.render_site(ctx)
    assert "krav/IK-009.md" in pages and "krav/IK-010.md" in pages
    assert "standard/uten-omrade.md" in pages  # IK-009's area is not in the mandate
    assert not any("../x" in uri for uri in pages)
    assert not re.search(r"""href=["']?\s*javascript""", to_html(pages[ctx.instrument_of["rar"].uri]))
