"""The only place the change report talks to git: fixed argument lists, never a shell.

Every call passes its arguments as a list to `subprocess.run` (no shell, no string
interpolation), with `--` before paths and revisions checked by `git rev-parse --verify`
first, so a revision name from the command line can never become an option. Output is read
as bytes and decoded here. A missing git program, a folder outside any git repository and an
unknown revision are `GitError`s with a `reason` the CLI turns into one Norwegian line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Why git could not answer (the CLI's one-line messages are keyed by these).
NO_GIT = "git-mangler"
NOT_A_REPOSITORY = "ikke-git"
UNKNOWN_REVISION = "ukjent-revisjon"
FAILED = "git-feil"


class GitError(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


# git must not read a user's pager, prompt for credentials or translate its messages.
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "PAGER": "cat", "LC_ALL": "C",
        "GIT_OPTIONAL_LOCKS": "0"}


def _git_program() -> str:
    program = shutil.which("git")
    if program is None:
        raise GitError(NO_GIT)
    return program


def run(root: Path | str, *args: str, input: bytes | None = None, check: bool = True) -> bytes:
    """`git -C root args...` and its standard output; GitError when git is missing or fails."""
    env = {**os.environ, **_ENV}
    try:
        done = subprocess.run([_git_program(), "-C", os.fspath(root), *args], input=input,
                              capture_output=True, env=env, check=False)
    except OSError as error:
        raise GitError(NO_GIT, str(error)) from None
    if check and done.returncode != 0:
        raise GitError(FAILED, done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


def available() -> bool:
    return shutil.which("git") is not None


def toplevel(root: Path | str) -> Path:
    """The work tree's top folder; GitError(NOT_A_REPOSITORY) outside a git repository."""
    try:
        out = run(root, "rev-parse", "--show-toplevel")
    except GitError as error:
        if error.reason == NO_GIT:
            raise
        raise GitError(NOT_A_REPOSITORY, error.detail) from None
    return Path(out.decode("utf-8", "surrogateescape").strip())


def prefix(root: Path | str) -> str:
    """The path of `root` inside its git repository ('' at the top, else 'sub/dir/')."""
    return run(root, "rev-parse", "--show-prefix").decode("utf-8", "surrogateescape").strip()


def is_shallow(root: Path | str) -> bool:
    try:
        return run(root, "rev-parse", "--is-shallow-repository").strip() == b"true"
    except GitError:
        return False


def resolve(root: Path | str, rev: str) -> str:
    """The commit id `rev` names; GitError(UNKNOWN_REVISION) when the repository lacks it."""
    toplevel(root)  # distinguishes "not a repository" from "unknown revision"
    if not rev or rev.startswith("-"):
        raise GitError(UNKNOWN_REVISION, rev)
    try:
        out = run(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(UNKNOWN_REVISION, rev) from None
    commit = out.decode("ascii", "replace").strip()
    if not commit:
        raise GitError(UNKNOWN_REVISION, rev)
    return commit


@dataclass(frozen=True)
class TreeEntry:
    path: str  # relative to the repository root the tool works on (not git's top level)
    mode: str  # "100644", "100755", "120000" (link), "160000" (submodule)
    oid: str
    size: int | None  # None for a submodule


def tree(root: Path | str, commit: str, folders: tuple[str, ...]) -> list[TreeEntry]:
    """Every entry under `folders` (relative to root) in `commit`, with blob sizes."""
    where = prefix(root)
    paths = [f"{where}{folder}" for folder in folders]
    out = run(root, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", *paths)
    entries = []
    for item in out.split(b"\0"):
        if not item:
            continue
        meta, _, raw_path = item.partition(b"\t")
        mode, _kind, oid, size = meta.decode("ascii").split()
        path = raw_path.decode("utf-8", "surrogateescape")
        if where and path.startswith(where):
            path = path[len(where):]
        entries.append(TreeEntry(path, mode, oid, None if size == "-" else int(size)))
    return entries


def read_blobs(root: Path | str, oids: list[str]) -> dict[str, bytes]:
    """The content of each blob, read in one `git cat-file --batch` process."""
    if not oids:
        return {}
    unique = list(dict.fromkeys(oids))
    out = run(root, "cat-file", "--batch", input=("\n".join(unique) + "\n").encode("ascii"))
    blobs: dict[str, bytes] = {}
    pos = 0
    for oid in unique:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        blobs[oid] = out[pos:pos + size]
        pos += size + 1  # the content is followed by a newline
    return blobs
