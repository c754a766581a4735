"""Which draft is exported, and the content of a published draft read from its git tag.

The living draft on main is «arbeidsutkast», versioned by `git describe`. A published draft
is a record in utgaver/ whose id is also a git tag; `repository_at_tag` loads the records as
they were at that tag with the one reader of git revisions, `scripts.changes.snapshot`
(`git ls-tree` + `git cat-file --batch`, the gate's rules and `loading.load_content`).
Questions to git go through `scripts.gitinfo` (fixed argument lists). The draft id must match
the draft id pattern and name a record in utgaver/ before git is asked anything about it.
"""

from __future__ import annotations

from pathlib import Path

from .. import gitinfo
from ..repository import Repository
from ..vocabulary import LIVING_DRAFT
from .model import Draft

DRAFT_ID = gitinfo.SAFE_REF  # as schemas/utgave.schema.json: a slug


class DraftError(Exception):
    """A draft that cannot be exported; the message is Norwegian and meant for the user."""


def version_of(root: Path, ref: str = "HEAD") -> tuple[str | None, str | None]:
    """(git describe, ISO commit date) of `ref`; (None, None) outside a git checkout."""
    return (gitinfo.text(root, "describe", "--tags", "--always", ref) or None,
            gitinfo.text(root, "log", "-1", "--format=%cs", ref) or None)


def current_draft(root: Path, repo: Repository) -> Draft:
    """The draft the checkout is: a published draft when HEAD carries its tag, else arbeidsutkast."""
    version, date = version_of(root)
    for tag in sorted(gitinfo.tags_at_head(root)):
        record = repo.utgaver.get(tag)
        if record is not None and isinstance(record.data, dict):
            return Draft(tag, version, date, dict(record.data))
    return Draft(LIVING_DRAFT, version, date)


def repository_at_tag(root: Path, repo: Repository, draft_id: str) -> tuple[Repository, Draft]:
    """The records as they were at the git tag of draft `draft_id`, and that draft."""
    from ..changes import snapshot
    from ..changes.git import GitError

    known = sorted(repo.utgaver)
    if not DRAFT_ID.match(draft_id) or draft_id not in repo.utgaver:
        listed = ", ".join(f"«{d}»" for d in known) if known else "ingen (mappen utgaver/ er tom)"
        raise DraftError(f"«{draft_id}» er ikke en utgave i utgaver/. Utgavene er {listed}.")
    commit = gitinfo.tag_commit(root, draft_id)
    if not commit:
        raise DraftError(f"Utgaven «{draft_id}» har ingen git-tagg med samme navn, så innholdet den ble "
                         f"publisert med, kan ikke leses. Lag taggen med «git tag {draft_id} <commit>».")
    try:
        at_tag = snapshot.load_revision(root, commit)
    except GitError:
        raise DraftError(f"git kunne ikke lese filene i taggen «{draft_id}».") from None
    version, date = version_of(root, commit)
    record = repo.utgaver[draft_id].data
    return at_tag, Draft(draft_id, version, date, dict(record) if isinstance(record, dict) else None)


def describe(draft: Draft) -> str:
    return draft.id if draft.version is None else f"{draft.id} ({draft.version})"


