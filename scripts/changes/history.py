"""What git history knows about ids: every id ever used, and ids re-used after a deletion.

Ids are permanent: once a file named after an id has been committed, that id is never given to
another record, even when the file was deleted later. One `git log` pass over the record
folders (`--no-renames`, so a move is a deletion plus an addition in the same commit) gives
every path ever added or deleted. Outside a git repository, or without git, history is simply
empty: `krav ny` and `krav sjekk` then work from the files alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import gate
from ..findings import Finding, make
from ..vocabulary import ID_KINDS, KINDS
from . import git

_ID_FOLDERS = tuple(KINDS[k].folder for k in ID_KINDS if k in ("krav", "lovhjemmel", "term"))


@dataclass
class IdHistory:
    used: set[str] = field(default_factory=set)  # every id (file name) ever committed
    # id -> [(path, blob of the deleted version)] for ids whose file was deleted (not moved)
    deleted: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    shallow: bool = False


def _stem(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1]
    return name[:-5] if name.endswith(".yaml") and len(name) > 5 else None


def id_history(root: Path | str, *, all_branches: bool = True) -> IdHistory:
    """The ids in the history of every branch (`git log --all`; `krav ny` skips them all), or
    only of the checked-out commit (`all_branches=False`: what `krav sjekk` judges reuse by, so
    a stale branch that deleted a file cannot make the current record look re-used). Empty
    when there is no git or no commit."""
    history = IdHistory()
    try:
        git.toplevel(root)
        where = git.prefix(root)
        refs = ["--all"] if all_branches else ["HEAD"]
        out = git.run(root, "-c", "core.quotePath=false", "log", *refs, "--no-renames", "--raw", "--no-abbrev",
                      "--diff-filter=AD", "--format=%x01%H", "--", *(f"{where}{f}" for f in _ID_FOLDERS))
        history.shallow = git.is_shallow(root)
    except git.GitError:
        return history
    added: set[str] = set()
    removed: list[tuple[str, str, str]] = []

    def close_commit() -> None:
        for stem, path, oid in removed:
            if stem not in added:  # deleted, not moved within the commit
                history.deleted.setdefault(stem, []).append((path, oid))
        added.clear()
        removed.clear()

    for line in out.decode("utf-8", "surrogateescape").splitlines():
        if line.startswith("\x01"):
            close_commit()
            continue
        if not line.startswith(":"):
            continue
        meta, _, path = line.partition("\t")
        fields = meta.split()
        if len(fields) < 5:
            continue
        if where and path.startswith(where):
            path = path[len(where):]
        stem = _stem(path)
        if stem is None:
            continue
        history.used.add(stem)
        if fields[4] == "A":
            added.add(stem)
        elif fields[4] == "D":
            removed.append((stem, path, fields[2]))
    close_commit()
    return history


def _same_record(kind: str, old: dict, new: dict) -> bool:
    """Whether a file with a deleted id is that record restored (same title), not a new one."""
    keys = {"krav": ("tittel",), "lovhjemmel": ("instrument", "paragraf"), "term": ("term",)}.get(kind, ("tittel",))
    return all(old.get(k) == new.get(k) for k in keys)


def reuse_findings(root: Path | str, history: IdHistory | None = None) -> list[Finding]:
    """`krav-id-gjenbrukt` for each record whose id belonged to a record deleted in the history
    of the checked-out commit (a record restored with its own title is not a reuse)."""
    from ..loading import load_content, load_file

    root = Path(root).resolve()
    history = history if history is not None else id_history(root, all_branches=False)
    if not history.deleted:
        return []
    files, _ = gate.discover(root)
    candidates = [(rel, kind) for rel, kind in files if kind in ("krav", "lovhjemmel", "term")
                  and _stem(rel) in history.deleted]
    if not candidates:
        return []
    oids = [oid for rel, _ in candidates for _, oid in history.deleted[_stem(rel)]]
    try:
        blobs = git.read_blobs(root, oids)
    except git.GitError:
        blobs = {}
    out = []
    for rel, kind in candidates:
        current = load_file(root, rel, kind).data
        if not isinstance(current, dict):
            continue
        stem = _stem(rel)
        earlier = [(path, load_content(path, kind, blobs[oid]).data) for path, oid in history.deleted[stem] if oid in blobs]
        if any(isinstance(data, dict) and _same_record(kind, data, current) for _, data in earlier):
            continue
        path = earlier[-1][0] if earlier else history.deleted[stem][-1][0]
        out.append(make("krav-id-gjenbrukt", rel, None, None, ids=[stem], id=stem, tidligere=path))
    return out


# --- Each requirement's history, for the site ----------------------------------------------------

@dataclass
class Event:
    """One commit that touched a requirement's file."""

    commit: str
    date: str  # ISO date of the commit
    subject: str  # the commit's first line (untrusted text: escape it)
    action: str  # lagt-til | endret | trukket | slettet (the diff module's ACTIONS)
    changes: list = field(default_factory=list)  # diff.Change, for «endret» and «trukket»


