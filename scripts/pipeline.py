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
import time
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
    stored = cache.stored_files(snap, files)
    loaded = load_files(root, files, parallel=parallel, reuse=stored.loaded, contents=snap.contents)
    return build_repository(root, discovery, loaded, snap.contents)


def check(root: Path | str, *, use_cache: bool = True, parallel: bool | None = None) -> list[Finding]:
    """All findings of `krav sjekk`, root causes first, then by place.

    With the cache (scripts/cache.py, addressed by content): an unchanged repository answers from
    the stored findings without importing YAML, the schemas or the rules; otherwise unchanged
    files are taken from the stored per-file results and only changed ones are loaded again,
    the per-record rules judge again only the requirements that changed (or all, when anything
    they read about the rest changed), and the repository-wide rules run on the whole repository.
    """
    root = Path(root).resolve()
    from . import cache, gate

    if not use_cache:
        from .check import evaluate
        from .loading import build_repository

        files, discovery = gate.discover(root)
        loaded, prejudged, pending = _load_judging(root, files, parallel, {}, {})
        if pending is not None:
            loaded = pending.complete(root, loaded)
        return evaluate(build_repository(root, discovery, loaded), prejudged=prejudged, parallel=parallel).findings
    if not cache.has_results(root):  # first run: the parallel loaders read and hash every file
        started = time.time_ns()
        listing = gate.walk(root)
        files, discovery = gate.classify_all(root, listing)
        parts: list[tuple[str, str]] = []  # the key's other parts, taken while the workers judge
        loaded, prejudged, pending = _load_judging(root, files, parallel, {}, {},
                                                   meanwhile=lambda: parts.append(cache.key_parts(root)))
        snap = cache.snapshot_of_loaded(root, listing, loaded, started, parts[0] if parts else None)
        stored = cache.nothing_stored()
    else:
        snap = cache.snapshot(root)
        answer = cache.lookup(snap)
        if answer is not None:
            cache.store_stats(snap)
            return answer
        files, discovery = gate.classify_all(root, snap.listing)
        # The requirements' fields (data.json) are read only if a full record turns out to be
        # needed: for a small change the summaries and remembered judgements are enough.
        stored = cache.stored_files(snap, files, with_data=False)
        loaded, prejudged, pending = _load_judging(root, files, parallel, stored.loaded, snap.contents)
    try:
        fresh = len(files) - len(stored.loaded)
        findings, judgement, loaded = _judge(root, discovery, loaded, snap, stored, prejudged, pending, parallel)
        # Rewriting filer.json costs more than loading a few files again next time, so a handful
        # of changed files does not trigger it (their stored entries simply do not match).
        same_context = judgement is not None and judgement.context == stored.context
        rewrite = stored.count < 0 or not same_context or fresh > max(20, len(files) // 50)
        # The fields still missing (data.json's, and those the loading workers still hold) are
        # needed only for the files written, so they are gathered where the cache is written.
        cache.store(snap, findings, loaded, judgement, rewrite_files=rewrite,
                    complete=lambda items: _complete(root, items, snap, stored, stored.lacking | _rels(pending),
                                                     pending))
    finally:
        if pending is not None:
            pending.release()
    return findings


def _rels(pending) -> set[str]:
    return set() if pending is None else set(pending.rels)


def _complete(root: Path, loaded: list, snap, stored, rels: set[str], pending=None) -> list:
    """`loaded` with the fields of the requirements in `rels` that are there without them: from
    the loading workers (`pending`) or data.json, or loaded again where neither has them."""
    if not rels:
        return loaded
    from . import cache
    from .loading import load_files

    if pending is not None:
        loaded = pending.complete(root, loaded, rels)
    wanted = set(rels) & stored.lacking
    if not wanted:
        return loaded
    cache.add_data(snap, stored, wanted)
    again = [(item.rel, item.kind) for item in loaded if item.rel in wanted and item.rel not in stored.loaded]
    fresh = {item.rel: item for item in load_files(root, again, parallel=False, contents=snap.contents)}
    return [stored.loaded[item.rel] if item.rel in wanted and item.rel in stored.loaded
            else fresh.get(item.rel, item) for item in loaded]


def _load_judging(root: Path, files: list[tuple[str, str]], parallel: bool | None, reuse: dict, contents: dict,
                  meanwhile=None):
    """Load every file; the requirements loaded afresh are judged by the per-record rules right
    where they are loaded (every core), with everything that is not a requirement (loaded here,
    a few hundred files at most, while the workers start on the requirements). Returns the results in file order, the
    check.Prejudged judgements and the loading.Pending fields of requirements loaded by workers
    (None when every result has its fields)."""
    from .check import Prejudged, ShareJudge
    from .loading import load_files_judged

    others = [(rel, kind) for rel, kind in files if kind != "krav"]
    wanted = [(rel, kind) for rel, kind in files if kind == "krav"]
    final = not any(rel in reuse for rel, _ in wanted)  # no requirement comes from the cache
    context_loaded, requirements, shares, pending = load_files_judged(
        root, others, wanted, ShareJudge(str(root), final), parallel=parallel, reuse=reuse, contents=contents,
        meanwhile=meanwhile)
    by_rel = {item.rel: item for item in (*context_loaded, *requirements)}
    return [by_rel[rel] for rel, _ in files], Prejudged.of(shares), pending


def _judge(root: Path, discovery: list[Finding], loaded: list, snap, stored, prejudged, pending,
           parallel: bool | None):
    """Run the rules, judging from memory every requirement whose file and context are unchanged.

    Returns the findings, the cache.Judgement to store (None: nothing may be remembered) and
    `loaded` with the fields of every requirement that had to be judged from its full record."""
    from . import cache
    from .check import evaluate
    from .loading import build_repository, to_record
    from .repository import NeedsRecord, Repository, summarize, summary_record

    known = {**prejudged.summaries, **stored.summaries}
    summaries = {item.rel: known[item.rel] if item.rel in known else summarize(item.data)
                 for item in loaded if item.kind == "krav"}
    context = cache.context_key(snap.tool, loaded, summaries)
    remembered = stored.judged if stored.context == context else {}
    loaded = _complete(root, loaded, snap, stored, stored.lacking - remembered.keys() - prejudged.files)
    # Without fields now: requirements judged from memory, and those judged in a loading worker
    # that still holds them.
    lacking = stored.lacking | _rels(pending)
    records, found = [], list(discovery)
    for item in loaded:
        records.append(summary_record(item.kind, item.rel, summaries[item.rel], item.valid)
                       if item.rel in lacking else to_record(item))
        found.extend(item.findings)
    repo = Repository(root, records, found)
    repo.remember_contents(snap.contents)
    try:
        outcome = evaluate(repo, remembered, prejudged=prejudged, parallel=parallel, summaries=summaries)
    except NeedsRecord:  # a rule needed more than a summary: judge everything from full records
        loaded = _complete(root, loaded, snap, stored, stored.lacking | _rels(pending), pending)
        outcome = evaluate(build_repository(root, discovery, loaded, snap.contents), parallel=parallel)
        return outcome.findings, None, loaded
    if outcome.judged is None:
        return outcome.findings, None, loaded
    judged = {rel: remembered[rel] if rel in remembered else outcome.judged.get(rel, [])
              for rel in summaries}
    return outcome.findings, cache.Judgement(context, summaries, judged), loaded


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
