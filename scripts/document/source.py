"""Which content a document is built from: the working tree, or a published draft's git tag.

`krav dokument --utgave ID` (and the comment template for that draft) must show exactly what
was published, even after main has moved on. The draft's git tag (same name as its id) marks
that commit, so the records are read from the tag's tree with `git ls-tree` and
`git cat-file --batch`, always with fixed arguments (the id is checked against the id pattern
first and only ever passed as `refs/tags/<id>`), and parsed by the same loader as files on disk
(`loading.load_content`). Nothing is checked out and nothing is written.

The draft's own record (`utgaver/<id>.yaml`) is written after the tag is made, so it is taken
from the working tree, and from the tagged tree only when the working tree does not have it.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .. import gate
from ..loading import build_repository, load_content, load_repository
from ..repository import Record, Repository

DRAFT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
GIT_TIMEOUT = 60  # seconds; reading a tree of 10,000 small files takes well under one


class SourceError(Exception):
    """The content cannot be found: `key` names the catalogue's command-line message (CLI)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclass
class Source:
    """The records a document is built from, and what they are."""

    repo: Repository  # the content (at the tag for a published draft)
    draft: Record | None  # the utgaver/ record, None for the living draft
    version: str | None  # short commit id the content comes from, when known


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    """Run git with fixed arguments in `root`; SourceError when git is missing or fails."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_CONFIG_NOSYSTEM="1", LC_ALL="C")
    try:
        result = subprocess.run(["git", "-C", os.fspath(root), *args], input=data, capture_output=True,
                                timeout=GIT_TIMEOUT, env=env, check=False)
    except FileNotFoundError:
        raise SourceError("utgave-git-mangler") from None
    except subprocess.TimeoutExpired:
        raise SourceError("utgave-git-feil", grunn=f"git svarte ikke innen {GIT_TIMEOUT} sekunder") from None
    if result.returncode != 0:
        raise SourceError("utgave-git-feil", grunn=result.stderr.decode("utf-8", "replace").strip()[:200] or "ukjent feil")
    return result.stdout


def commit_of_tag(root: Path, draft_id: str) -> str:
    """The commit the draft's tag points to."""
    if not DRAFT_ID.match(draft_id):
        raise SourceError("utgave-ugyldig-id", id=draft_id)
    try:
        out = _git(root, "rev-parse", "--verify", "--quiet", f"refs/tags/{draft_id}^{{commit}}")
    except SourceError as error:
        if error.key == "utgave-git-mangler":
            raise
        raise SourceError("utgave-uten-tagg", id=draft_id) from None
    return out.decode("ascii", "replace").strip()


def head_version(root: Path) -> str | None:
    """The short id of the checked-out commit («… med lokale endringer» when a record folder has
    uncommitted changes), or None outside git."""
    try:
        version = _git(root, "rev-parse", "--short=12", "HEAD").decode("ascii", "replace").strip()
        changed = _git(root, "status", "--porcelain", "--", *gate.RECORD_DIRS).strip()
    except SourceError:
        return None
    if not version:
        return None
    return f"{version} med lokale endringer" if changed else version


def tree_files(root: Path, commit: str) -> list[tuple[str, str, int]]:
    """(path, blob id, size) of every regular file in the commit's tree (links and submodules
    are left out: a link in a tag is never followed)."""
    out = _git(root, "ls-tree", "-r", "-z", "-l", "--full-tree", commit)
    files = []
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        parts = meta.split()
        if len(parts) != 4 or parts[1] != b"blob" or parts[0] not in (b"100644", b"100755"):
            continue
        try:
            size = int(parts[3])
        except ValueError:
            continue
        files.append((path.decode("utf-8", "surrogateescape"), parts[2].decode("ascii"), size))
    return files


def read_blobs(root: Path, ids: list[str]) -> dict[str, bytes]:
    """The content of each blob id, through one `git cat-file --batch`."""
    if not ids:
        return {}
    out = _git(root, "cat-file", "--batch", data=("\n".join(ids) + "\n").encode("ascii"))
    blobs, pos = {}, 0
    for blob_id in ids:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) != 3:  # "<id> missing": no content follows
            continue
        size = int(header[2])
        if header[1] == b"blob":
            blobs[blob_id] = out[pos:pos + size]
        pos += size + 1  # content is followed by a newline
    return blobs


def repository_at(root: Path, commit: str) -> Repository:
    """The repository as it was at `commit`, loaded by the same loader as the working tree."""
    wanted: list[tuple[str, str, str]] = []
    for path, blob_id, size in tree_files(root, commit):
        top = path.split("/", 1)[0]
        if top not in gate.RECORD_DIRS or path.endswith(gate.DOC_SUFFIXES) or "/." in f"/{path}":
            continue
        kind, _ = gate.classify(path)
        if kind is None or size > gate.MAX_FILE_BYTES:
            continue
        wanted.append((path, kind, blob_id))
    blobs = read_blobs(root, sorted({blob_id for _, _, blob_id in wanted}))
    loaded = []
    for path, kind, blob_id in wanted:
        if blob_id in blobs:
            loaded.append(load_content(path, kind, blobs[blob_id]))
    return build_repository(root, [], loaded)


def load_source(root: Path | str, draft_id: str | None) -> Source:
    """The content for the living draft (working tree) or for the published draft `draft_id`."""
    root = Path(root).resolve()
    if draft_id is None:
        return Source(load_repository(root), None, head_version(root))
    if not DRAFT_ID.match(draft_id):
        raise SourceError("utgave-ugyldig-id", id=draft_id)
    commit = commit_of_tag(root, draft_id)
    repo = repository_at(root, commit)
    draft = working_draft(root, draft_id) or repo.utgaver.get(draft_id)
    if draft is None or not draft.valid or draft.id != draft_id:
        raise SourceError("utgave-uten-post", id=draft_id)
    return Source(repo, draft, commit[:12])


def working_draft(root: Path, draft_id: str) -> Record | None:
    """The draft's record from the working tree (read through the gate), or None."""
    from ..loading import load_file, to_record

    rel = f"utgaver/{draft_id}.yaml"
    if gate.classify(rel)[0] != "utgave" or not os.path.lexists(root / rel):
        return None
    return to_record(load_file(root, rel, "utgave"))
