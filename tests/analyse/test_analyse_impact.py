"""Impact: --påvirket walks dependencies with paths; --siden asks git what changed."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from scripts.analyse import affected, build_graph
from scripts.cli import main
from scripts.loading import load_repository

FIXTURES = Path(__file__).parent / "fixtures"
CHAIN = FIXTURES / "analyse-syklus-ren"  # IK-001 avhenger_av BE-001, IK-002 avhenger_av IK-001


def test_affected_by_source_follows_avhenger_av():
    repo = load_repository(CHAIN)
    assert affected(repo, "bvl-10-7") == [
        ("BE-001", ["kilde:bvl-10-7", "krav:BE-001"]),
        ("IK-001", ["kilde:bvl-10-7", "krav:BE-001", "krav:IK-001"]),
        ("IK-002", ["kilde:bvl-10-7", "krav:BE-001", "krav:IK-001", "krav:IK-002"]),
    ]


def test_affected_by_instrument_uses_shortest_paths():
    graph = build_graph(load_repository(CHAIN))
    result = dict(affected(graph, "LOV-2021-06-18-97"))
    assert result["IK-001"] == ["instrument:LOV-2021-06-18-97", "kilde:bvl-10-1", "krav:IK-001"]
    assert sorted(result) == ["BE-001", "IK-001", "IK-002"]
    assert dict(affected(graph, "lov-2021-06-18-97")) == result  # case of the instrument id does not matter


def test_affected_by_requirement_and_node_key():
    graph = build_graph(load_repository(CHAIN))
    assert [i for i, _ in affected(graph, "BE-001")] == ["IK-001", "IK-002"]
    assert affected(graph, "krav:IK-002") == []
    with pytest.raises(KeyError):
        affected(graph, "finnes-ikke")


def test_cli_pavirket_text_and_json(capsys):
    assert main(["analyser", str(CHAIN), "--påvirket", "bvl-10-7"]) == 0
    out = capsys.readouterr().out
    assert "IK-002 (vedtatt): bvl-10-7 → BE-001 → IK-001 → IK-002" in out
    assert main(["analyser", str(CHAIN), "--påvirket", "BE-001", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["påvirket"]["node"] == "krav:BE-001"
    assert [row["id"] for row in document["påvirket"]["krav"]] == ["IK-001", "IK-002"]


def test_cli_pavirket_unknown_id(capsys):
    assert main(["analyser", str(CHAIN), "--påvirket", "bvl-99-9"]) == 2
    assert "finner ingen lovhjemmel" in capsys.readouterr().err


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=root, check=True, capture_output=True)


@pytest.fixture
def git_repo(copy_fixture):
    root = copy_fixture("analyse-lovhjemmel-udekket-ren")  # IK-001 and BE-001 both cite bvl-10-2
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "start")
    return root


def _edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("Et kort sammendrag", "Et nytt sammendrag"),
                    encoding="utf-8")


def test_siden_lists_requirements_citing_changed_sources(git_repo, capsys):
    _edit(git_repo / "lovhjemler/barnevernsloven/bvl-10-2.yaml")
    _git(git_repo, "commit", "-q", "-am", "endret")
    assert main(["analyser", str(git_repo), "--siden", "HEAD~1", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)["siden"]
    assert document["endrede_kilder"] == ["bvl-10-2"]
    assert document["mistenkte"] == [{"id": "BE-001", "kilder": ["bvl-10-2"]},
                                     {"id": "IK-001", "kilder": ["bvl-10-2"]}]
    # A requirement edited since the reference has been looked at: no longer suspect.
    path = git_repo / "krav/bemanning/BE-001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "foreslått_av: Komiteen\n", encoding="utf-8")
    assert main(["analyser", str(git_repo), "--siden", "HEAD~1", "--streng"]) == 1
    out = capsys.readouterr().out
    assert "IK-001: viser til «bvl-10-2»" in out and "BE-001" not in out.split("siden (")[1]


def test_siden_without_changes(git_repo, capsys):
    assert main(["analyser", str(git_repo), "--siden", "HEAD", "--streng"]) == 0
    assert "(ingen)" in capsys.readouterr().out


def test_siden_bad_ref_and_not_git(git_repo, copy_fixture, capsys):
    assert main(["analyser", str(git_repo), "--siden", "finnes-ikke"]) == 2
    assert "git kjenner ikke «finnes-ikke»" in capsys.readouterr().err
    assert main(["analyser", str(git_repo), "--siden=--output=x"]) == 2
    capsys.readouterr()
    plain = copy_fixture("grunnlag")
    assert main(["analyser", str(plain), "--siden", "HEAD"]) == 2
    assert "er ikke et git-repositorium" in capsys.readouterr().err


def test_affected_by_parameter():
    graph = build_graph(load_repository(CHAIN))
    assert affected(graph, "bemanning.natt.vakne_voksne") == [
        ("BE-001", ["parameter:bemanning.natt.vakne_voksne", "krav:BE-001"]),
        ("IK-001", ["parameter:bemanning.natt.vakne_voksne", "krav:BE-001", "krav:IK-001"]),
        ("IK-002", ["parameter:bemanning.natt.vakne_voksne", "krav:BE-001", "krav:IK-001", "krav:IK-002"]),
    ]
