"""Build the standard as a directed multigraph, and write it out as JSON or GraphML.

Nodes are keyed "<kind>:<id>" (område:internkontroll, mål:M1, krav:IK-001, kilde:bvl-10-7,
instrument:LOV-2021-06-18-97, parameter:isolering.rom.gulvareal) and carry `kind` and the
record's main fields. Every edge has a `type` (also used as the edge key):

    krav -> område     tilhører
    krav -> mål        tjener
    krav -> kilde      hjemmel
    kilde -> instrument del_av
    krav -> parameter  begrenser (with min / maks / lik when given)
    krav -> krav       avhenger_av | erstatter | konflikt_med | se_også

References to ids that do not exist are left out: `krav sjekk` reports them.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from ..neutral import xml_text

from ..repository import Repository
from .model import citations, number, relations

def node_key(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


def _clean(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items() if v is not None}


def build_graph(repo: Repository) -> nx.MultiDiGraph:
    """The graph of a loaded repository; a pure function of its records."""
    graph = nx.MultiDiGraph()
    for order, (ident, area) in enumerate(repo.areas.items()):
        graph.add_node(node_key("område", ident), **_clean({
            "kind": "område", "id": ident, "title": area.get("navn"), "prefiks": area.get("prefiks"),
            "order": order, "file": repo.mandat.file if repo.mandat else None}))
    for order, (ident, goal) in enumerate(repo.objectives.items()):
        graph.add_node(node_key("mål", ident), **_clean({
            "kind": "mål", "id": ident, "title": goal.get("tekst"), "order": order,
            "file": repo.mandat.file if repo.mandat else None}))
    for name, parameter in repo.parameters.items():
        graph.add_node(node_key("parameter", name), **_clean({
            "kind": "parameter", "id": name, "title": parameter.get("beskrivelse"),
            "enhet": parameter.get("enhet")}))
    for ident, source in repo.lovhjemler.items():
        key = node_key("kilde", ident)
        instrument = source.text("instrument")
        graph.add_node(key, **_clean({
            "kind": "kilde", "id": ident, "title": source.text("tittel"), "type": source.text("type"),
            "korttittel": source.text("korttittel"), "paragraf": source.text("paragraf"),
            "instrument": instrument, "gyldig_fra": source.text("gyldig_fra"),
            "gyldig_til": source.text("gyldig_til"), "områder": _texts(source.items("områder")),
            "file": source.file}))
        if instrument:
            ikey = node_key("instrument", instrument)
            if ikey not in graph:
                graph.add_node(ikey, kind="instrument", id=instrument,
                               title=source.text("korttittel") or source.text("tittel") or instrument)
            graph.add_edge(key, ikey, key="del_av", type="del_av")
    for ident, record in repo.krav.items():
        key = node_key("krav", ident)
        graph.add_node(key, **_clean({
            "kind": "krav", "id": ident, "title": record.text("tittel"), "område": record.text("område"),
            "type": record.text("type"), "status": record.text("status"), "file": record.file}))
    for ident, record in repo.krav.items():
        _add_requirement_edges(graph, ident, record)
    return graph


def _texts(values: list) -> list[str]:
    return [v for v in values if isinstance(v, str)]


def _add_requirement_edges(graph: nx.MultiDiGraph, ident: str, record) -> None:
    key = node_key("krav", ident)
    area = record.text("område")
    if area and node_key("område", area) in graph:
        graph.add_edge(key, node_key("område", area), key="tilhører", type="tilhører")
    for goal in _texts(record.items("mål")):
        if node_key("mål", goal) in graph:
            graph.add_edge(key, node_key("mål", goal), key="tjener", type="tjener")
    for _, source in citations(record):
        if node_key("kilde", source) in graph:
            graph.add_edge(key, node_key("kilde", source), key="hjemmel", type="hjemmel")
    for _, item in record.mappings("parametere"):
        name = item.get("navn")
        if isinstance(name, str) and node_key("parameter", name) in graph:
            bounds = {b: number(item.get(b)) for b in ("min", "maks", "lik")}
            graph.add_edge(key, node_key("parameter", name), type="begrenser", **_clean(bounds))
    for _, kind, target in relations(record):
        if node_key("krav", target) in graph:
            graph.add_edge(key, node_key("krav", target), key=kind, type=kind)


# --- export ---------------------------------------------------------------------------------

def to_node_link(graph: nx.MultiDiGraph) -> dict:
    return nx.node_link_data(graph, edges="edges")


def _graphml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose ids and attribute values GraphML can hold: lists joined, None dropped, and
    every text through xml_text, so a title with control characters still gives well-formed XML."""

    def convert(attrs: dict) -> dict:
        out = {}
        for name, value in attrs.items():
            if value is None:
                continue
            if isinstance(value, (list, tuple, set)):
                value = "; ".join(str(v) for v in value)
            elif not isinstance(value, (str, int, float, bool)):
                value = str(value)
            out[xml_text(name)] = xml_text(value) if isinstance(value, str) else value
        return out

    def key(value):
        return xml_text(value) if isinstance(value, str) else value

    safe = nx.MultiDiGraph()
    safe.add_nodes_from((key(n), convert(a)) for n, a in graph.nodes(data=True))
    safe.add_edges_from((key(u), key(v), key(k), convert(a)) for u, v, k, a in graph.edges(keys=True, data=True))
    return safe


def export_paths(target: str | Path) -> list[Path]:
    """Which files `--graf TARGET` writes: by extension, or both when there is none we know."""
    target = Path(target)
    if target.suffix.lower() in (".json", ".graphml"):
        return [target]
    return [target.with_name(target.name + ".json"), target.with_name(target.name + ".graphml")]


def write_graph(graph: nx.MultiDiGraph, target: str | Path) -> list[Path]:
    written = []
    for path in export_paths(target):
        if path.suffix.lower() == ".json":
            path.write_text(json.dumps(to_node_link(graph), ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")
        else:
            nx.write_graphml(_graphml_safe(graph), path, encoding="utf-8")
        written.append(path)
    return written
