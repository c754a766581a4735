"""What a change does to the standard: a semantic diff between two repository states.

Public API (used by `krav endringer`, the pull-request comment and the site's change pages):

    from scripts.changes import compare, compare_revisions, load_revision, load_worktree

    base = load_revision(root, "main")          # a Repository read from git's object store
    head = load_worktree(root, reuse=base)      # the files on disk (unchanged files shared)
    report = compare(base, head, base_name="main")   # -> ChangeReport

    report = compare_revisions(root, "main", None)   # the same in one call (None = working tree)

* `load_revision(root, rev, reuse=None) -> Repository`: the records at a commit, branch or
  tag, read with `git ls-tree` / `git cat-file --batch` (git.py, fixed argument lists, no
  shell) and passed through the same gate rules and loader as files on disk
  (`gate.classify_all`, `gate.MAX_FILE_BYTES`, `loading.load_content`). The Repository gets
  `.revision` (the commit id). Raises `GitError` with `.reason` in `NO_GIT`,
  `NOT_A_REPOSITORY`, `UNKNOWN_REVISION` (the CLI says what to do in one line).
* `load_worktree(root, reuse=None) -> Repository`: like `loading.load_repository`; `.revision`
  is None.
* `compare(base, head, *, findings=True, dato=None, base_name=..., head_name=None) ->
  ChangeReport`: records matched by id. `ChangeReport.records` is a list of `RecordChange`
  (`kind` in KINDS: krav, lovhjemmel, term, område, mål, parameter, utgave, kommentar (keyed
  «<utgave>/<id>»); `action` in ACTIONS:
  lagt-til, endret, trukket, slettet; `file`, `base_file`, `title`, `changes`, and `level` =
  "feil" for a deletion). Each `Change` has `code` (a key of CODES, e.g. verbform-skjerpet,
  parameter-lempet, hjemmel-lagt-til, tekst-omformulert with `detail["ord"]` as a word diff),
  `field`, `old`, `new`, `detail`. `introduced` / `resolved` are the findings of `krav sjekk`
  and `krav analyser` that appear / disappear (matched without line numbers).
* `render.text(report)`, `render.markdown(report)`, `render.as_json(report)`: the three
  formats; `render.JSON_FORMAT` is the version of the JSON layout (DEVELOPMENT.md).
* `history`: ids ever used in git history (`krav ny` skips them, `krav sjekk` reports reuse)
  and each requirement's history for the site.

Everything a record holds is untrusted: the formats pass it through `scripts.neutral`.
"""

from __future__ import annotations

import datetime
import importlib
from pathlib import Path
from typing import TYPE_CHECKING

# The names are taken from their modules on first use (PEP 562): `krav sjekk` imports this
# package for changes.history alone, and must not pay for the diff, git and snapshot modules.
_HOMES = {
    "diff": ("ACTION_NAMES", "ACTIONS", "ADDED", "CHANGED", "CODES", "DELETED", "KINDS", "WITHDRAWN_ACTION",
             "Change", "ChangeReport", "RecordChange", "compare", "finding_delta", "findings_of",
             "requirement_changes", "word_diff"),
    "git": ("NO_GIT", "NOT_A_REPOSITORY", "UNKNOWN_REVISION", "GitError"),
    "snapshot": ("WORKTREE", "load_revision", "load_state", "load_worktree"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [*_HOME_OF, "compare_revisions"]

if TYPE_CHECKING:  # pragma: no cover
    from .diff import ChangeReport


def __getattr__(name: str):
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # once: later lookups do not come here
    return value


def compare_revisions(root: Path | str, base_rev: str, head_rev: str | None = None, *,
                      findings: bool = True, dato: datetime.date | None = None) -> "ChangeReport":
    """Load BASE (a revision) and HEAD (a revision, or the working tree when None: WORKTREE),
    sharing every unchanged file, and compare them."""
    from .diff import compare, findings_of
    from .snapshot import load_revision, load_state

    base = load_revision(root, base_rev)
    pending = None
    if findings:
        from . import parallel

        dato = dato or datetime.date.today()
        pending = parallel.start(base, dato)  # BASE is checked in a child while HEAD loads here
    try:
        head = load_state(root, head_rev, reuse=base)
        head_findings = findings_of(head, dato) if findings else None
    except BaseException:
        if pending is not None:
            pending.cancel()
        raise
    base_findings = pending.result() if pending is not None else None
    return compare(base, head, findings=findings, dato=dato, base_name=base_rev, head_name=head_rev,
                   base_findings=base_findings, head_findings=head_findings)
