"""The graph: node keys, edge types, and export to node-link JSON and GraphML."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from scripts.analyse import build_graph
from scripts.cli import main
from scripts.loading import load_repository

FIXTURES = Path(__file__).parent / "fixtures"


def test_graph_nodes_and_edges():
    graph = build_graph(load_repository(FIXTURES / "analyse-syklus-ren"))
    for key, kind in [("område:internkontroll", "område"), ("mål:M1", "mål"), ("krav:IK-001", "krav"),
                      ("kilde:bvl-10-1", "kilde"), ("instrument:LOV-2021-06-18-97", "instrument"),
                      ("parameter:bemanning.natt.vakne_voksne", "parameter")]:
        assert graph.nodes[key]["kind"] == kind
    assert graph.nodes["krav:IK-001"]["status"] == "vedtatt"
    assert graph.nodes["krav:IK-001"]["title"] == "Tittel for IK-001"
    types = {(u, v, d["type"]) for u, v, d in graph.edges(data=True)}
    assert ("krav:IK-001", "område:internkontroll", "tilhører") in types
    assert ("krav:IK-001", "mål:M1", "tjener") in types
    assert ("krav:IK-001", "kilde:bvl-10-1", "hjemmel") in types
    assert ("kilde:bvl-10-1", "instrument:LOV-2021-06-18-97", "del_av") in types
    assert ("krav:IK-001", "krav:BE-001", "avhenger_av") in types
    assert ("krav:IK-002", "krav:BE-001", "se_også") in types
    bounds = [d for u, v, d in graph.edges(data=True) if d["type"] == "begrenser"]
    assert bounds == [{"type": "begrenser", "min": 2}]
    assert all("type" in d for _, _, d in graph.edges(data=True))


def test_graph_export_loads_back(tmp_path, capsys):
    target = tmp_path / "graf"
    code = main(["analyser", str(FIXTURES / "analyse-syklus-ren"), "--dato", "2026-06-01", "--graf", str(target)])
    assert code == 0
    original = build_graph(load_repository(FIXTURES / "analyse-syklus-ren"))
    data = json.loads((tmp_path / "graf.json").read_text(encoding="utf-8"))
    from_json = nx.node_link_graph(data, edges="edges")
    from_graphml = nx.read_graphml(tmp_path / "graf.graphml")
    for loaded in (from_json, from_graphml):
        assert set(loaded.nodes) == set(original.nodes)
        assert loaded.number_of_edges() == original.number_of_edges()
    assert from_graphml.nodes["kilde:bvl-10-1"]["områder"] == "internkontroll"  # lists become text
    assert from_json.nodes["kilde:bvl-10-1"]["områder"] == ["internkontroll"]


def test_graph_export_by_extension(tmp_path, capsys):
    main(["analyser", str(FIXTURES / "grunnlag"), "--dato", "2026-06-01", "--graf", str(tmp_path / "g.graphml")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.graphml"]


def test_graph_export_to_missing_folder_is_a_clear_error(tmp_path, capsys):
    code = main(["analyser", str(FIXTURES / "grunnlag"), "--graf", str(tmp_path / "finnes-ikke" / "g.json")])
    assert code == 2
    assert "kan ikke skrive grafen" in capsys.readouterr().err
