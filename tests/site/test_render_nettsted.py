"""Unit tests of the reader-facing site (issue 13): pages speak to readers, not developers;
Norwegian plurals and units; whom each requirement applies to (gjelder_for)."""

from __future__ import annotations

import datetime
import html
import json
import re

import pytest

from sitehelpers import FIXTURE_REPO
from scripts import render
from scripts.render import gjelder
from scripts.vocabulary import count, format_quantity, type_name
from test_render import to_html

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(scope="module")
def site():
    ctx = render.prepare(FIXTURE_REPO, TODAY)
    return ctx, render.render_site(ctx)


def public_part(page_html: str) -> str:
    """The page without the folded committee block."""
    return re.sub(r'<details class="krav-komite"[^>]*>.*?</details>', "", page_html, flags=re.DOTALL)


def test_requirement_page_has_no_developer_talk_outside_the_committee_block(site):
    _, pages = site
    for uri, page in pages.items():
        if not uri.startswith("krav/"):
            continue
        shown = public_part(html.unescape(to_html(page)))
        for word in ("krav sjekk", "Kildefil", ".yaml", "Funn fra", "Merknad"):
            assert word not in shown, (uri, word)


def test_committee_details_stay_available_and_are_marked(site):
    _, pages = site
    shown = html.unescape(to_html(pages["krav/BE-001.md"]))
    block = re.search(r'<details class="krav-komite"[^>]*>(.*?)</details>', shown, flags=re.DOTALL).group(1)
    assert "<summary>For komiteen" in block
    assert "ikke en del av standarden" in block
    assert "Komiteen må avklare om kravet også skal gjelde statlige institusjoner." in block
    assert "krav/bemanning/BE-001.yaml" in block
    assert "status-forslag-ufullstendig" in block  # the finding, with its rule


def test_norwegian_plurals_and_units(site):
    ctx, pages = site
    assert type_name("anbefaling", 14) == "14 anbefalinger" and type_name("krav", 1) == "1 krav"
    assert count(1, "bestemmelse") == "1 bestemmelse" and count(3, "advarsel") == "3 advarsler"
    assert format_quantity(1, "antall", "isolering.rom.vinduer") == "1 vindu"
    assert format_quantity(2, "personer") == "2 personer" and format_quantity(1, "måneder") == "1 måned"
    assert format_quantity(7.5, "m²") == "7,5 m²"
    front = render.render_front_status(ctx)
    assert re.search(r"\b1 anbefaling\b", front) and "1 tillatelse" in front
    assert not re.search(r"\b1 (advarsler|bestemmelser)\b", front + pages["mandat.md"])
    assert "Antall våkne voksne på vakt om natten i hver avdeling: minst 2 personer" in html.unescape(
        to_html(pages["krav/BE-001.md"]))


def test_requirement_page_says_whom_it_applies_to(site):
    _, pages = site
    assert "| Gjelder for | Eierform: kommunal og privat |" in html.unescape(pages["krav/BE-001.md"])
    assert "| Gjelder for | Institusjonstype: akuttinstitusjon |" in html.unescape(pages["krav/BE-002.md"])
    assert "| Gjelder for | Alle institusjoner |" in pages["krav/IK-003.md"]


def test_applicability_without_gjelder_for_is_everyone(site):
    ctx, _ = site
    krav = ctx.repo.krav
    assert gjelder.applies(krav["IK-003"], {"eierform": "statlig", "institusjonstype": "akutt"})
    assert gjelder.applies(krav["BE-001"], {"eierform": "privat", "institusjonstype": "omsorg"})
    assert not gjelder.applies(krav["BE-001"], {"eierform": "statlig", "institusjonstype": None})
    assert gjelder.applies(krav["BE-001"], {"eierform": None, "institusjonstype": None})
    assert not gjelder.applies(krav["BE-002"], {"eierform": None, "institusjonstype": "omsorg"})


def test_filter_data_script_is_one_safe_json_literal(site):
    ctx, pages = site
    script = pages[gjelder.DATA_URI]
    payload = json.loads(script.split("window.KRAV_GJELDER = ", 1)[1].rstrip().rstrip(";"))
    assert payload["krav"] == {"BE-001": {"eierform": ["kommunal", "privat"]},
                               "BE-002": {"institusjonstype": ["akutt"]}}
    assert [d["felt"] for d in payload["dimensjoner"]] == ["eierform", "institusjonstype"]
    assert script.isascii() and "<" not in script.split("=", 1)[1]


# --- Figures (static SVG) and the print of the whole standard -----------------------------------------------


def svgs(page: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", page, flags=re.DOTALL)


def test_heat_map_is_accessible_static_svg(site):
    import xml.etree.ElementTree as ET

    _, pages = site
    page = pages["analyse.md"]
    (svg,) = svgs(page)
    root = ET.fromstring(svg)  # well-formed: it is XML, not a script
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby")
    assert root.find(f"{ns}title").text == "Dekning: områder og lovverk"
    assert "tabellen under" in root.find(f"{ns}desc").text
    assert not re.search(r"<script|href=|xlink|https?://(?!www\.w3\.org/2000/svg)", svg)
    assert "\n\n" not in svg  # one raw HTML block for Markdown
    assert '<figcaption>' in page and 'role="region"' in page and 'tabindex="0"' in page


def test_relations_diagram_on_requirement_page_escapes_record_text(site):
    import xml.etree.ElementTree as ET

    _, pages = site
    (svg,) = svgs(pages["krav/BE-001.md"])  # BE-001 «se også» IK-001, whose title holds a <script>
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Relasjoner for BE-001"
    texts = " ".join(t.text or "" for t in root.iter(f"{ns}text"))
    assert "IK-001 Skriftlige rutiner <scr…" in texts  # shown as text (truncated), not markup
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert "barnevernsloven § 10-1" in texts  # the source it cites
    desc = root.find(f"{ns}desc").text
    assert "BE-001 se også IK-001" in desc and "BE-001 bygger på barnevernsloven § 10-1" in desc
    (incoming,) = svgs(pages["krav/IK-001.md"])
    assert "BE-001" in incoming and "viser hit" in incoming
    assert svgs(pages["krav/BE-002.md"]) == []  # no relation, no source: no picture


def test_print_page_holds_every_clause_once_under_one_title(site):
    ctx, pages = site
    page = pages["standard/utskrift.md"]
    assert page.count("\n# ") == 1
    for heading in ("## 1 Omfang", "## 2 Normative referanser", "## 4 Internkontroll", "## 5 Bemanning",
                    "### 4.1 ", "### 5.2 Egen bemanningsplan"):
        assert heading in page, heading
    assert "Utkast – ikke en fastsatt standard" in page
    assert page.index("## 2 Normative referanser") < page.index("## 3 Termer og definisjoner") < page.index("## 4 Internkontroll")
    assert {"Hele standarden (utskrift)": "standard/utskrift.md"} in render.navigation(ctx)[3]["Standarden"]


def test_search_finds_the_standard_not_the_committee_notes_or_figures(fixture_site):
    index = (fixture_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for hidden in ("Fil i repositoriet", "Relasjonene som figur", "Varmekart", "Komiteen må avklare"):
        assert hidden not in index, hidden
    locations = {d["location"].split("#")[0] for d in json.loads(index)["docs"]}
    assert "standard/utskrift/" not in locations and "egenkontroll/" not in locations  # no duplicate hits
    assert "krav/BE-001/" in locations
