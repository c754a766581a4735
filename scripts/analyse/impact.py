"""Impact: which requirements rest on a source, an instrument or another requirement.

`affected` walks the graph backwards from a node along the edges that carry a dependency:
a requirement's `hjemmel` (it cites a source), a source's `del_av` (it is part of an
instrument), `avhenger_av` (a requirement builds on another) and `begrenser` (a requirement
constrains a parameter, so `--påvirket bemanning.natt.vakne_voksne` lists who sets it). Each requirement reached is
returned with the shortest path from the starting node to it, as node keys.

`suspects_since` asks git which source files changed since a reference and lists the active
requirements citing them whose own file has not changed since: they may need review.
"""

from __future__ import annotations

import subprocess
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..repository import Repository
from .model import citations, is_active

DEPENDENCY_EDGES = ("hjemmel", "del_av", "avhenger_av", "begrenser")
_NODE_KINDS = ("krav", "kilde", "instrument", "parameter", "område", "mål")


def _graph_of(repo_or_graph: Any):
    if isinstance(repo_or_graph, Repository):
        from .graph import build_graph

        return build_graph(repo_or_graph)
    return repo_or_graph


def resolve_node(graph, text: str) -> str | None:
    """The node key for a key ("kilde:bvl-10-1") or a bare id ("bvl-10-1", "IK-001", "LOV-…")."""
    if text in graph:
        return text
    for kind in _NODE_KINDS:
        if f"{kind}:{text}" in graph:
            return f"{kind}:{text}"
    lowered = text.lower()  # instrument ids are often typed in lower case
    for node in graph:
        if node.lower() == f"instrument:{lowered}":
            return node
    return None


def affected(repo_or_graph: Any, node_id: str) -> list[tuple[str, list[str]]]:
    """(requirement id, path of node keys from node_id to it) for every dependent requirement,
    sorted by id. Raises KeyError when node_id names nothing in the graph."""
    graph = _graph_of(repo_or_graph)
    start = resolve_node(graph, node_id)
    if start is None:
        raise KeyError(node_id)
    parents: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for source, _, data in sorted(graph.in_edges(node, data=True), key=lambda e: e[0]):
            if data.get("type") in DEPENDENCY_EDGES and source not in parents:
                parents[source] = node
                queue.append(source)
    result = []
    for node in parents:
        if node == start or graph.nodes[node].get("kind") != "krav":
            continue
        path, step = [], node
        while step is not None:
            path.append(step)
            step = parents[step]
        result.append((graph.nodes[node]["id"], path[::-1]))
    return sorted(result)


class GitError(Exception):
    """git could not answer: `reason` is "git-mangler", "ikke-git" or "ukjent-ref"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass
class SinceResult:
    ref: str
    changed_sources: list[str]  # source ids whose file changed (or was removed) since ref
    suspects: list[tuple[str, list[str]]]  # (requirement id, changed sources it cites)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except FileNotFoundError as error:
        raise GitError("git-mangler") from error


def changed_files(root: Path, ref: str) -> set[str]:
    """Repository-relative files under krav/ and lovhjemler/ changed since ref (working tree included)."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise GitError("ikke-git")
    if ref.startswith("-") or _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise GitError("ukjent-ref", ref)
    diff = _git(root, "diff", "--name-only", "--relative", ref, "--", "lovhjemler", "krav")
    if diff.returncode != 0:
        raise GitError("ukjent-ref", ref)
    new = _git(root, "ls-files", "--others", "--exclude-standard", "--", "lovhjemler", "krav")
    return {line.strip() for line in (diff.stdout + new.stdout).splitlines() if line.strip()}


def suspects_since(repo: Repository, ref: str) -> SinceResult:
    changed = changed_files(repo.root, ref)
    by_file = {record.file: ident for ident, record in repo.lovhjemler.items()}
    sources = {by_file.get(f, Path(f).stem) for f in changed if f.startswith("lovhjemler/")}
    suspects = []
    for ident, record in sorted(repo.krav.items()):
        if not is_active(record) or record.file in changed:
            continue
        cited = sorted({s for _, s in citations(record) if s in sources})
        if cited:
            suspects.append((ident, cited))
    return SinceResult(ref, sorted(sources), suspects)
