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
from pathlib import Path

from .diff import (ACTION_NAMES, ACTIONS, ADDED, CHANGED, CODES, DELETED, KINDS, WITHDRAWN_ACTION, Change,
                   ChangeReport, RecordChange, compare, finding_delta, findings_of, requirement_changes, word_diff)
from .git import NO_GIT, NOT_A_REPOSITORY, UNKNOWN_REVISION, GitError
from .snapshot import WORKTREE, load_revision, load_state, load_worktree

__all__ = ["ACTION_NAMES", "ACTIONS", "ADDED", "CHANGED", "CODES", "DELETED", "KINDS", "WITHDRAWN_ACTION",
           "Change", "ChangeReport", "RecordChange", "compare", "compare_revisions", "finding_delta", "findings_of",
           "requirement_changes", "word_diff", "GitError", "NO_GIT", "NOT_A_REPOSITORY", "UNKNOWN_REVISION",
           "WORKTREE", "load_revision", "load_state", "load_worktree"]


def compare_revisions(root: Path | str, base_rev: str, head_rev: str | None = WORKTREE, *,
                      findings: bool = True, dato: datetime.date | None = None) -> ChangeReport:
    """Load BASE (a revision) and HEAD (a revision, or the working tree when None), sharing
    every unchanged file, and compare them."""
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
