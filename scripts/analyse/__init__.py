"""`krav analyser`: the requirements as a graph, and what the graph shows.

Public API (used by the site generator as well as the CLI):

* `build_graph(repo)` — a networkx MultiDiGraph of areas, objectives, requirements, sources,
  legal instruments and parameters (graph.py);
* `analyse_repository(repo, dato)` — findings (gaps, conflicts, overlaps) plus the coverage
  summary and the graph (engine.py);
* `affected(repo_or_graph, node_id)` — every requirement that rests on a source, an instrument
  or another requirement, with the path (impact.py).

networkx is imported only when one of these runs, so `krav sjekk`, which imports the CLI
module to register the sub-command, never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import datetime

    from ..repository import Repository
    from .engine import Analysis

__all__ = ["build_graph", "analyse_repository", "affected", "Analysis"]


def build_graph(repo: "Repository"):
    from .graph import build_graph as _build

    return _build(repo)


def analyse_repository(repo: "Repository", dato: "datetime.date | None" = None) -> "Analysis":
    from .engine import analyse_repository as _analyse

    return _analyse(repo, dato)


def affected(repo_or_graph: Any, node_id: str) -> list[tuple[str, list[str]]]:
    from .impact import affected as _affected

    return _affected(repo_or_graph, node_id)


def __getattr__(name: str) -> Any:  # `from scripts.analyse import Analysis` without eager imports
    if name == "Analysis":
        from .engine import Analysis

        return Analysis
    raise AttributeError(name)
