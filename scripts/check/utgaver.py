"""Published drafts (utgaver/) and the comments received on them (kommentarer/<utgave>/).

A published draft never changes: its record is committed together with the annotated git tag
of the same name (`krav utgave ny`), and the rules here compare the record with the content at
that tag. The git-based rules run only when the repository root is the top of a complete git
work tree (not a subfolder, not a shallow clone); otherwise they report nothing.
"""

from __future__ import annotations

import os
from typing import Iterator

from .. import gate, gitinfo
from ..findings import Finding, make
from ..messages import forslag, oppramsing
from ..repository import Record, Repository, replaced_ids
from ..vocabulary import CLAUSE_EXAMPLES, WITHDRAWN, is_clause_reference, parse_date
from . import rule


def _git_ready(repo: Repository) -> bool:
    if not repo.utgaver:
        return False
    cached = getattr(repo, "_git_ready", None)
    if cached is None:
        cached = gitinfo.is_repository_top(repo.root)
        repo._git_ready = cached  # type: ignore[attr-defined]
    return cached


def _published(repo: Repository) -> Iterator[tuple[Record, str | None]]:
    """Each draft whose id can name a tag, with the commit its tag points at (None: no tag)."""
    for record in repo.of_kind("utgave"):
        ident = record.id
        if ident is None or ident != record.stem or not gitinfo.SAFE_REF.match(ident):
            continue  # the schema and id-filnavn report these
        yield record, gitinfo.tag_commit(repo.root, ident)


@rule("utgave-tagg-mangler")
def check_draft_tagged(repo: Repository) -> Iterator[Finding]:
    """Every record in utgaver/ has the git tag of the same name (made by `krav utgave ny`).
    Skipped outside a complete git work tree."""
    if not _git_ready(repo):
        return
    for record, commit in _published(repo):
        if commit is None:
            yield make("utgave-tagg-mangler", record.file, path=("id",), ids=[record.id], id=record.id)


@rule("utgave-tagg-flyttet")
def check_tag_not_moved(repo: Repository) -> Iterator[Finding]:
    """A draft's tag points at the commit that added its record (the record is in that commit and
    not in its first parent), and that commit is part of the current history."""
    if not _git_ready(repo):
        return
    for record, commit in _published(repo):
        if commit is None:
            continue
        reason = None
        if not gitinfo.has_file(repo.root, commit, record.file):
            reason = f"commiten {commit[:12]} inneholder ikke {record.file}"
        else:
            first = gitinfo.parents(repo.root, commit)[:1]
            if first and gitinfo.has_file(repo.root, first[0], record.file):
                reason = f"{record.file} fantes allerede før commiten {commit[:12]}"
            elif not gitinfo.is_ancestor(repo.root, commit):
                reason = f"commiten {commit[:12]} er ikke en del av historikken til det du har sjekket ut"
        if reason:
            yield make("utgave-tagg-flyttet", record.file, path=("id",), ids=[record.id], id=record.id,
                       grunn=reason, fil=record.file)


@rule("utgave-endret")
def check_draft_unchanged(repo: Repository) -> Iterator[Finding]:
    """A published draft's record is byte for byte what it was at its tag: a correction is a new draft."""
    if not _git_ready(repo):
        return
    for record, commit in _published(repo):
        if commit is None:
            continue
        then = gitinfo.blob_at(repo.root, commit, record.file)
        if then is None:
            continue  # utgave-tagg-flyttet says why
        try:
            now = gate.read(repo.root, record.file)
        except OSError:
            continue
        if now.replace(b"\r\n", b"\n") != then.replace(b"\r\n", b"\n"):  # a Windows checkout (autocrlf) is no edit
            yield make("utgave-endret", record.file, ids=[record.id], id=record.id, fil=record.file)


@rule("utgave-slettet")
def check_draft_not_deleted(repo: Repository) -> Iterator[Finding]:
    """A published draft is never removed: a tag in the current history that marks a draft (its
    commit holds utgaver/<tag>.yaml) still has its record."""
    if not gitinfo.is_repository_top(repo.root):
        return
    present = {record.file for record in repo.of_kind("utgave")}
    for tag in gitinfo.draft_tags(repo.root):
        rel = f"utgaver/{tag}.yaml"
        if rel in present or os.path.lexists(os.path.join(repo.root, rel)):
            continue
        commit = gitinfo.tag_commit(repo.root, tag)
        if commit and gitinfo.is_ancestor(repo.root, commit):
            yield make("utgave-slettet", rel, ids=[tag], id=tag, fil=rel)