@dataclass
class Histories:
    by_id: dict[str, list[Event]] = field(default_factory=dict)  # oldest first
    first_draft: dict[str, str] = field(default_factory=dict)  # id -> utgave id it first appeared in
    shallow: bool = False


def requirement_histories(root: Path | str, drafts: list[tuple[str, str]] | None = None) -> Histories:
    """Every requirement's history from one `git log` pass over krav/ and one `cat-file` batch
    for the versions it names; `drafts` is [(utgave id = git tag, date)], oldest first.
    Empty outside git. Files are matched by name (= id), so a move keeps its history."""
    from ..load import load_bytes
    from .diff import ADDED, CHANGED, DELETED, WITHDRAWN_ACTION, requirement_changes

    out = Histories()
    try:
        git.toplevel(root)
        where = git.prefix(root)
        log = git.run(root, "-c", "core.quotePath=false", "log", "--no-renames", "--raw", "--no-abbrev",
                      "--format=%x01%H%x00%cs%x00%s", "--", f"{where}krav")
        out.shallow = git.is_shallow(root)
    except git.GitError:
        return out
    commits: list[tuple[str, str, str, list[tuple[str, str, str]]]] = []  # newest first
    for line in log.decode("utf-8", "replace").splitlines():
        if line.startswith("\x01"):
            commit, date, subject = (line[1:].split("\x00") + ["", ""])[:3]
            commits.append((commit, date, subject, []))
        elif line.startswith(":") and commits:
            meta, _, path = line.partition("\t")
            fields = meta.split()
            stem = _stem(path)
            if len(fields) >= 5 and stem is not None and path[len(where):].count("/") == 2:
                commits[-1][3].append((stem, fields[3], fields[4]))
    wanted = {oid for *_, files in commits for _, oid, status in files if status != "D"}
    try:
        blobs = git.read_blobs(root, sorted(wanted))
    except git.GitError:
        blobs = {}
    current: dict[str, dict | None] = {}
    for commit, date, subject, files in reversed(commits):  # oldest first
        seen: dict[str, tuple[str, str]] = {}
        for stem, oid, status in files:  # a move is D + A of the same name in one commit
            if status == "D" and stem in seen:
                continue
            seen[stem] = (oid, status)
        for stem, (oid, status) in seen.items():
            before = current.get(stem)
            if status == "D":
                current[stem] = None
                if before is not None or stem in out.by_id:
                    out.by_id.setdefault(stem, []).append(Event(commit, date, subject, DELETED))
                continue
            document = load_bytes(f"krav/{stem}.yaml", blobs[oid]).data if oid in blobs else None
            after = document if isinstance(document, dict) else {}
            current[stem] = after
            if before is None:
                out.by_id.setdefault(stem, []).append(Event(commit, date, subject, ADDED))
                continue
            changes = requirement_changes(before, after)
            if not changes:
                continue
            action = CHANGED
            if after.get("status") == "trukket" and before.get("status") != "trukket":
                action = WITHDRAWN_ACTION
            out.by_id.setdefault(stem, []).append(Event(commit, date, subject, action, changes))
    for draft, _ in drafts or ():
        try:
            commit = git.resolve(root, draft)
            names = git.run(root, "ls-tree", "-r", "--name-only", "--full-tree", commit, "--", f"{where}krav")
        except git.GitError:
            continue
        for path in names.decode("utf-8", "replace").splitlines():
            stem = _stem(path)
            if stem is not None:
                out.first_draft.setdefault(stem, draft)
    return out
