"""Which draft is exported, and the content of a published draft read from its git tag.

The living draft on main is «arbeidsutkast», versioned by `git describe`. A published draft
is a record in utgaver/ whose id is also a git tag; `repository_at_tag` loads the records as
they were at that tag: `git ls-tree` lists the files, `git cat-file --batch` gives their bytes,
and the bytes go through the same loader as files on disk (scripts.loading.load_content).
git is run with fixed arguments only; the draft id must match the draft id pattern and name a
record in utgaver/, and reaches git only inside «refs/tags/<id>^{commit}», never as an option.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from .. import gate
from ..findings import Finding
from ..loading import build_repository, load_content
from ..repository import Repository
from ..vocabulary import LIVING_DRAFT
from .model import Draft

DRAFT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # as schemas/utgave.schema.json: a slug
_TIMEOUT = 60


class DraftError(Exception):
    """A draft that cannot be exported; the message is Norwegian and meant for the user."""


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True, timeout=_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _text(out: bytes | None) -> str | None:
    value = out.decode("utf-8", "replace").strip() if out is not None else ""
    return value or None


def version_of(root: Path, ref: str = "HEAD") -> tuple[str | None, str | None]:
    """(git describe, ISO commit date) of `ref`; (None, None) outside a git checkout."""
    return (_text(_git(root, "describe", "--tags", "--always", ref)),
            _text(_git(root, "log", "-1", "--format=%cs", ref)))


def current_draft(root: Path, repo: Repository) -> Draft:
    """The draft the checkout is: a published draft when HEAD carries its tag, else arbeidsutkast."""
    version, date = version_of(root)
    tags = (_text(_git(root, "tag", "--points-at", "HEAD")) or "").split()
    for tag in sorted(tags):
        record = repo.utgaver.get(tag)
        if record is not None and isinstance(record.data, dict):
            return Draft(tag, version, date, dict(record.data))
    return Draft(LIVING_DRAFT, version, date)


def _commit_of_tag(root: Path, draft_id: str) -> str | None:
    return _text(_git(root, "rev-parse", "--verify", "--quiet", f"refs/tags/{draft_id}^{{commit}}"))


def repository_at_tag(root: Path, repo: Repository, draft_id: str) -> tuple[Repository, Draft]:
    """The records as they were at the git tag of draft `draft_id`, and that draft."""
    known = sorted(repo.utgaver)
    if not DRAFT_ID.match(draft_id) or draft_id not in repo.utgaver:
        listed = ", ".join(f"«{d}»" for d in known) if known else "ingen (mappen utgaver/ er tom)"
        raise DraftError(f"«{draft_id}» er ikke en utgave i utgaver/. Utgavene er {listed}.")
    commit = _commit_of_tag(root, draft_id)
    if commit is None or not re.fullmatch(r"[0-9a-f]{40,64}", commit):
        raise DraftError(f"Utgaven «{draft_id}» har ingen git-tagg med samme navn, så innholdet den ble "
                         f"publisert med, kan ikke leses. Lag taggen med «git tag {draft_id} <commit>».")
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit)
    if listing is None:
        raise DraftError(f"git kunne ikke liste filene i taggen «{draft_id}».")
    wanted: list[tuple[str, str, str]] = []  # (rel, kind, blob)
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind_of, blob = meta.decode().split(" ")
        rel = name.decode("utf-8", "replace")
        if kind_of != "blob" or mode not in ("100644", "100755") or rel.split("/")[0] not in gate.RECORD_DIRS:
            continue  # symbolic links and submodules are never followed
        record_kind, _ = gate.classify(rel)
        if record_kind is not None:
            wanted.append((rel, record_kind, blob))
    contents = _cat_files(root, [blob for _, _, blob in wanted])
    loaded = []
    findings: list[Finding] = []
    for rel, record_kind, blob in wanted:
        content = contents.get(blob)
        if content is None or len(content) > gate.MAX_FILE_BYTES:
            raise DraftError(f"Filen {rel} i taggen «{draft_id}» kunne ikke leses.")
        loaded.append(load_content(rel, record_kind, content))
    at_tag = build_repository(Path(root), findings, loaded)
    version, date = version_of(root, commit)
    record = repo.utgaver[draft_id].data
    return at_tag, Draft(draft_id, version, date, dict(record) if isinstance(record, dict) else None)


def _cat_files(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """Blob id -> bytes, in one `git cat-file --batch` call."""
    if not blobs:
        return {}
    out = _git(root, "cat-file", "--batch", data="".join(f"{b}\n" for b in blobs).encode())
    if out is None:
        return {}
    found: dict[str, bytes] = {}
    at = 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].decode().split()
        at = end + 1
        if len(header) != 3:  # «<blob> missing»
            continue
        size = int(header[2])
        found[header[0]] = out[at:at + size]
        at += size + 1
    return found


def describe(draft: Draft) -> str:
    return draft.id if draft.version is None else f"{draft.id} ({draft.version})"


__all__ = ["Draft", "DraftError", "current_draft", "repository_at_tag", "version_of", "describe"]
