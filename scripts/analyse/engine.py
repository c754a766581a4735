"""Run every analysis rule over a loaded repository and gather the result."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding
from ..repository import Repository
from . import conflicts, gaps, overlap, replaced  # noqa: F401  (importing registers the rules)
from .coverage import summarise
from .model import Context
from .rules import RULES


@dataclass
class Analysis:
    findings: list[Finding]  # resolved (line and column) and sorted by place
    coverage: dict  # JSON-ready summary, see coverage.py
    dato: datetime.date
    context: Context = field(repr=False)

    _graph: Any = field(default=None, repr=False)

    @property
    def graph(self) -> Any:
        """The networkx.MultiDiGraph from build_graph, built on first use (most runs never need it)."""
        if self._graph is None:
            from .graph import build_graph

            self._graph = build_graph(self.context.repo)
        return self._graph


def analyse_repository(repo: Repository, dato: datetime.date | None = None) -> Analysis:
    ctx = Context(repo, dato or datetime.date.today())
    found = [finding for registered in RULES for finding in registered.func(ctx)]
    return Analysis(findings=repo.resolve(found), coverage=summarise(ctx), dato=ctx.dato, context=ctx)
