"""Read, parse and schema-check record files, spread over the processor cores.

`load_files(root, files)` turns every (relative path, kind) from discovery (gate.py) into a
`Loaded` result: plain data, the findings of reading, YAML and schema, and the content hash of
the bytes it was computed from (cache.py reuses results by that hash). Bytes come only from
`gate.read`, never from an `open()` here. The YAML and schema modules are imported on first
use, so a cache hit never pays for them.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sys
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from . import gate
from .findings import Finding, make
from .repository import Record, Repository
from .vocabulary import KINDS

_TOP_LEVEL = {name: kind.top for name, kind in KINDS.items()}
_TOP_NAMES = {dict: "felt med verdier (navn: verdi)", list: "en liste (linjer som starter med «- »)"}


class Loaded(NamedTuple):
    """The outcome of reading one file: plain data, so it can cross a process boundary."""

    rel: str
    kind: str
    data: Any
    raw: dict
    valid: bool
    findings: list[Finding]
    digest: bytes  # content hash of the bytes this result was computed from (see cache.py)
    stat: tuple | None = None  # gate.stat_key taken just before the bytes were read, if this run read them


def digest_bytes(content: bytes) -> bytes:
    """Content hash used to recognise an unchanged file (blake2b: fast and collision-safe)."""
    return hashlib.blake2b(content, digest_size=16).digest()


def digest_unreadable(error: OSError) -> bytes:
    """A stand-in hash for a file that cannot be read; differs from every content hash."""
    return hashlib.blake2b(f"\0ulesbar\0{gate.reason_of(error)}".encode(), digest_size=16,
                           person=b"krav-ulesbar").digest()


def load_content(rel: str, kind: str, content: bytes, digest: bytes | None = None) -> Loaded:
    """Parse and schema-check one file's bytes. Never raises for bad content."""
    from . import load, schema  # deferred: a cache hit never needs them

    if digest is None:
        digest = digest_bytes(content)
    document = load.load_bytes(rel, content)
    findings = list(document.findings)
    data, valid = document.data, False
    if data is not None:
        expected = _TOP_LEVEL[kind]
        if not isinstance(data, expected):
            actual = _TOP_NAMES.get(type(data), f"en enkelt verdi ({schema.describe_value(data)})")
            findings.append(make("yaml-toppniva", rel, 1, 1, forventet=_TOP_NAMES[expected], faktisk=actual))
            data = None
        else:
            schema_findings = schema.validate(kind, data, rel, document.raw)
            valid = not schema_findings and not findings
            findings.extend(schema_findings)
    return Loaded(rel, kind, data, document.raw, valid, findings, digest)


