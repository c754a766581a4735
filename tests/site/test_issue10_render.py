"""Issue 10 on the site: each source's verification and replacement, the warning on a
requirement resting on unverified sources, the structure coverage, and clause 3 from termer/."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest

from sitehelpers import PROJECT
from test_render import to_html
from scripts import render

MAKSIMAL = PROJECT / "tests" / "fixtures" / "gyldig" / "maksimal"
STRUCTURE = PROJECT / "tests" / "analyse" / "fixtures" / "dekning-paragrafer"
TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(scope="module")
def maksimal():
    ctx = render.prepare(MAKSIMAL, TODAY)
    return ctx, render.render_site(ctx)


def _provision(page: str, anchor: str) -> str:
    start = page.index(f"{{#{anchor}}}")
    end = page.find("\n### ", start)
    return page[start:end if end > 0 else None]


def test_source_page_shows_where_and_when_it_was_seen(maksimal):
    _, pages = maksimal
    section = _provision(pages["lov/lov-2021-06-18-97.md"], "bvl-10-1")
    assert "**Sett i kilden:** [barnevernsloven&#46;no](https://www.barnevernsloven.no/10-1), 19&#46; november 2026 (kopi, ikke primærkilde)" in section
    assert "[lovdata&#46;no](https://lovdata.no/lov/2021-06-18-97/§10-1), 20&#46; november 2026 (primærkilde)" in section
    assert "Ikke verifisert" not in section


def test_unverified_source_is_marked(maksimal):
    _, pages = maksimal
    section = _provision(pages["lov/for-2022-12-16-2272.md"], "fbi-3")
    assert "krav-uverifisert" in section and "ingen har ennå registrert" in section


def test_replaced_source_links_its_successor(maksimal):
    _, pages = maksimal
    section = _provision(pages["lov/lov-1992-07-17-100.md"], "bvl-1992")
    assert "**Erstattet av:** [barnevernsloven (LOV&#45;2021&#45;06&#45;18&#45;97)](lov-2021-06-18-97.md)" in section
    assert "ikke oppgitt" not in section  # gyldig_til is known


def test_requirement_page_warns_about_unverified_sources(maksimal):
    _, pages = maksimal
    assert '!!! warning "Bygger på kilder som ikke er verifisert"' in pages["krav/BE-001.md"]
    assert "[barnevernsloven](../lov/lov-2021-06-18-97.md#bvl)" in pages["krav/BE-001.md"]
    assert "ikke er verifisert" not in pages["krav/IK-001.md"]  # both its sources are verified


def test_terms_are_clause_3_in_iso_style(maksimal):
    ctx, pages = maksimal
    page = pages["standard/termer-og-definisjoner.md"]
    assert page.index('### 3.1 {#avvik data-toc-label="3.1 avvik"}') < page.index("### 3.2 {#barnevernsinstitusjon ")
    assert "**barnevernsinstitusjon**\n\ninstitusjon der barn bor" in page
    assert "Merknad 1 til termen: Omfatter både statlige" in page
    assert "[KILDE: [barnevernsloven kapittel 10](../lov/lov-2021-06-18-97.md#bvl-kap10)]" in page
    assert {"3 Termer og definisjoner": "standard/termer-og-definisjoner.md"} in render.navigation(ctx)[3]["Standarden"]


def test_terms_sort_in_norwegian_order_and_escape_their_text(tmp_path: Path):
    root = tmp_path / "repo"
    shutil.copytree(MAKSIMAL, root, ignore=shutil.ignore_patterns(".krav-cache"))
    for ident, term in (("aa", "åpen post"), ("oe", "økt"), ("ae", "ærend"),
                        ("z", "zone <script>alert(1)</script> } {: onclick=x} \\\" ")):
        (root / "termer" / f"{ident}.yaml").write_text(
            f"id: {ident}\nterm: \"{term}\"\ndefinisjon: noe @bruker <b>fet</b>\n", encoding="utf-8")
    ctx = render.prepare(root, TODAY)
    page = render.render_site(ctx)["standard/termer-og-definisjoner.md"]
    order = [page.index(f"{{#{i} ") for i in ("avvik", "barnevernsinstitusjon", "z", "ae", "oe", "aa")]
    assert order == sorted(order)
    assert "<script>" not in page and "<b>" not in page
    html = to_html(page)
    assert not re.search(r"<[^>]*\sonclick", html) and "<script>" not in html
    assert 'id="z"' in html  # the heading and its anchor survive the hostile term


def test_no_terms_says_so(tmp_path: Path):
    root = tmp_path / "repo"
    shutil.copytree(MAKSIMAL, root, ignore=shutil.ignore_patterns(".krav-cache", "termer"))
    page = render.render_site(render.prepare(root, TODAY))["standard/termer-og-definisjoner.md"]
    assert "Ingen termer og definisjoner er oppført i dette dokumentet." in page


def test_analysis_page_shows_the_structure_coverage():
    ctx = render.prepare(STRUCTURE, datetime.date(2026, 6, 1))
    page = render.render_site(ctx)["analyse.md"]
    section = page[page.index("## Dekning per lov og forskrift"):page.index("## Sporbarhet")]
    assert "| barnevernsloven | LOV&#45;2021&#45;06&#45;18&#45;97 | 2 av 3 (67\u00a0%) | [barnevernsloven § 10&#45;2](lov/lov-2021-06-18-97.md#bvl-10-2) |" in section
    assert "| tilsynsforskriften | FOR&#45;2022&#45;12&#45;16&#45;2272 | ingen registrert | – |" in section


def test_rules_page_lists_the_vague_words(maksimal):
    _, pages = maksimal
    page = pages["regler.md"]
    assert "## Vage ord {#vage-ord}" in page
    assert "| jevnlig&#42; | sier ikke hvor ofte&#46; |" in page


def test_replaced_source_without_last_day_counts_as_repealed(tmp_path: Path):
    root = tmp_path / "repo"
    shutil.copytree(MAKSIMAL, root, ignore=shutil.ignore_patterns(".krav-cache"))
    path = root / "lovhjemler" / "bvl-1992" / "bvl-1992.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('gyldig_til: "2022-12-31"\n', ""), encoding="utf-8")
    page = render.render_site(render.prepare(root, TODAY))["lov/lov-1992-07-17-100.md"]
    section = _provision(page, "bvl-1992")
    assert '<span class="krav-merke krav-opphevet">Opphevet</span>' in section
    assert "siste dag kilden gjaldt er ikke oppgitt ennå" in section


def test_law_is_in_the_bibliography_not_a_normative_reference(maksimal):
    _, pages = maksimal
    normative = pages["standard/normative-referanser.md"]
    assert "Det er ingen normative referanser i dette dokumentet." in normative
    assert "(bibliografi.md)" in normative
    biblio = pages["standard/bibliografi.md"]
    laws = biblio[biblio.index("## Lover og forskrifter"):biblio.index("## Andre kilder")]
    assert "&#91;1&#93; [Lov om barnevern &#40;barnevernsloven&#41;](../lov/lov-2021-06-18-97.md)" in laws
    assert "lov-1992-07-17-100" not in biblio  # cited only by a withdrawn requirement
    assert "[Trygg barndom, sikker fremtid](../lov/nou-2023-7.md)" in biblio[biblio.index("## Andre kilder"):]


def test_a_cited_standard_is_a_normative_reference(tmp_path: Path):
    root = tmp_path / "repo"
    shutil.copytree(MAKSIMAL, root, ignore=shutil.ignore_patterns(".krav-cache"))
    (root / "lovhjemler" / "ns").mkdir()
    (root / "lovhjemler" / "ns" / "ns-en-iso-9001.yaml").write_text(
        "id: ns-en-iso-9001\ntype: standard\ninstrument: NS-EN ISO 9001:2015\ntittel: Ledelsessystemer for kvalitet\n"
        "sammendrag: Krav til ledelsessystemer for kvalitet.\nurl: https://www.standard.no/\nområder: [internkontroll]\n",
        encoding="utf-8")
    path = root / "krav" / "internkontroll" / "IK-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[bvl-10-1, nou-2023-7]", "[bvl-10-1, nou-2023-7, ns-en-iso-9001]"),
                    encoding="utf-8")
    pages = render.render_site(render.prepare(root, TODAY))
    assert ("[Ledelsessystemer for kvalitet](../lov/ns-en-iso-9001-2015.md), NS&#45;EN ISO 9001&#58;2015"
            in pages["standard/normative-referanser.md"])
    assert "ns-en-iso-9001" not in pages["standard/bibliografi.md"]


def test_source_index_counts_verified_provisions(maksimal):
    _, pages = maksimal
    index = pages["lov/index.md"]
    assert "| Verifisert i primærkilde |" in index
    row = next(line for line in index.splitlines() if "lov-2021-06-18-97.md" in line)
    assert row.endswith("| 2 av 3 |")  # bvl-10-1 and bvl-kap10 seen at Lovdata, bvl not
