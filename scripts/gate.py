"""The one gate: every file the tool finds, reads or writes in a repository passes here.

A repository may come from a fork, so its files are hostile until proven otherwise:

* discovery never follows a symbolic link out of the repository root; a link that points
  outside is a finding and its target is never read, printed or published;
* only regular files are read (a FIFO, socket or device is a finding, and opening it can never
  block), and never more than the size limit plus one byte, so `/dev/zero`-like input cannot
  exhaust memory;
* a folder named like a record file (`IK-001.yaml/`) is reported instead of ignored;
* every command finds the repository root the same way (`find_root`);
* the tool writes only into folders that are real folders inside the root (`writable_dir`),
  so a `.krav-cache` committed as a symbolic link cannot make it write elsewhere.

No rule, cache code or site code opens a repository file by itself: they call `read`.
Discovery works on plain strings with `os.scandir` (pathlib costs more than the walk itself at
10,000 files).
"""

from __future__ import annotations

import difflib
import functools
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, make
from .messages import PHRASES, UNREADABLE_REASONS
from .vocabulary import KIND_BY_FOLDER, MANDAT_FILE, RECORD_DIRS, SINGLE_FILES

MAX_FILE_BYTES = 256 * 1024  # a record is a page or two; the limit stops runaway files early
DOC_SUFFIXES = (".md",)  # README files may sit beside records
ROOT_MARKERS = ("mandat", "krav")


class Refused(OSError):
    """The gate will not read this file; `reason` is one of the REASONS keys."""

    def __init__(self, reason: str, rel: str) -> None:
        super().__init__(errno.EPERM, reason, rel)
        self.reason = reason


REASONS = UNREADABLE_REASONS  # the keys; the words live in the message catalogue
_ERRNO_REASONS = {errno.ENOENT: "mangler", errno.EACCES: "tilgang", errno.EISDIR: "mappe",
                  errno.ELOOP: "ring", errno.ENOTDIR: "mangler"}


def reason_of(error: OSError) -> str:
    """The REASONS key for an error raised by `read`."""
    if isinstance(error, Refused):
        return error.reason
    return _ERRNO_REASONS.get(error.errno or 0, "annet")


# --- The repository root ---------------------------------------------------------------------------

def find_root(start: Path | str | None = None) -> Path:
    """The repository a folder belongs to: the nearest folder at or above `start` (default: the
    working folder) that holds mandat/ or krav/. Every command uses this, so `krav sjekk
    krav/internkontroll` checks the whole repository that folder is in."""
    here = Path(start if start is not None else Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if any(os.path.isdir(os.path.join(folder, marker)) for marker in ROOT_MARKERS):
            return folder
    return here


def inside(root: Path | str, path: Path | str) -> bool:
    """Whether `path`, with every link resolved, lies inside `root` (resolved too)."""
    real_root = os.path.realpath(os.fspath(root))
    real = os.path.realpath(os.fspath(path))
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


# --- Discovery ----------------------------------------------------------------------------------------

@dataclass
class Listing:
    """What discovery found: candidate files (repository-relative, forward slashes, fixed order)
    and the entries it refused, each as (relative path, REASONS key or 'mappe-navn')."""

    files: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)

    def signature(self) -> list[str]:
        """Everything about the listing that can change a finding (the cache hashes it)."""
        return self.files + [f"\0{rel}\0{why}" for rel, why in self.refused]


def near_record_dir(name: str) -> str | None:
    """The record folder a top-level folder name looks like a misspelling of («lovhjemmel»)."""
    if name in RECORD_DIRS:
        return None
    match = difflib.get_close_matches(name.lower(), RECORD_DIRS, n=1, cutoff=0.75)
    return match[0] if match else None


