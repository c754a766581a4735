"""Issue 10 in `krav analyser`: requirements on replaced sources, and coverage against the
known structure of each binding instrument (its relevant sections, used or not)."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.analyse import analyse_repository
from scripts.analyse.present import coverage_markdown, coverage_text, structure_text
from scripts.loading import load_repository
from scripts.repository import Record, Repository

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
DATO = datetime.date(2026, 6, 1)
MANDAT = {"tittel": "T", "formål": "F", "mål": [{"id": "M1", "tekst": "Mål"}],
          "områder": [{"id": "internkontroll", "navn": "Internkontroll", "prefiks": "IK"}]}


def _source(ident: str, **fields) -> dict:
    data = {"id": ident, "type": "lov", "instrument": "LOV-2021-06-18-97", "korttittel": "barnevernsloven",
            "tittel": "Lov", "paragraf": "§ " + ident.split("-", 1)[1], "sammendrag": "S",
            "områder": ["internkontroll"]}
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def _repo(lovhjemler: list[str], *sources: dict) -> Repository:
    krav = {"id": "IK-001", "tittel": "T", "område": "internkontroll", "type": "krav", "tekst": "Institusjonen skal.",
            "lovhjemler": lovhjemler, "status": "forslag"}
    records = [Record("mandat", "mandat/mandat.yaml", MANDAT), Record("krav", "krav/internkontroll/IK-001.yaml", krav)]
    records += [Record("lovhjemmel", f"lovhjemler/bvl/{s['id']}.yaml", s) for s in sources]
    return Repository(Path("/ikke/brukt"), records, [])


def _rules(repo: Repository) -> list[str]:
    return [f.rule for f in analyse_repository(repo, DATO).findings if f.rule.startswith("analyse-kilde")]


OLD = _source("rf-3", instrument="FOR-2011-11-15-1103", korttittel="rettighetsforskriften",
              erstattet_av="FOR-2022-12-20-2358")
NEW = _source("rf2022-5", instrument="FOR-2022-12-20-2358", korttittel="forskrift om barns rettigheter",
              paragraf="§ 5")


@pytest.mark.parametrize("cited, expected", [
    (["rf-3"], ["analyse-kilde-erstattet"]),
    (["rf-3", "rf2022-5"], []),  # one source still in force: not «only replaced»
    (["rf2022-5"], []),
    (["finnes-ikke"], []),
])
def test_requirement_on_replaced_sources_only(cited, expected):
    assert _rules(_repo(cited, OLD, NEW)) == expected


def test_the_successor_is_named_with_its_title():
    finding = next(f for f in analyse_repository(_repo(["rf-3"], OLD, NEW), DATO).findings
                   if f.rule == "analyse-kilde-erstattet")
    assert "«FOR-2022-12-20-2358» (forskrift om barns rettigheter)" in finding.message
    assert finding.ids == ("IK-001", "FOR-2022-12-20-2358")


def test_replaced_with_a_known_past_last_day_is_reported_once():
    old = {**OLD, "gyldig_til": "2022-12-31"}
    assert _rules(_repo(["rf-3"], old, NEW)) == ["analyse-kilde-erstattet"]  # not also analyse-kilde-opphevet


def test_replaced_from_a_later_day_is_still_in_force():
    old = {**OLD, "gyldig_til": "2026-12-31"}
    assert _rules(_repo(["rf-3"], old, NEW)) == []


# --- Coverage against the instruments' structure -------------------------------------------------------

def test_structure_fixture_gives_the_expected_summary():
    folder = FIXTURES / "dekning-paragrafer"
    analysis = analyse_repository(load_repository(folder), DATO)
    expected = (folder / "forventet-dekning.txt").read_text(encoding="utf-8")
    assert "\n".join(structure_text(analysis.coverage["instrumenter"])) + "\n" == expected
    barnevern = analysis.coverage["instrumenter"][0]
    assert barnevern == {"instrument": "LOV-2021-06-18-97", "navn": "barnevernsloven",
                         "paragrafer": ["bvl-10-1", "bvl-10-2", "bvl-10-7"], "brukte": ["bvl-10-1", "bvl-10-7"],
                         "ubrukte": ["bvl-10-2"], "andel_brukt": 0.6667}
    # The replaced 1992 law is out of force and not listed; the chapter and the section with no
    # areas are not relevant sections.
    assert [e["instrument"] for e in analysis.coverage["instrumenter"]] == ["LOV-2021-06-18-97", "FOR-2022-12-16-2272"]


def test_structure_appears_in_every_format():
    analysis = analyse_repository(load_repository(FIXTURES / "dekning-paragrafer"), DATO)
    assert "Dekning per lov og forskrift" in coverage_text(analysis.coverage)
    markdown = coverage_markdown(analysis.coverage)
    assert "### Dekning per lov og forskrift" in markdown and r"| barnevernsloven | LOV\-2021\-06\-18\-97 | 3 | 2 (67 %) | «bvl\-10\-2» |" in markdown
    result = subprocess.run([sys.executable, "-m", "scripts", "analyser", str(FIXTURES / "dekning-paragrafer"),
                             "--format", "json", "--dato", "2026-06-01"], cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    document = json.loads(result.stdout)
    assert document["dekning"]["instrumenter"][0]["ubrukte"] == ["bvl-10-2"]


def test_sections_sort_by_number_not_text():
    sources = [_source(f"bvl-10-{n}") for n in (10, 2, 1)] + [_source("bvl-2-1")]
    repo = _repo(["bvl-10-1"], *sources)
    entry = analyse_repository(repo, DATO).coverage["instrumenter"][0]
    assert entry["paragrafer"] == ["bvl-2-1", "bvl-10-1", "bvl-10-2", "bvl-10-10"]