def load_file(root: Path | str, rel: str, kind: str) -> Loaded:
    """Read (through the gate), hash, parse and schema-check one file. Never raises for bad content."""
    try:
        content, key = gate.read_keyed(root, rel)  # the key as the file was before it was read
    except OSError as error:
        return unreadable(rel, kind, error)
    if len(content) > gate.MAX_FILE_BYTES:  # the gate read one byte past the limit: report the real size
        size = gate.file_size(root, rel) or len(content)
        return Loaded(rel, kind, None, {}, False, [make("fil-for-stor", rel, None, None, storrelse=size // 1024,
                                                        grense=gate.MAX_FILE_BYTES // 1024)], digest_bytes(content), key)
    return load_content(rel, kind, content)._replace(stat=key)


def unreadable(rel: str, kind: str, error: OSError) -> Loaded:
    """The result for a file the gate could not or would not read."""
    reason = gate.REASONS[gate.reason_of(error)]
    return Loaded(rel, kind, None, {}, False, [make("fil-ulesbar", rel, None, None, grunn=reason)],
                  digest_unreadable(error))


def to_record(loaded: Loaded) -> Record:
    raw = loaded.raw
    if not isinstance(raw, dict):  # as the cache keeps it ([[path], text] pairs): built only when needed
        raw = {tuple(path): text for path, text in raw}
    return Record(loaded.kind, loaded.rel, loaded.data, raw, loaded.valid)


def load_record(root: Path, rel: str, kind: str) -> tuple[Record, list[Finding]]:
    """Read, parse and schema-check one file. Never raises for bad content."""
    loaded = load_file(root, rel, kind)
    return to_record(loaded), list(loaded.findings)


# --- Spreading the work over processor cores ------------------------------------------------
# Each file is independent until the repository-wide rules run, so reading, YAML and schema
# checking split cleanly. The files are cut into one share per core: forked children load all
# shares but the last, which this process loads itself meanwhile. A child inherits the imported
# modules, the compiled schema validators and the bytes already read (copy-on-write, nothing is
# sent), and sends back its results as one `marshal` blob through a pipe: plain dicts, lists and
# strings, which marshal reads two to three times faster than pickle. Anything that goes wrong
# in a child (it crashes, is killed, sends half a blob) only means its share is loaded here.
# Below PARALLEL_MIN_FILES the fork and the transfer cost more than they save.

PARALLEL_MIN_FILES = 300
PARALLEL_ENV = "KRAV_PARALLELL"  # "1" forces parallel loading, "0" forbids it (tests, debugging)
MAX_WORKERS = 8


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def use_parallel(count: int, parallel: bool | None = None) -> bool:
    """Whether to load `count` files in forked worker processes."""
    if parallel is None:
        forced = os.environ.get(PARALLEL_ENV, "").strip()
        if forced in ("0", "1"):
            parallel = forced == "1"
    if parallel is None:
        parallel = count >= PARALLEL_MIN_FILES and _cpu_count() > 1
    return bool(parallel) and count > 0 and forking_is_safe()


def forking_is_safe() -> bool:
    """Forking is safe only where it exists and no other thread can be holding a lock the child
    would need (a threaded host such as `mkdocs serve` therefore loads serially)."""
    threading = sys.modules.get("threading")
    return hasattr(os, "fork") and (threading is None or threading.active_count() == 1)


def _load_known(root: str, rel: str, kind: str, contents: dict[str, bytes | OSError]) -> Loaded:
    """Load one file from bytes already read (and hashed) by the caller, or from disk."""
    content = contents.get(rel)
    if content is None:
        return load_file(root, rel, kind)
    if isinstance(content, OSError):
        return unreadable(rel, kind, content)
    return load_content(rel, kind, content)


def _to_plain(item: Loaded) -> tuple:
    findings = tuple(f.plain() for f in item.findings)
    return (item.rel, item.kind, item.data, item.raw, item.valid, findings, item.digest, item.stat)


def _from_plain(plain: tuple) -> Loaded:
    rel, kind, data, raw, valid, findings, digest, key = plain
    return Loaded(rel, kind, data, raw, valid, [Finding(*f) for f in findings], digest, key)


def _load_share(root: str, share: list[tuple[str, str]], contents: dict, then) -> tuple[list[Loaded], Any]:
    loaded = [_load_known(root, rel, kind, contents) for rel, kind in share]
    return loaded, (then(loaded) if then is not None else None)


def _load_share_plain(root: str, share: list[tuple[str, str]], contents: dict, then) -> tuple[list[tuple], Any]:
    """In a forked child: the share loaded (and `then` run on it) as plain values for marshal."""
    loaded, extra = _load_share(root, share, contents, then)
    return [_to_plain(item) for item in loaded], extra


def _collect_share(child) -> tuple[list[Loaded], Any] | None:
    """The child's loaded share, or None when it failed in any way."""
    from .forking import collect

    ok, value = collect(child)
    if not ok:
        return None
    try:
        plain, extra = value
        return [_from_plain(item) for item in plain], extra
    except (ValueError, TypeError):
        return None


def _load_parallel(root: str, todo: list[tuple[str, str]], contents: dict[str, bytes | OSError],
                   then=None) -> tuple[list[Loaded], list]:
    from . import load, schema  # noqa: F401 - imported once here, inherited by every child

    for kind in schema.KINDS:  # compile the validators before forking, so no child compiles them
        schema._fast(kind)
    workers = max(2, min(_cpu_count(), MAX_WORKERS))
    size = -(-len(todo) // workers)
    shares = [todo[i:i + size] for i in range(0, len(todo), size)]
    from .forking import abandon, fork_call

    children = []
    for share in shares[:-1]:
        # Default arguments bind this share now (the lambda runs later, in the child).
        children.append((share, fork_call(lambda share=share: _load_share_plain(root, share, contents, then))))
    try:
        own, own_extra = _load_share(root, shares[-1], contents, then)
    except BaseException:  # a bug or Ctrl-C here: reap the children before passing it on
        for _, child in children:
            if child is not None:
                abandon(child)
        raise
    results: list[Loaded] = []
    extras = []
    for share, child in children:
        got = _collect_share(child) if child is not None else None
        if got is None or [item.rel for item in got[0]] != [rel for rel, _ in share]:
            got = _load_share(root, share, contents, then)  # the child failed: load that share here
        results.extend(got[0])
        extras.append(got[1])
    results.extend(own)
    extras.append(own_extra)
    return results, extras


def load_files(root: Path | str, files: list[tuple[str, str]], *, parallel: bool | None = None,
               reuse: dict[str, Loaded] | None = None,
               contents: dict[str, bytes | OSError] | None = None) -> list[Loaded]:
    """Load every (rel, kind), in order.

    `reuse` holds results (by rel) to take as they are; `contents` holds bytes the caller has
    already read (or the error reading them), so a file is read once and the result belongs
    to exactly the bytes the caller hashed. The caller vouches that a reused result was
    computed from the current content (cache.py compares content hashes).
    """
    return load_files_then(root, files, parallel=parallel, reuse=reuse, contents=contents)[0]


def load_files_then(root: Path | str, files: list[tuple[str, str]], *, parallel: bool | None = None,
                    reuse: dict[str, Loaded] | None = None,
                    contents: dict[str, bytes | OSError] | None = None,
                    then=None) -> tuple[list[Loaded], list]:
    """As load_files, and run `then(loaded)` on each share of freshly loaded files where it was
    loaded (in the worker process: both cores work on it), returning its results too (they must
    be plain values that marshal can carry)."""
    root = os.fspath(root)
    reuse = reuse or {}
    contents = contents or {}
    todo = [(rel, kind) for rel, kind in files if rel not in reuse]
    # Loading creates hundreds of thousands of small dicts and lists and no reference cycles;
    # the cyclic garbage collector would walk them all again and again (about a quarter of
    # the loading time at 10,000 files), so it pauses until the records are built.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        if use_parallel(len(todo), parallel):
            fresh, extras = _load_parallel(root, todo, contents, then)
        else:
            fresh, extra = _load_share(root, todo, contents, then)
            extras = [extra]
    finally:
        if was_enabled:
            gc.enable()
    by_rel = {loaded.rel: loaded for loaded in fresh}
    return [reuse[rel] if rel in reuse else by_rel[rel] for rel, _ in files], extras


def build_repository(root: Path, discovery_findings: list[Finding], loaded: Iterable[Loaded],
                     contents: dict[str, bytes | OSError] | None = None) -> Repository:
    """The Repository for loaded files; findings keep discovery first, then file order."""
    records, findings = [], list(discovery_findings)
    for item in loaded:
        records.append(to_record(item))
        findings.extend(item.findings)
    repo = Repository(root, records, findings)
    if contents:
        repo.remember_contents(contents)
    return repo


def load_repository(root: Path | str, *, parallel: bool | None = None) -> Repository:
    """Discover (through the gate), load and index every record under `root`."""
    root = Path(root).resolve()
    files, findings = gate.discover(root)
    return build_repository(root, findings, load_files(root, files, parallel=parallel))