@rule("utgave-horing-stadium", "utgave-horing-mangler")
def check_hearing_block(repo: Repository) -> Iterator[Finding]:
    """The `høring` block (start and deadline) belongs to, and is required for, stage `høring`."""
    for record in repo.of_kind("utgave"):
        stage = record.text("stadium")
        has_block = isinstance(record.get("høring"), dict)
        if has_block and stage is not None and stage != "høring":
            yield make("utgave-horing-stadium", record.file, path=("høring",), ids=[record.id or record.stem],
                       stadium=stage)
        elif stage == "høring" and record.get("høring") is None:
            yield make("utgave-horing-mangler", record.file, path=("stadium",), ids=[record.id or record.stem])


@rule("utgave-frist-for-start")
def check_deadline_after_start(repo: Repository) -> Iterator[Finding]:
    """A consultation's deadline (`frist`) comes after its start."""
    for record in repo.of_kind("utgave"):
        block = record.get("høring")
        if not isinstance(block, dict):
            continue
        start, deadline = parse_date(block.get("start")), parse_date(block.get("frist"))
        if start and deadline and deadline <= start:
            yield make("utgave-frist-for-start", record.file, path=("høring", "frist"), ids=[record.id or record.stem],
                       frist=block["frist"], start=block["start"])


@rule("kommentar-utgave-mappe", "kommentar-ukjent-utgave")
def check_comment_draft(repo: Repository) -> Iterator[Finding]:
    """A comment's `utgave` equals its folder (kommentarer/<utgave>/) and is a draft in utgaver/."""
    for record in repo.of_kind("kommentar"):
        draft = record.text("utgave")
        if draft is None:
            continue
        if draft != record.folder:
            yield make("kommentar-utgave-mappe", record.file, path=("utgave",), ids=[record.id or record.stem],
                       utgave=draft, mappe=record.folder)
        elif draft not in repo.utgaver:
            yield make("kommentar-ukjent-utgave", record.file, path=("utgave",), ids=[record.id or record.stem],
                       utgave=draft, forslag=forslag(draft, repo.utgaver),
                       tillatte=oppramsing(sorted(repo.utgaver), limit=20))


def successor_index(repo: Repository) -> dict[str, list[str]]:
    """For each requirement id, the ids of the requirements that say they replace it
    (relation `erstatter`), in id order."""
    found: dict[str, set[str]] = {}
    for record in repo.of_kind("krav"):
        for target in replaced_ids(record) if record.id else ():
            found.setdefault(target, set()).add(record.id)
    return {target: sorted(ids) for target, ids in found.items()}


def _successor_note(following: list[str]) -> str:
    if not following:
        return " Ingen bestemmelse er oppgitt som erstatning for det."
    return f" Det er erstattet av {oppramsing(following)}."


@rule("kommentar-ukjent-krav", "kommentar-krav-trukket")
def check_comment_provision(repo: Repository) -> Iterator[Finding]:
    """A comment on a provision (`krav`) that no longer exists or is withdrawn is a warning that
    names the provision replacing it (relation `erstatter`), if any."""
    successors = None
    for record in repo.of_kind("kommentar"):
        target = record.text("krav")
        if target is None:
            continue
        provision = repo.krav.get(target)
        if provision is not None and provision.text("status") != WITHDRAWN:
            continue
        if successors is None:
            successors = successor_index(repo)
        note = _successor_note(successors.get(target, []))
        if provision is None:
            yield make("kommentar-ukjent-krav", record.file, path=("krav",), ids=[record.id or record.stem],
                       krav=target, etterfolger=note)
        else:
            yield make("kommentar-krav-trukket", record.file, path=("krav",), ids=[record.id or record.stem, target],
                       krav=target, etterfolger=note)


@rule("kommentar-punkt-format")
def check_clause_reference(repo: Repository) -> Iterator[Finding]:
    """`punkt` names a place in the draft as printed: a clause number («4.2»), an annex
    («Tillegg A», «A.1») or an unnumbered part («Forord», «Generelt» …)."""
    for record in repo.of_kind("kommentar"):
        value = record.get("punkt")
        if isinstance(value, str) and value and not is_clause_reference(value):
            yield make("kommentar-punkt-format", record.file, path=("punkt",), ids=[record.id or record.stem],
                       verdi=value, eksempler=oppramsing(CLAUSE_EXAMPLES))
