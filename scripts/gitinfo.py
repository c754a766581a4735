"""Read-only questions to git about published drafts, with fixed argument lists.

A published draft (utgaver/<id>.yaml) is tied to the annotated git tag <id> on the commit
that added the record. The check rules and `krav utgave ny` ask git here; nothing in a record
ever becomes a git option (ids are checked against a strict pattern first, and every revision
is passed after the options, never through a shell).

Every function answers None / False when git is missing, the folder is not the top of a git
work tree, or the clone is shallow (then the history needed to judge a draft is not there):
the git-based rules are then skipped, never guessed.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

SAFE_REF = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # the schema's pattern for utgave ids
TIMEOUT = 30
# Set by git hooks and some tools; they would make git answer about another repository than root.
_LOCATION = {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
             "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX"}


def git(root: Path | str, *args: str, data: bytes | None = None) -> bytes | None:
    """stdout of `git -C root args…`, or None when git fails or is missing."""
    env = {k: v for k, v in os.environ.items() if k not in _LOCATION}  # ask about root, not an inherited repo
    env["GIT_TERMINAL_PROMPT"] = "0"
    try:
        done = subprocess.run(["git", "-C", os.fspath(root), *args], input=data, capture_output=True,
                              timeout=TIMEOUT, env=env, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def text(root: Path | str, *args: str) -> str | None:
    out = git(root, *args)
    return out.decode("utf-8", "replace").strip() if out is not None else None


def is_repository_top(root: Path | str) -> bool:
    """Whether `root` is the top folder of a (complete, not shallow) git work tree."""
    top = text(root, "rev-parse", "--show-toplevel")
    if not top or os.path.realpath(top) != os.path.realpath(os.fspath(root)):
        return False
    return text(root, "rev-parse", "--is-shallow-repository") == "false"


def tag_commit(root: Path | str, tag: str) -> str | None:
    """The commit the tag `tag` points at, or None when there is no such tag."""
    if not SAFE_REF.match(tag):
        return None
    return text(root, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}^{{commit}}")


def is_annotated(root: Path | str, tag: str) -> bool:
    return SAFE_REF.match(tag) is not None and text(root, "cat-file", "-t", f"refs/tags/{tag}") == "tag"


def blob_at(root: Path | str, commit: str, rel: str) -> bytes | None:
    """The bytes of `rel` in `commit`, or None when the file is not there."""
    return git(root, "cat-file", "blob", f"{commit}:{rel}")


def has_file(root: Path | str, commit: str, rel: str) -> bool:
    return git(root, "cat-file", "-e", f"{commit}:{rel}") is not None


def parents(root: Path | str, commit: str) -> list[str]:
    out = text(root, "rev-list", "--parents", "-n", "1", commit)
    return out.split()[1:] if out else []


def is_ancestor(root: Path | str, commit: str, of: str = "HEAD") -> bool:
    return git(root, "merge-base", "--is-ancestor", commit, of) is not None


def head(root: Path | str) -> str | None:
    return text(root, "rev-parse", "--verify", "--quiet", "HEAD")


def is_dirty(root: Path | str) -> bool | None:
    """Whether the work tree has changes or untracked files (None: not a git work tree)."""
    out = git(root, "status", "--porcelain", "--untracked-files=normal")
    return None if out is None else bool(out.strip())


def state(root: Path | str) -> str:
    """Everything about git that the draft rules depend on, as one string (the check cache
    hashes it): HEAD, shallowness and every tag with its target."""
    if not is_repository_top(root):
        return "ingen-git"
    refs = text(root, "for-each-ref", "--format=%(refname) %(objectname) %(*objectname)", "refs/tags") or ""
    return f"{head(root)}\n{refs}"


def describe(root: Path | str) -> str | None:
    """`git describe --tags --always --dirty` of the work tree."""
    return text(root, "describe", "--tags", "--always", "--dirty")


def tags_at_head(root: Path | str) -> list[str]:
    out = text(root, "tag", "--points-at", "HEAD")
    return out.split() if out else []


def draft_tags(root: Path | str) -> list[str]:
    """Tags that mark a published draft: the tag's commit holds utgaver/<tag>.yaml (one git call
    to list the tags, one to look the files up)."""
    names = [n for n in (text(root, "for-each-ref", "--format=%(refname:strip=2)", "refs/tags") or "").split()
             if SAFE_REF.match(n)]
    if not names:
        return []
    query = "".join(f"refs/tags/{n}:utgaver/{n}.yaml\n" for n in names).encode()
    out = git(root, "cat-file", "--batch-check=%(objecttype)", data=query)
    if out is None:
        return []
    answers = out.decode("utf-8", "replace").splitlines()
    return [n for n, answer in zip(names, answers) if answer.strip() == "blob"]
