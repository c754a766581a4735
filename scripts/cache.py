"""Store and look up results of `krav sjekk`, so an unchanged repository answers at once.

This module only stores and looks up; scripts/pipeline.py puts the stages together.

The cache lives in <root>/.krav-cache/ and is addressed by content; a file's status (below)
only spares reading a file again to hash it, it never stands in for the hash:

* `sjekk.json` holds the final findings under a key that hashes the tool (version, the source
  of every module in scripts/, the schemas, the Python and library builds) together with
  every file under krav/, lovhjemler/ and mandat/: its path and a blake2b hash of its bytes.
  Touching a file leaves the key alone; changing one byte, or adding, removing or renaming
  any file (misplaced ones included), gives a new key. A hit returns the stored findings
  without importing YAML, the schemas or the rules.
* `filer.json` holds each file's loading result (findings; the fields of every file that is
  not a requirement) under its content hash, and for each requirement its summary and what
  the per-record rules found about it, valid for one *context*: the tool, today's date, every
  file that is not a requirement and every requirement's summary (repository.Summary). When
  the key misses, unchanged files are taken from here and only the changed ones are parsed
  and schema-checked again; the per-record rules judge again only the requirements that
  changed (all of them when the context changed), and the repository-wide rules always run on
  the whole repository.
* `data.json` holds the requirements' fields, under the same content hashes: most of the
  bytes, read only when a full record is needed (the context changed, `krav analyser`, the
  site), not for a small change.
* `status.json` holds what the file system said of each file when it was last hashed (device,
  inode, size, modification and change time), as git's index does: a file whose status is
  unchanged is not read again to be hashed. Any change to it (a `touch` included) means the
  file is read and hashed again; the content hash, not the time, decides. A status taken
  within RACY_NS of the run that took it is not kept (a file written in the same clock tick
  as it was read could otherwise look unchanged), and a link is never vouched for.

Every file that is read is read exactly once per run: the bytes that are hashed are the bytes that are
loaded and the bytes findings are placed in, so a file edited during a run can never leave
a result stored under a hash it does not belong to.

The cache is an optimisation only. A missing, corrupt or foreign cache file is ignored and
rebuilt; a folder that cannot be written (a read-only checkout) just means no cache. JSON,
not pickle: a cache file that arrives with the repository must not be able to run code. The
key also includes the identity (device and inode) of the cache folder on this machine, so a
cache file committed by someone else does not match and cannot vouch for a repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

from . import gate
from .findings import Finding

CACHE_DIR = ".krav-cache"
RESULT_FILE = "sjekk.json"
FILES_FILE = "filer.json"
DATA_FILE = "data.json"  # the requirements' fields, read only when a full record is needed
STATUS_FILE = "status.json"
FORMAT = 4  # bump when the layout of the cache files changes
RACY_NS = 3_000_000_000  # statuses this close to the run are not trusted later (FAT keeps 2 s)

_PACKAGE_DIR = Path(__file__).resolve().parent
_SCHEMA_DIR = _PACKAGE_DIR.parent / "schemas"  # the same folder scripts/schema.py reads
_LIBRARIES = ("yaml", "_yaml", "fastjsonschema", "jsonschema", "networkx")


@dataclass
class Snapshot:
    """The repository's files as this run saw them: listing, the bytes read, content hashes,
    file statuses and the key."""

    root: Path
    listing: gate.Listing
    contents: dict[str, bytes | OSError]  # the files this run read (not those vouched for by status)
    digests: dict[str, bytes]
    tool: str
    base: str  # fingerprint of the tool and every file
    stats: dict[str, tuple | None]  # gate.stat_key of each file, taken before it was read
    started: int  # time.time_ns() before the first status was taken
    stats_known: dict[str, list] | None = None  # status.json as this run found it

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_DIR


def snapshot(root: Path) -> Snapshot:
    """Every file's content hash: from status.json where the file's status is unchanged,
    otherwise read (through the gate) and hashed; the bytes read are the ones checked."""
    started = time.time_ns()
    listing = gate.walk(root)
    known = _read_stats(root)
    contents: dict[str, bytes | OSError] = {}
    digests: dict[str, bytes] = {}
    stats: dict[str, tuple | None] = {}
    unread = []
    for rel in listing.files:
        key = stats[rel] = gate.stat_key(root, rel)
        digest = _vouched(known.get(rel), key)
        if digest is not None:
            digests[rel] = digest
        else:
            unread.append(rel)
    read, hashed = read_all(root, unread)
    contents.update(read)
    digests.update(hashed)
    return _snapshot(root, listing, contents, digests, stats, started, known)


def _vouched(entry: Any, key: tuple | None) -> bytes | None:
    """The content hash status.json gives for a file whose status is `key`, when the entry is
    well-formed and the status is exactly the same; otherwise None (the file is read)."""
    if key is None or not isinstance(entry, list) or len(entry) != 6 or not isinstance(entry[5], str):
        return None
    if tuple(entry[:5]) != key:
        return None
    try:
        return bytes.fromhex(entry[5])
    except ValueError:
        return None


def key_parts(root: Path) -> tuple[str, str]:
    """What the key holds besides the files: the tool's digest and git's HEAD and tags (the
    draft rules read them). A first run takes them while it waits for its loading workers."""
    from .gitinfo import state  # a few ms

    return tool_digest(), state(root)


def _snapshot(root: Path, listing: gate.Listing, contents: dict, digests: dict[str, bytes],
              stats: dict[str, tuple | None], started: int, known: dict | None = None,
              parts: tuple[str, str] | None = None) -> Snapshot:
    """The snapshot's key: the tool, every file and git's state (`key_parts`, or `parts` when
    they were taken already)."""
    tool, git = parts if parts is not None else key_parts(root)
    base = fingerprint(tool, listing.signature(), digests)
    base = hashlib.blake2b(f"{base}\0{git}".encode(), digest_size=16).hexdigest()
    return Snapshot(root, listing, contents, digests, tool, base, stats, started, known)


def has_results(root: Path) -> bool:
    """Whether a stored result could answer at all (a first run has none): otherwise the
    parallel loaders read and hash every file, instead of this process hashing them first."""
    folder = gate.writable_dir(root, CACHE_DIR, create=False)
    return folder is not None and os.path.isfile(folder / RESULT_FILE)


def snapshot_of_loaded(root: Path, listing: gate.Listing, loaded: list, started: int,
                       parts: tuple[str, str] | None = None) -> Snapshot:
    """The snapshot a first run stores: content hashes and statuses from the loaders (which read
    every record file once, in parallel), plus those of listed files that are not records."""
    digests = {item.rel: item.digest for item in loaded}
    stats = {item.rel: item.stat for item in loaded}
    others = [rel for rel in listing.files if rel not in digests]
    for rel in others:
        stats[rel] = gate.stat_key(root, rel)
    contents, extra = read_all(root, others)
    digests.update(extra)
    return _snapshot(root, listing, contents, digests, stats, started, parts=parts)


def lookup(snap: Snapshot) -> list[Finding] | None:
    """The stored findings for exactly these files and this tool, or None."""
    stored = _read_json(snap.root, RESULT_FILE)
    if stored is None or stored.get("key") != _keyed(snap.base, snap.cache_dir):
        return None
    try:
        return [decode_finding(item) for item in stored["findings"]]
    except Exception:  # a damaged cache is never the user's problem: check afresh
        return None


@dataclass
class Stored:
    """What filer.json holds for the files of this run: loading results whose content hash
    matches, each requirement's summary, and the per-record rules' findings about each
    requirement, valid for `context` only. A requirement in `lacking` is there without its
    fields (data.json was not read): `add_data` adds them."""

    loaded: dict[str, Any]
    summaries: dict[str, dict | None]
    judged: dict[str, list[Finding]]
    context: str | None
    count: int  # entries in the file; -1 when there was no usable file
    lacking: set[str] = field(default_factory=set)


def nothing_stored() -> Stored:
    """A Stored with nothing in it (a new one each time: callers add to its sets)."""
    return Stored({}, {}, {}, None, -1)


def stored_files(snap: Snapshot, files: list[tuple[str, str]], *, with_data: bool = True) -> Stored:
    """The stored results that belong to the current bytes (see Stored). Without data, the
    requirements' fields are left out (reading them is most of the cost of a small change)."""
    stored = _read_json(snap.root, FILES_FILE)
    if (stored is None or stored.get("tool") != _keyed(snap.tool, snap.cache_dir)
            or not isinstance(stored.get("files"), dict)):
        return nothing_stored()
    entries = stored["files"]
    out = Stored({}, {}, {}, stored.get("context") if isinstance(stored.get("context"), str) else None,
                 len(entries))
    for rel, kind in files:
        entry = entries.get(rel)
        try:
            if entry[0] != kind or entry[1] != snap.digests[rel].hex():
                continue
            loaded = decode_loaded(rel, entry)
            if kind == "krav":
                summary, judged = entry[6], entry[7]
                if summary is not None and not isinstance(summary, dict):
                    continue
                out.summaries[rel] = summary
                if judged is not None:
                    out.judged[rel] = [decode_finding(item) for item in judged]
                out.lacking.add(rel)
            out.loaded[rel] = loaded
        except Exception:  # damaged entry: load that file again
            continue
    return add_data(snap, out) if with_data else out