def walk(root: Path | str) -> Listing:
    """Every candidate file under the record folders, and every entry the gate refuses.

    Hidden entries and README-style documents are left out; every other entry is a record, a
    misplaced file or a refused entry. Top-level folders whose names look like a misspelt record
    folder are walked too, so records put there are reported instead of silently ignored.
    Symbolic links are never followed into folders; a link to a file inside the repository is
    listed like the file, one pointing outside is refused.
    """
    base_root = os.fspath(root)
    listing = Listing()
    _real_dir.cache_clear()
    try:
        with os.scandir(base_root) as entries:
            tops = {e.name: e for e in entries if not e.name.startswith(".")}
    except OSError:
        return listing
    look_alikes = sorted(name for name, e in tops.items() if near_record_dir(name) and _is_dir(e))
    for top in (*RECORD_DIRS, *look_alikes):
        entry = tops.get(top)
        if entry is None:
            continue
        if entry.is_symlink():
            _refuse_link(base_root, top, listing)
            continue
        if entry.is_dir(follow_symlinks=False):
            _walk_folder(base_root, top, listing)
    return listing


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _walk_folder(base_root: str, rel_dir: str, listing: Listing) -> None:
    try:
        with os.scandir(os.path.join(base_root, rel_dir)) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        listing.refused.append((rel_dir, "tilgang"))
        return
    folders = []
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        rel = f"{rel_dir}/{name}"
        try:
            if entry.is_symlink():
                _refuse_link(base_root, rel, listing)
            elif entry.is_dir(follow_symlinks=False):
                if name.lower().endswith((".yaml", ".yml")):
                    listing.refused.append((rel, "mappe-navn"))
                else:
                    folders.append(rel)
            elif entry.is_file(follow_symlinks=False):
                if not name.endswith(DOC_SUFFIXES):
                    listing.files.append(rel)
            else:
                listing.refused.append((rel, "spesiell"))
        except OSError:
            listing.refused.append((rel, "tilgang"))
    for rel in folders:
        _walk_folder(base_root, rel, listing)


def _refuse_link(base_root: str, rel: str, listing: Listing) -> None:
    """A symbolic link: a file inside the repository is listed; anything else is refused."""
    path = os.path.join(base_root, rel)
    if not inside(base_root, path):
        listing.refused.append((rel, "utenfor"))
    elif os.path.isdir(path):
        listing.refused.append((rel, "lenket-mappe"))
    elif os.path.isfile(path):
        if not rel.endswith(DOC_SUFFIXES):
            listing.files.append(rel)
    elif os.path.lexists(path) and not os.path.exists(path):
        listing.refused.append((rel, "mangler"))
    else:
        listing.refused.append((rel, "spesiell"))


def refused_findings(listing: Listing) -> list[Finding]:
    """One finding per refused entry, naming the file and why it is not read."""
    out = []
    for rel, why in listing.refused:
        if why == "mappe-navn":
            out.append(make("fil-mappe-som-post", rel, None, None, fil=rel))
        elif why == "lenket-mappe":
            out.append(make("fil-lenket-mappe", rel, None, None, fil=rel))
        elif why == "utenfor":
            out.append(make("fil-lenke-utenfor", rel, None, None, fil=rel))
        else:
            out.append(make("fil-ulesbar", rel, None, None, grunn=REASONS[why]))
    return out


def classify(rel: str) -> tuple[str | None, str | None]:
    """(kind, None) for a record file, or (None, reason) for a file in the wrong place."""
    parts = rel.split("/")
    name = parts[-1]
    top = parts[0]
    if top not in RECORD_DIRS:  # a look-alike folder found by walk(): a typo, not a choice
        return None, PHRASES["plassering-mappe"].format(mappe=top, forslag=near_record_dir(top))
    if rel in SINGLE_FILES:
        return SINGLE_FILES[rel], None
    suffix = os.path.splitext(name)[1]
    if suffix != ".yaml":
        if suffix.lower() in (".yml", ".yaml"):
            return None, PHRASES["plassering-endelse"].format(endelse=suffix)
        return None, PHRASES["plassering-bare-yaml"].format(mappe=top)
    kind = KIND_BY_FOLDER.get(top)
    if kind is None:
        return None, PHRASES["plassering-mandat"]
    if len(parts) != kind.depth + 2:
        depth = PHRASES["dybde-0" if kind.depth == 0 else "dybde-1"]
        return None, PHRASES["plassering-dybde"].format(dybde=depth, oppsett=kind.layout)
    return kind.name, None


def classify_all(root: Path | str, listing: Listing) -> tuple[list[tuple[str, str]], list[Finding]]:
    """Split a listing into record files and findings (refused entries, misplaced files,
    missing mandate); the mandate's absence comes first, being the root cause of much else."""
    files: list[tuple[str, str]] = []
    findings: list[Finding] = []
    if MANDAT_FILE not in listing.files:
        findings.append(make("fil-mangler", MANDAT_FILE, None, None, fil=MANDAT_FILE,
                             grunn=PHRASES["mandat-mangler"]))
    findings.extend(refused_findings(listing))
    for rel in listing.files:
        kind, reason = classify(rel)
        if kind is None:
            findings.append(make("fil-plassering", rel, None, None, fil=rel, grunn=reason))
        else:
            files.append((rel, kind))
    return files, findings


def discover(root: Path | str) -> tuple[list[tuple[str, str]], list[Finding]]:
    """All record files under root as (relative path, kind), and the discovery findings."""
    return classify_all(root, walk(root))


