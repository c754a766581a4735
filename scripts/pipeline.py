"""The stages put together: load → check → analyse → render. One entry point per job.

The CLI, the MkDocs hook, the benchmarks and the tests call these functions and nothing
below them, so a command, a site build and a test always see the same result:

* `load(root)` — the Repository (discovery through the gate, parallel loading);
* `check(root)` — every finding of `krav sjekk` (cached by content, see cache.py);
* `analyse(repo)` — the analysis (gaps, conflicts, overlaps, coverage);
* `site(root)` — the site context: check and analysis findings for the pages;
* `build_site(root)` — every generated page and the navigation, ready for MkDocs.

Nothing here prints, reads argv or decides an exit code.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .findings import Finding

if TYPE_CHECKING:  # pragma: no cover
    from .analyse.engine import Analysis
    from .render.context import SiteContext
    from .repository import Repository


def load(root: Path | str, *, parallel: bool | None = None, use_cache: bool = True) -> "Repository":
    """Every record under `root`, loaded and schema-checked (never raises for bad records).

    Unchanged files are taken from the cache's per-file results (the same ones `check` uses),
    so `krav analyser` and the site do not parse what `krav sjekk` already parsed. Loading only
    reads the cache: writing it is the check's job, so reading a repository never changes it.
    """
    root = Path(root).resolve()
    from .loading import build_repository, load_files, load_repository

    if not use_cache:
        return load_repository(root, parallel=parallel)
    from . import cache, gate

    snap = cache.snapshot(root)
    files, discovery = gate.classify_all(root, snap.listing)
    reuse, _ = cache.reusable(snap, files)
    loaded = load_files(root, files, parallel=parallel, reuse=reuse, contents=snap.contents)
    return build_repository(root, discovery, loaded, snap.contents)


def check(root: Path | str, *, use_cache: bool = True, parallel: bool | None = None) -> list[Finding]:
    """All findings of `krav sjekk`, root causes first, then by place.

    With the cache (scripts/cache.py, addressed by content): an unchanged repository answers from
    the stored findings without importing YAML, the schemas or the rules; otherwise unchanged
    files are taken from the stored per-file results and only changed ones are loaded again,
    and the repository-wide rules always run on the whole repository.
    """
    root = Path(root).resolve()
    if not use_cache:
        return check_loaded(load(root, parallel=parallel, use_cache=False))
    from . import cache, gate

    if not cache.has_results(root):  # first run: no stored result can answer, so nothing to hash first
        from .loading import build_repository, load_files

        listing = gate.walk(root)
        files, discovery = gate.classify_all(root, listing)
        loaded = load_files(root, files, parallel=parallel)
        findings = check_loaded(build_repository(root, discovery, loaded))
        cache.store(cache.snapshot_of_loaded(root, listing, loaded), findings, loaded, rewrite_files=True)
        return findings
    snap = cache.snapshot(root)
    stored = cache.lookup(snap)
    if stored is not None:
        return stored
    from .loading import build_repository, load_files

    files, discovery = gate.classify_all(root, snap.listing)
    reuse, keep_files = cache.reusable(snap, files)
    loaded = load_files(root, files, parallel=parallel, reuse=reuse, contents=snap.contents)
    findings = check_loaded(build_repository(root, discovery, loaded, snap.contents))
    cache.store(snap, findings, loaded, rewrite_files=not keep_files)
    return findings


def check_loaded(repo: "Repository") -> list[Finding]:
    """The findings of `krav sjekk` for a repository already loaded (no cache)."""
    from .check import check_repository

    return check_repository(repo)


def analyse(repo: "Repository", dato: datetime.date | None = None) -> "Analysis":
    """The analysis of a loaded repository (findings, coverage, the graph on demand)."""
    from .analyse import analyse_repository

    return analyse_repository(repo, dato)


def site(root: Path | str, today: datetime.date | None = None) -> "SiteContext":
    """Load, check and analyse for the site (never raises for bad records)."""
    from .render import prepare

    return prepare(root, today)


def build_site(root: Path | str, today: datetime.date | None = None) -> tuple["SiteContext", dict[str, str]]:
    """The site context and every generated page ({src_uri: markdown})."""
    from .render import render_site

    ctx = site(root, today)
    return ctx, render_site(ctx)