def add_data(snap: Snapshot, stored: Stored, rels: set[str] | None = None) -> Stored:
    """`stored` with the fields of the requirements in `rels` (default: all lacking) read from
    data.json; one whose fields are not there (or not for these bytes) is dropped from
    `stored.loaded`, so it is loaded again."""
    wanted = stored.lacking if rels is None else stored.lacking & rels
    if not wanted:
        return stored
    data = _read_json(snap.root, DATA_FILE)
    entries = data.get("files") if data is not None and data.get("tool") == _keyed(snap.tool, snap.cache_dir) else None
    if not isinstance(entries, dict):
        entries = {}
    for rel in wanted:
        entry = entries.get(rel)
        item = stored.loaded.pop(rel)
        try:
            digest, fields, raw = entry
            if digest == item.digest.hex() and isinstance(raw, list):
                stored.loaded[rel] = item._replace(data=fields, raw=raw)
        except (TypeError, ValueError):
            pass  # missing or damaged: that file is loaded again
    stored.lacking -= wanted
    return stored


def context_key(tool: str, loaded: list, summaries: dict[str, dict | None]) -> str:
    """The context of the per-record rules' findings (see module doc): one hash of the tool,
    today's date, every file that is not a requirement and every requirement's summary."""
    # repr, not JSON: a summary holds plain values only (str, numbers, lists, dicts in a fixed
    # key order), whose repr is the same whether they were just loaded or read from filer.json,
    # and it is several times faster for 10,000 requirements.
    parts = [tool, _today()]
    for item in loaded:
        parts.append(item.rel)
        parts.append(repr(summaries.get(item.rel)) if item.kind == "krav" else item.digest.hex())
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


