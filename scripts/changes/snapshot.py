"""A repository state from a git revision or from the working tree, as a `Repository`.

A revision's files come from `git ls-tree` and `git cat-file --batch` (git.py) and go
through the same gate rules (`gate.classify_all`, the size limit) and the same loader
(`loading.load_content`) as files on disk, so a record reads the same whichever way it
arrives. Files whose blob (or content hash) is the same in both states are loaded once and
shared (`reuse`): comparing two revisions of a large repository costs one full load plus the
changed files.
"""

from __future__ import annotations

from pathlib import Path

from .. import gate
from ..findings import make
from ..loading import Loaded, build_repository, digest_bytes, load_files
from ..repository import Repository
from ..vocabulary import RECORD_DIRS
from . import git

WORKTREE = None  # the `rev` that means "the files on disk"
_LINK, _SUBMODULE = "120000", "160000"


def _attach(repo: Repository, revision: str | None, loaded: list[Loaded], oids: dict[str, str]) -> Repository:
    repo.revision = revision  # type: ignore[attr-defined]
    repo.loaded_by_rel = {item.rel: item for item in loaded}  # type: ignore[attr-defined]
    repo.blob_ids = oids  # type: ignore[attr-defined]
    return repo


def load_worktree(root: Path | str, *, reuse: Repository | None = None) -> Repository:
    """The repository as it is on disk (like `loading.load_repository`), reusing the loaded
    result of every file whose bytes are the same as in `reuse`."""
    root = Path(root).resolve()
    files, findings = gate.discover(root)
    contents: dict[str, bytes | OSError] = {}
    earlier = getattr(reuse, "loaded_by_rel", {}) if reuse is not None else {}
    taken: dict[str, Loaded] = {}
    for rel, _kind in files:
        try:
            content = gate.read(root, rel)
        except OSError as error:
            contents[rel] = error
            continue
        contents[rel] = content
        before = earlier.get(rel)
        if before is not None and len(content) <= gate.MAX_FILE_BYTES and before.digest == digest_bytes(content):
            taken[rel] = before
    loaded = load_files(root, files, reuse=taken, contents=contents)
    return _attach(build_repository(root, findings, loaded, contents), None, loaded, {})


def load_revision(root: Path | str, rev: str, *, reuse: Repository | None = None) -> Repository:
    """The repository at git revision `rev` (a commit, branch or tag), read from git's object
    store and checked by the gate and loader exactly like files on disk.

    Raises git.GitError (reason NO_GIT, NOT_A_REPOSITORY or UNKNOWN_REVISION). `reuse` is an
    already loaded revision: files with the same blob there are not parsed again.
    """
    root = Path(root).resolve()
    commit = git.resolve(root, rev)
    entries = git.tree(root, commit, RECORD_DIRS)
    listing = gate.Listing()
    oids: dict[str, str] = {}
    too_large: dict[str, int] = {}
    for entry in entries:
        parts = entry.path.split("/")
        if any(part.startswith(".") for part in parts) or parts[-1].endswith(gate.DOC_SUFFIXES):
            continue  # what walk() leaves out on disk
        if entry.mode == _LINK:
            listing.refused.append((entry.path, "spesiell"))  # a link is never followed out of git
            continue
        if entry.mode == _SUBMODULE:
            listing.refused.append((entry.path, "mappe-navn" if parts[-1].endswith((".yaml", ".yml")) else "spesiell"))
            continue
        listing.files.append(entry.path)
        oids[entry.path] = entry.oid
        if entry.size is not None and entry.size > gate.MAX_FILE_BYTES:
            too_large[entry.path] = entry.size
    listing.files.sort(key=_walk_order)
    files, findings = gate.classify_all(root, listing)
    earlier = getattr(reuse, "loaded_by_rel", {}) if reuse is not None else {}
    earlier_oids = getattr(reuse, "blob_ids", {}) if reuse is not None else {}
    taken = {rel: earlier[rel] for rel, _ in files
             if rel in earlier and earlier_oids.get(rel) == oids.get(rel)}
    wanted = [oids[rel] for rel, _ in files if rel not in taken and rel not in too_large]
    blobs = git.read_blobs(root, wanted)
    contents: dict[str, bytes | OSError] = {}
    for rel, kind in files:
        if rel in too_large:
            taken[rel] = Loaded(rel, kind, None, {}, False,
                                [make("fil-for-stor", rel, None, None, storrelse=too_large[rel] // 1024,
                                      grense=gate.MAX_FILE_BYTES // 1024)], digest_bytes(oids[rel].encode()))
        elif rel in taken:
            content = earlier_contents(reuse, rel)
            if content is not None:
                contents[rel] = content
        else:
            blob = blobs.get(oids[rel])
            contents[rel] = blob if blob is not None else gate.Refused("mangler", rel)
    loaded = load_files(root, files, reuse=taken, contents=contents)
    return _attach(build_repository(root, findings, loaded, contents), commit, loaded, oids)


def _walk_order(rel: str) -> tuple:
    """The order `gate.walk` lists files on disk: record folders in their fixed order, and in
    each folder its files by name before its subfolders by name."""
    parts = rel.split("/")
    top = RECORD_DIRS.index(parts[0]) if parts[0] in RECORD_DIRS else len(RECORD_DIRS)
    return (top, [(1, name) for name in parts[1:-1]] + [(0, parts[-1])])


def earlier_contents(repo: Repository | None, rel: str) -> bytes | None:
    content = getattr(repo, "_contents", {}).get(rel) if repo is not None else None
    return content if isinstance(content, bytes) else None


def load_state(root: Path | str, rev: str | None, *, reuse: Repository | None = None) -> Repository:
    """A revision, or the working tree when `rev` is None."""
    if rev is WORKTREE:
        return load_worktree(root, reuse=reuse)
    return load_revision(root, rev, reuse=reuse)
