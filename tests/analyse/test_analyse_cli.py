"""`krav analyser` end to end: formats, exit codes, the coverage summary and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.analyse import analyse_repository
from scripts.cli import main
from scripts.loading import load_repository

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["analyser", *args, "--dato", "2026-06-01"])
    return code, capsys.readouterr().out


def test_clean_repository_text(capsys):
    code, out = run(capsys, str(FIXTURES / "grunnlag"))
    assert code == 0
    assert out.startswith("Ingen funn: alt er i orden.\n")
    assert "Dekning per område (analysedato 2026-06-01):" in out
    assert ("Internkontroll (internkontroll): 1 gjeldende (1 krav, 0 anbefalinger, 0 tillatelser); "
            "0 forslag, 1 vedtatt, 0 trukket; bindende kilder brukt: 1 av 1 (100 %)") in out


def test_errors_give_exit_1_and_json_has_coverage(capsys):
    code, out = run(capsys, str(FIXTURES / "analyse-parameter-motstrid"), "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["antall"] == {"feil": 2, "advarsel": 0}
    assert {f["regel"] for f in document["funn"]} == {"analyse-parameter-motstrid"}
    assert document["dekning"]["områder"][0]["id"] == "internkontroll"
    assert document["dekning"]["totalt"]["etter_type"]["krav"] == 4


def test_warnings_fail_only_with_streng(capsys):
    assert run(capsys, str(FIXTURES / "analyse-omrade-tomt"))[0] == 0
    assert run(capsys, str(FIXTURES / "analyse-omrade-tomt"), "--streng")[0] == 1


def test_markdown_and_github(capsys, tmp_path, monkeypatch):
    code, out = run(capsys, str(FIXTURES / "analyse-syklus"), "--format", "markdown")
    assert code == 1
    assert "## Resultat av krav analyser" in out and "| Område | Gjeldende |" in out
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out = run(capsys, str(FIXTURES / "analyse-syklus"), "--format", "github")
    assert out.startswith("::error file=krav/bemanning/BE-001.yaml,line=17,col=11,title=analyse-syklus::")
    assert "| **Totalt** |" in summary.read_text(encoding="utf-8")


def test_coverage_counts_and_unused_sources():
    coverage = analyse_repository(load_repository(FIXTURES / "analyse-lovhjemmel-udekket"),
                                  __import__("datetime").date(2026, 6, 1)).coverage
    area = coverage["områder"][0]
    assert area["bindende_kilder"] == ["bvl-10-1", "bvl-10-2"]  # bvl-10-3 is repealed, the guide not binding
    assert area["siterte_bindende_kilder"] == ["bvl-10-1"]
    assert area["andel_sitert"] == 0.5
    assert coverage["totalt"]["andel_sitert"] == 0.5
    assert coverage["ubrukte_kilder"] == ["bvl-10-2", "bvl-10-3", "veileder-ik"]
    assert coverage["mål"] == [{"id": "M1", "tekst": "Trygg og god omsorg", "antall": 2}]
    json.dumps(coverage)


def test_bad_input_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as raised:
        main(["analyser", str(FIXTURES / "grunnlag"), "--dato", "1. juni"])
    assert raised.value.code == 2
    assert "«1. juni» er ikke en dato" in capsys.readouterr().err
    assert main(["analyser", str(tmp_path / "mangler")]) == 2
    with pytest.raises(SystemExit):
        main(["analyser", "--påvirket", "x", "--siden", "HEAD"])


def test_broken_records_do_not_crash_the_analysis(copy_fixture, capsys):
    root = copy_fixture("analyse-syklus")
    (root / "krav/bemanning/BE-001.yaml").write_text("id: [BE-001\n", encoding="utf-8")
    (root / "krav/internkontroll/IK-002.yaml").write_text(
        "id: IK-002\nstatus: vedtatt\nparametere: [{navn: bemanning.natt.vakne_voksne, min: ja}]\n"
        "relasjoner: [{type: avhenger_av, krav: [IK-001]}, 7]\nlovhjemler: {a: 1}\nmål: M1\n", encoding="utf-8")
    code = main(["analyser", str(root), "--dato", "2026-06-01", "--format", "json"])
    captured = capsys.readouterr()
    assert code in (0, 1)
    assert "gjør analysen ufullstendig" in captured.err
    json.loads(captured.out)


def test_krav_sjekk_does_not_import_networkx(tmp_path):
    from repotools import copy_repository

    repo = copy_repository(FIXTURES / "grunnlag", tmp_path / "repo")  # the check writes its cache there
    code = ("import sys; from scripts.cli import main; main(['sjekk', sys.argv[1]]); "
            "print('networkx' in sys.modules)")
    for _ in ("first run", "from the cache"):
        result = subprocess.run([sys.executable, "-c", code, str(repo)], cwd=ROOT, capture_output=True, text=True)
        assert result.stdout.strip().splitlines()[-1] == "False"