BACKGROUND_ENV = "KRAV_MELLOMLAGER_BAKGRUNN"  # "0": write the cache before returning (tests)


@dataclass
class Judgement:
    """What the per-record rules found about each requirement (by file), and the context it
    holds for; None when nothing of this run may be remembered."""

    context: str | None
    summaries: dict[str, dict | None]
    judged: dict[str, list[Finding]]


def store(snap: Snapshot, findings: list[Finding], loaded: list, judgement: Judgement | None, *,
          rewrite_files: bool, complete=None) -> None:
    """Remember the result (see `_in_background`). `complete(loaded)` gives the results with
    every requirement's fields, when the files are rewritten: it runs where the cache is
    written, so gathering the fields is off the critical path too."""
    def write() -> None:
        items = complete(loaded) if rewrite_files and complete is not None else loaded
        _store(snap, findings, items, judgement, rewrite_files=rewrite_files)

    _in_background(write)


def store_stats(snap: Snapshot) -> None:
    """After a hit: remember file statuses that changed (a `touch`), so the next run need not
    read those files again. Nothing is written when nothing changed."""
    if _stats_entries(snap) != (snap.stats_known or {}):
        _in_background(lambda: _store_stats(snap))


def _in_background(write) -> None:
    """Write off the critical path where it is safe: a forked child writes the files while the
    command prints and exits (the writes are atomic, so a run that starts before it is done
    simply misses). Threaded hosts such as `mkdocs serve` write in the foreground."""
    from .loading import forking_is_safe

    if os.environ.get(BACKGROUND_ENV, "1") != "0" and forking_is_safe():
        try:
            pid = os.fork()
        except OSError:
            pid = -1
        if pid == 0:  # pragma: no cover - the child: write, then leave at once
            code = 1
            try:
                # Let go of the command's output at once: whoever reads it (a pipe in CI, `| less`)
                # sees the end of the report when the command ends, not when the cache is written.
                devnull = os.open(os.devnull, os.O_RDWR)
                for stream in (0, 1, 2):
                    os.dup2(devnull, stream)
                write()
                code = 0
            finally:
                os._exit(code)
        if pid > 0:
            return
    write()


def read_all(root: Path, listing: list[str]) -> tuple[dict[str, bytes | OSError], dict[str, bytes]]:
    """Every listed file's bytes (or the error reading it) and its content hash."""
    from .loading import digest_bytes, digest_unreadable

    contents: dict[str, bytes | OSError] = {}
    digests: dict[str, bytes] = {}
    for rel in listing:
        try:
            content = gate.read(root, rel)
        except OSError as error:
            contents[rel] = error
            digests[rel] = digest_unreadable(error)
            continue
        contents[rel] = content
        digests[rel] = digest_bytes(content)
    return contents, digests