# --- Reading ------------------------------------------------------------------------------------------------

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def read(root: Path | str, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of one repository file: at most `limit` + 1 of them (more means "too large").

    Raises OSError (a `Refused` for what the gate will not read). The folder the file is in must
    resolve to a place inside the root; the file itself is opened without following a link and
    without blocking, and must be a regular file once open, so a swap between check and open
    gains an attacker nothing. A file that is itself a link is followed only when its target
    lies inside the root.
    """
    return read_keyed(root, rel, limit)[0]


def read_keyed(root: Path | str, rel: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes, tuple | None]:
    """`read`, and the file's stat_key as it was when opened (None for a link: never vouched for)."""
    base = os.fspath(root)
    folder, _, name = rel.rpartition("/")
    real_folder = _real_dir(base, folder)
    if real_folder is None:
        raise Refused("utenfor", rel)
    linked = False
    try:
        fd = os.open(os.path.join(real_folder, name), _OPEN_FLAGS)
    except OSError as error:
        if error.errno != errno.ELOOP or not _OPEN_FLAGS & getattr(os, "O_NOFOLLOW", 0):
            raise
        target = os.path.join(base, rel)  # a link: follow it only when it stays inside
        if not inside(base, target):
            raise Refused("utenfor", rel) from None
        fd = os.open(os.path.realpath(target), _OPEN_FLAGS)
        linked = True
    content, info = _read_regular(fd, rel, limit)
    key = None if linked else (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    return content, key


def _read_regular(fd: int, rel: str, limit: int) -> tuple[bytes, os.stat_result]:
    """Read an open file that must be a regular one, at most `limit` + 1 bytes; closes `fd`.
    Returns the bytes and the file's status from before they were read."""
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Refused("mappe", rel)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("spesiell", rel)
        # O_NONBLOCK means nothing for a regular file, so it stays. Ask for one byte more than
        # the size: a regular file returns less only at its end, so one read is the usual case.
        chunks, size = [], 0
        while size <= limit:
            wanted = min(limit + 1, info.st_size + 1) - size if size <= info.st_size else limit + 1 - size
            chunk = os.read(fd, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if len(chunk) < wanted:
                break
        return (chunks[0] if len(chunks) == 1 else b"".join(chunks)), info
    finally:
        os.close(fd)


def read_given(path: Path | str, limit: int) -> bytes:
    """A file the user named on the command line (a filled-in form, a comment sheet): not part of
    the repository, so no root applies, but the same care: a regular file only, opened without
    blocking (a FIFO never hangs), at most `limit` + 1 bytes. Raises OSError (`Refused`)."""
    fd = os.open(os.fspath(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    return _read_regular(fd, os.fspath(path), limit)[0]


@functools.lru_cache(maxsize=4096)
def _real_dir(base: str, folder: str) -> str | None:
    """The resolved folder, or None when it lies outside the root. Cached: 10,000 files sit in a
    few dozen folders, and resolving every path component for each file is the cost of reading.
    `walk()` clears the cache, so each run sees the folders as they are."""
    real_root = os.path.realpath(base)
    real = os.path.realpath(os.path.join(base, folder)) if folder else real_root
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return None
    return real


def read_text(root: Path | str, rel: str, limit: int = MAX_FILE_BYTES) -> str | None:
    """A small repository text file (UTF-8) through the gate, or None when it cannot be read
    or is larger than `limit`."""
    try:
        content = read(root, rel, limit)
    except OSError:
        return None
    if len(content) > limit:
        return None
    return content.decode("utf-8", errors="replace")


def stat_key(root: Path | str, rel: str) -> tuple[int, int, int, int, int] | None:
    """What the file system says of a regular file without reading it: (device, inode, size,
    modification time, change time), or None for anything else (a link is never vouched for).
    The check's cache (cache.py) re-reads a file whose key changed, the way git's index does;
    take the key *before* reading, so a change during the read shows as a new key next time."""
    try:
        info = os.lstat(os.path.join(os.fspath(root), rel))
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def file_size(root: Path | str, rel: str) -> int | None:
    """The size on disk of a file the gate read (for "too large" messages), without reading it."""
    try:
        return os.stat(os.path.join(os.fspath(root), rel)).st_size
    except OSError:
        return None


# --- Writing ---------------------------------------------------------------------------------------------------

def writable_dir(root: Path | str, rel: str, create: bool = True) -> Path | None:
    """The folder `rel` inside the root for the tool to write in, or None when it is (or its
    path passes through) a symbolic link, or is not a folder: then the tool does not write."""
    base = Path(os.fspath(root))
    path = base / rel
    current = base
    for part in Path(rel).parts:
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            if not create:
                return None
            try:
                os.mkdir(current)
            except OSError:
                return None
            continue
        except OSError:
            return None
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            return None
    return path if inside(base, path) else None