def tool_digest() -> str:
    """Hash of everything besides the records that can change a result."""
    from . import __version__

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{__version__}\0{sys.version}\0{sys.executable}\0".encode())
    for folder, suffix in ((_PACKAGE_DIR, ".py"), (_SCHEMA_DIR, ".json")):
        for path in sorted(folder.rglob(f"*{suffix}")):
            if "__pycache__" in path.parts:
                continue
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            try:
                h.update(path.read_bytes())
            except OSError:
                h.update(b"\0ulesbar")
            h.update(b"\0")
    # Library upgrades: identify each installed build by its file's place, size and time,
    # without importing it (that is what the cache saves).
    from importlib.util import find_spec

    for name in _LIBRARIES:
        try:
            spec = find_spec(name)
            origin = spec.origin if spec is not None else None
            info = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            origin, info = None, None
        h.update(f"{name}\0{origin}\0{info.st_size if info else ''}\0{info.st_mtime_ns if info else ''}\0".encode())
    return h.hexdigest()


def _today() -> str:
    import datetime

    return datetime.date.today().isoformat()


def fingerprint(tool: str, listing: list[str], digests: dict[str, bytes]) -> str:
    """One hash for the tool, today's date and the exact set of files with their contents.

    The date is part of it because a rule may depend on it (lovhjemmel-verifisert-dato: a date
    «in the future» stops being one); the parsed files (files.json) do not, so they stay reused."""
    h = hashlib.blake2b(tool.encode() + b"\0" + _today().encode(), digest_size=16)
    for rel in listing:
        h.update(rel.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(digests.get(rel, b"\0refused"))
    return h.hexdigest()


def _keyed(base: str, cache_dir: Path) -> str | None:
    """A stored key: a fingerprint bound to this machine's cache folder (see module doc)."""
    try:
        info = os.stat(cache_dir)
    except OSError:
        return None
    return hashlib.blake2b(f"{base}\0{info.st_dev}\0{info.st_ino}".encode(), digest_size=16).hexdigest()


def _stats_entries(snap: Snapshot) -> dict[str, list]:
    """status.json's entries for this run: files whose status was taken and is old enough."""
    limit = snap.started - RACY_NS
    out = {}
    for rel, key in snap.stats.items():
        digest = snap.digests.get(rel)
        if key is not None and digest is not None and key[3] < limit and key[4] < limit:
            out[rel] = [*key, digest.hex()]
    return out


def _read_stats(root: Path) -> dict[str, list]:
    """status.json's entries, or nothing when it is missing, damaged or not this machine's."""
    stored = _read_json(root, STATUS_FILE)
    if stored is None or stored.get("dir") != _keyed("status", root / CACHE_DIR):
        return {}
    files = stored.get("files")
    return files if isinstance(files, dict) else {}


def _store_stats(snap: Snapshot) -> None:
    cache_dir = _cache_dir(snap.root)
    if cache_dir is None:
        return
    try:
        _write_stats(cache_dir, snap)
    except (OSError, ValueError, TypeError):
        pass


def _write_stats(cache_dir: Path, snap: Snapshot) -> None:
    marker = _keyed("status", cache_dir)
    if marker is None:
        return
    _write_atomic(cache_dir, STATUS_FILE, seal(json.dumps(
        {"format": FORMAT, "dir": marker, "files": _stats_entries(snap)}, separators=(",", ":"))))


def _cache_dir(root: Path) -> Path | None:
    """The cache folder to write in (gate.writable_dir), with its .gitignore."""
    cache_dir = gate.writable_dir(root, CACHE_DIR)
    if cache_dir is None:
        return None
    ignore = cache_dir / ".gitignore"
    try:
        if not os.path.lexists(ignore):  # never committed, even where the root .gitignore forgets it
            _write_atomic(cache_dir, ".gitignore", "*\n")
    except OSError:
        return None
    return cache_dir


def _store(snap: Snapshot, findings: list[Finding], loaded: list, judgement: Judgement | None, *,
           rewrite_files: bool) -> None:
    """Write the cache files atomically; give up quietly when the folder is not writable.

    The folder must be a real folder inside the repository (gate.writable_dir): a `.krav-cache`
    that arrives as a symbolic link means no cache, never a write somewhere else.
    """
    cache_dir = _cache_dir(snap.root)
    if cache_dir is None:
        return
    try:
        key, tool_key = _keyed(snap.base, cache_dir), _keyed(snap.tool, cache_dir)
        if key is None or tool_key is None:
            return
        if rewrite_files:
            judgement = judgement or Judgement(None, {}, {})
            files = {item.rel: encode_loaded(item, judgement) for item in loaded}
            fields = {item.rel: [item.digest.hex(), item.data, encode_raw(item.raw)]
                      for item in loaded if item.kind == "krav"}
            _write_atomic(cache_dir, DATA_FILE, seal(json.dumps(
                {"format": FORMAT, "tool": tool_key, "files": fields}, separators=(",", ":"))))
            _write_atomic(cache_dir, FILES_FILE, seal(json.dumps(
                {"format": FORMAT, "tool": tool_key, "context": judgement.context, "files": files},
                separators=(",", ":"))))
        if _stats_entries(snap) != (snap.stats_known or {}):
            _write_stats(cache_dir, snap)
        _write_atomic(cache_dir, RESULT_FILE, seal(json.dumps(
            {"format": FORMAT, "key": key, "findings": [encode_finding(f) for f in findings]},
            ensure_ascii=False, separators=(",", ":"))))
    except (OSError, ValueError, TypeError, RecursionError):
        pass  # read-only checkout, full disk, or data JSON cannot hold: run without a cache


_SEAL = "krav-mellomlager"


def seal(payload: str) -> str:
    """The payload behind a first line holding its checksum, so a damaged or hand-edited cache
    file is recognised (and recomputed) instead of served."""
    digest = hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()
    return f"{_SEAL} {digest}\n{payload}"


def unseal(content: bytes) -> bytes | None:
    """The payload of a sealed cache file, or None when the checksum does not match."""
    header, _, payload = content.partition(b"\n")
    seal, _, digest = header.decode("ascii", errors="replace").partition(" ")
    if seal != _SEAL or hashlib.blake2b(payload, digest_size=16).hexdigest() != digest:
        return None
    return payload


def _write_atomic(folder: Path, name: str, text: str) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a file."""
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, folder / name)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


CACHE_LIMIT = 1 << 30  # the cache of a very large repository is big, but never unbounded


def _read_json(root: Path, name: str) -> dict | None:
    """The parsed cache file, or None when it is missing, damaged, edited or of another format.

    Read through the gate: a cache folder or file that is a link, a pipe or a device is no cache.
    """
    if gate.writable_dir(root, CACHE_DIR, create=False) is None:
        return None
    try:
        payload = unseal(gate.read(root, f"{CACHE_DIR}/{name}", CACHE_LIMIT))
        if payload is None:
            return None
        value = json.loads(payload)
    except Exception:  # OSError, bad JSON, bad UTF-8, absurd nesting: all mean "no cache"
        return None
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        return None
    return value


# --- Encoding: findings and loaded files as plain JSON ------------------------------------------

def encode_finding(f: Finding) -> list:
    return [f.rule, f.level, f.file, f.line, f.column, f.message, f.hint, list(f.ids),
            None if f.path is None else list(f.path)]


def decode_finding(item: list) -> Finding:
    rule, level, file, line, column, message, hint, ids, path = item
    for value in (rule, level, message):
        if not isinstance(value, str):
            raise ValueError("damaged finding")
    return Finding(rule=rule, level=level, file=file, line=line, column=column, message=message,
                   hint=hint, ids=tuple(ids), path=None if path is None else tuple(path))


def encode_raw(raw: Any) -> list:
    return raw if not isinstance(raw, dict) else [[list(p), text] for p, text in raw.items()]


def encode_loaded(item, judgement: "Judgement") -> list:
    """filer.json's entry; a requirement's fields go to data.json instead (see `add_data`)."""
    if item.kind != "krav":
        return [item.kind, item.digest.hex(), item.data, encode_raw(item.raw), item.valid,
                [encode_finding(f) for f in item.findings]]
    judged = judgement.judged.get(item.rel) if judgement.context is not None else None
    return [item.kind, item.digest.hex(), None, [], item.valid, [encode_finding(f) for f in item.findings],
            judgement.summaries.get(item.rel), None if judged is None else [encode_finding(f) for f in judged]]


def decode_loaded(rel: str, entry: list) -> Any:
    """A stored loading result; its raw texts stay as stored until a full record needs them."""
    from .loading import Loaded

    kind, digest, data, raw, valid, findings = entry[:6]
    if not isinstance(raw, list):
        raise ValueError("damaged entry")
    return Loaded(rel, kind, data, raw, bool(valid), [decode_finding(f) for f in findings], bytes.fromhex(digest))
