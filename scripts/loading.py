"""Read, parse and schema-check record files, spread over the processor cores.

`load_files(root, files)` turns every (relative path, kind) from discovery (gate.py) into a
`Loaded` result: plain data, the findings of reading, YAML and schema, and the content hash of
the bytes it was computed from (cache.py reuses results by that hash). Bytes come only from
`gate.read`, never from an `open()` here. The YAML and schema modules are imported on first
use, so a cache hit never pays for them.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Protocol

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
# checking split cleanly. Forked children and this process load together: the files are cut
# into small chunks, and each worker claims the next chunk by reading one byte (the chunk's
# number) from a shared pipe, so a core that is slowed down (another job, a busy hypervisor,
# the copy-on-write faults a child pays) simply loads fewer chunks instead of keeping the
# others waiting. A child inherits the imported modules, the compiled schema validators and
# the bytes already read (copy-on-write, nothing is sent), and sends back what it loaded as one
# `marshal` blob through a pipe: plain dicts, lists and strings, which marshal reads two to
# three times faster than pickle. Anything that goes wrong in a child (it crashes, is killed,
# sends half a blob) only means that the chunks it claimed are loaded here.
#
# When the check judges the requirements where they are loaded (`load_files_judged`), the
# workers talk in steps: each tells the others (through this process) the summaries of its
# requirements, hears everybody's, finishes judging, and sends back its findings and loading
# results without the requirements' fields. The fields, most of the bytes, follow last and
# are read only when a full record is needed or the cache is written (in the background), so
# neither side spends the critical path encoding and decoding them.
# Below PARALLEL_MIN_FILES the fork and the transfer cost more than they save.

PARALLEL_MIN_FILES = 300
PARALLEL_ENV = "KRAV_PARALLELL"  # "1" forces parallel loading, "0" forbids it (tests, debugging)
MAX_WORKERS = 8
CHUNKS = 64  # small enough to even out the cores, few enough that claiming costs nothing
MIN_CHUNK_FILES = 25


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


def _load_share(root: str, share: list[tuple[str, str]], contents: dict) -> list[Loaded]:
    return [_load_known(root, rel, kind, contents) for rel, kind in share]


class Judge(Protocol):
    """Work done on the files where they are loaded, in two steps (see check.ShareJudge).

    `begin(context)` hands every worker the files the judging needs besides its own (loaded
    once, by the main process, while the workers start on theirs); `first(loaded)` gives what
    this share must tell the others (plain values, by file) and a
    state to keep; once every share has told, `second(state, told)` gets all of it, in file
    order, and gives the share's result (plain values). `final`: the result is all the main
    process needs of these files, so the workers hold their fields back until asked."""

    final: bool

    def begin(self, context: list[Loaded]) -> None: ...

    def first(self, loaded: list[Loaded]) -> tuple[dict, Any]: ...

    def second(self, state: Any, told: dict) -> Any: ...


def _judged(judge: Judge, loaded: list[Loaded], told: dict | None = None) -> Any:
    """Both steps on one share, `told` by the others as well (or only by itself)."""
    shared, state = judge.first(loaded)
    return judge.second(state, shared if told is None else told)


def _claim(tokens: int) -> int | None:
    """The number of the next unclaimed chunk, or None when all are taken (one read of one
    byte from a pipe is atomic, so no chunk is ever handed to two workers)."""
    try:
        byte = os.read(tokens, 1)
    except OSError:
        return None
    return byte[0] if byte else None


def _load_claimed(root: str, chunks: list[list[tuple[str, str]]], tokens: int,
                  contents: dict) -> tuple[list[int], list[Loaded]]:
    """Claim and load chunks until none is left."""
    claimed: list[int] = []
    loaded: list[Loaded] = []
    while (number := _claim(tokens)) is not None:
        claimed.append(number)
        loaded.extend(_load_known(root, rel, kind, contents) for rel, kind in chunks[number])
    return claimed, loaded


def _work(root: str, chunks: list, tokens: int, contents: dict, judge: Judge | None, channel,
          context_fd: int | None = None) -> None:
    """A forked worker: load what it claims; without a judge send it all back at once. With
    one: take the context the parent loaded meanwhile (see `_share_context`), tell the others (through the parent) what `judge.first` found, hear what all of them
    found, send `judge.second`'s result with the loading results but without the fields, and
    last the fields: the parent goes on without them, and reads them only when it needs a full
    record or writes the cache."""
    claimed, loaded = _load_claimed(root, chunks, tokens, contents)
    if judge is None:
        channel.send((claimed, [_to_plain(item) for item in loaded]))
        return
    judge.begin(_receive_context(channel, context_fd))
    shared, state = judge.first(loaded)
    channel.send((claimed, shared))
    told = channel.receive()
    extra = judge.second(state, told)
    if not judge.final:
        channel.send(([_to_plain(item) for item in loaded], extra))
        return
    channel.send(([_to_plain(item._replace(data=None, raw={})) for item in loaded], extra))
    channel.send([(item.rel, item.digest, item.data, item.raw) for item in loaded])


def _share_context(context: list[Loaded], context_fd: int, children: list) -> None:
    """Hand the context to the workers: written once to a file they all inherited (a pipe would
    block this process until each worker is ready to read), then a short notice to each."""
    from .forking import send

    blob = marshal.dumps([_to_plain(item) for item in context])
    view, offset = memoryview(blob), 0
    while offset < len(blob):
        offset += os.pwrite(context_fd, view[offset:], offset)
    for child in children:
        send(child, len(blob))


def _receive_context(channel, context_fd: int | None) -> list[Loaded]:
    size = channel.receive()
    if not isinstance(size, int) or context_fd is None:
        raise EOFError("no context from the parent")
    parts, offset = [], 0
    while offset < size:
        part = os.pread(context_fd, size - offset, offset)
        if not part:
            raise EOFError("the context is short")
        parts.append(part)
        offset += len(part)
    return [_from_plain(item) for item in marshal.loads(b"".join(parts))]


class Pending:
    """Requirements that workers loaded and judged, whose fields those workers still hold: the
    loading results stand without them (data None) until `fields` is asked for."""

    def __init__(self, workers: list, rels: set[str]) -> None:
        self.workers = workers
        self.rels = rels
        self._fields: dict[str, tuple] | None = None

    def fields(self) -> dict[str, tuple]:
        """{file: (content hash, fields, raw texts)} as the workers loaded them (a worker that
        fails to send leaves its files out: they are loaded again)."""
        from .forking import receive

        if self._fields is None:
            fields: dict[str, tuple] = {}
            for worker in self.workers:
                ok, value = receive(worker)
                try:
                    for rel, digest, data, raw in value if ok else ():
                        fields[rel] = (digest, data, raw)
                except (TypeError, ValueError):
                    pass
            self.release()
            self._fields = fields
        return self._fields

    def complete(self, root: Path | str, loaded: list[Loaded], rels: set[str] | None = None) -> list[Loaded]:
        """`loaded` with the fields of the pending files in `rels` (default: all of them); a
        file whose fields did not arrive is loaded again."""
        wanted = self.rels if rels is None else self.rels & rels
        if not wanted:
            return loaded
        fields = self.fields()
        out = []
        for item in loaded:
            if item.rel in wanted:
                entry = fields.get(item.rel)
                if entry is not None and entry[0] == item.digest:
                    item = item._replace(data=entry[1], raw=entry[2])
                else:  # the worker failed to send them: read the file again
                    item = load_file(root, item.rel, item.kind)
            out.append(item)
        self.rels = self.rels - wanted
        return out

    def release(self) -> None:
        """Stop waiting for the fields (the workers end once someone has read them or nobody can)."""
        from .forking import release

        for worker in self.workers:
            release(worker)
        self.workers = []


def _expected(chunks: list, claimed: Any) -> list[str] | None:
    try:
        return [rel for number in claimed for rel, _ in chunks[number]]
    except (TypeError, IndexError):
        return None


def _load_parallel(root: str, todo: list[tuple[str, str]], contents: dict[str, bytes | OSError],
                   judge: Judge | None = None, prelude=None,
                   meanwhile=None) -> tuple[list[Loaded], list[Loaded], list, Pending | None]:
    """(the prelude's results, the loaded files, the judge's results, Pending). With a judge,
    `prelude()` loads the context here while the workers start on their chunks."""
    import tempfile

    from . import load, schema  # noqa: F401 - imported once here, inherited by every child
    from .forking import fork_worker, release

    workers = max(2, min(_cpu_count(), MAX_WORKERS))
    size = max(MIN_CHUNK_FILES, -(-len(todo) // CHUNKS))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    try:
        tokens, feed = os.pipe()
        context_file = tempfile.TemporaryFile() if judge is not None else None
    except OSError:  # no pipe or file to be had: load everything here
        context = prelude() if judge is not None else []
        loaded = _load_share(root, todo, contents)
        if judge is not None:
            judge.begin(context)
        return context, loaded, ([_judged(judge, loaded)] if judge is not None else []), None
    try:
        os.write(feed, bytes(range(len(chunks))))  # at most CHUNKS bytes: far below a pipe's buffer
    finally:
        os.close(feed)  # once drained, every claim gets end-of-file
    context_fd = context_file.fileno() if context_file is not None else None
    children = []
    try:
        for _ in range(workers - 1):
            # The lambda runs in the child, which claims its chunks from the same pipe.
            child = fork_worker(lambda channel: _work(root, chunks, tokens, contents, judge, channel, context_fd))
            if child is not None:
                children.append(child)
        context = []
        if judge is not None:
            context = prelude()
            judge.begin(context)
            _share_context(context, context_fd, children)
        own_claimed, own = _load_claimed(root, chunks, tokens, contents)
    except BaseException:  # a bug or Ctrl-C here: let the children go before passing it on
        for child in children:
            release(child)
        raise
    finally:
        os.close(tokens)
        if context_file is not None:
            context_file.close()  # the children keep their own copies until they have read it
    try:
        if judge is None:
            return [], _gather_loaded(root, chunks, contents, own_claimed, own, children), [], None
        return (context, *_gather_judged(root, chunks, contents, judge, own_claimed, own, children, meanwhile))
    except BaseException:  # a bug or Ctrl-C while gathering: no child is left waiting to send
        for child in children:
            release(child)
        raise


def _gather_loaded(root: str, chunks: list, contents: dict, own_claimed: list[int], own: list[Loaded],
                   children: list) -> list[Loaded]:
    """The children's loading results, and whatever a failed child had claimed loaded here."""
    from .forking import receive, release

    results, done = list(own), set(own_claimed)
    for child in children:
        ok, value = receive(child)
        release(child)
        try:
            claimed, plain = value if ok else (None, None)
            got = [_from_plain(item) for item in plain] if ok else None
        except (TypeError, ValueError):
            got = None
        if got is not None and [item.rel for item in got] == _expected(chunks, claimed):
            results.extend(got)
            done.update(claimed)
    results.extend(_load_share(root, _unclaimed(chunks, done), contents))
    return results


def _unclaimed(chunks: list, done: set[int]) -> list[tuple[str, str]]:
    return [item for number, chunk in enumerate(chunks) if number not in done for item in chunk]


def _gather_judged(root: str, chunks: list, contents: dict, judge: Judge, own_claimed: list[int],
                   own: list[Loaded], children: list, meanwhile=None) -> tuple[list[Loaded], list, Pending | None]:
    """The two steps with the children (see `_work`). A child that fails before it has told
    the others is replaced here before anyone hears the rest; one that fails later is replaced
    too, and if what it told then turns out not to be what its files say (a file changed
    while the check ran), nothing judged in the workers is used: the caller judges all again."""
    from .forking import receive, release, send

    order = {rel: index for index, (rel, _) in enumerate(item for chunk in chunks for item in chunk)}
    shared, own_state = judge.first(own)
    if meanwhile is not None and children:
        meanwhile()  # the children are still judging: a moment this process would only wait
    states = [(own, own_state)]
    told_by = [shared]
    done = set(own_claimed)
    talking = []
    for child in children:
        ok, value = receive(child)
        try:
            claimed, told = value if ok else (None, None)
            expected = _expected(chunks, claimed) if ok else None
            ok = expected is not None and isinstance(told, dict) and set(told) <= set(expected)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            release(child)
            continue
        talking.append((child, claimed, expected))
        told_by.append(told)
        done.update(claimed)
    missing = _load_share(root, _unclaimed(chunks, done), contents)
    if missing:
        missing_shared, missing_state = judge.first(missing)
        states.append((missing, missing_state))
        told_by.append(missing_shared)
    merged = {rel: value for told in told_by for rel, value in told.items()}
    everything = {rel: merged[rel] for rel in sorted(merged, key=order.__getitem__)}
    results: list[Loaded] = []
    extras = []
    listening = {id(child) for child, _, _ in talking if send(child, everything)}
    for loaded, state in states:
        results.extend(loaded)
        extras.append(judge.second(state, everything))
    pending_workers, pending_rels = [], set()
    consistent = True
    for child, claimed, expected in talking:
        ok, value = receive(child) if id(child) in listening else (False, None)
        try:
            plain, extra = value if ok else (None, None)
            got = [_from_plain(item) for item in plain] if ok else None
        except (TypeError, ValueError):
            got = None
        if got is not None and [item.rel for item in got] == expected:
            results.extend(got)
            extras.append(extra)
            if judge.final:  # its fields are still to come
                pending_workers.append(child)
                pending_rels.update(expected)
            else:
                release(child)
            continue
        release(child)
        again = _load_share(root, [item for number in claimed for item in chunks[number]], contents)
        again_shared, again_state = judge.first(again)
        consistent = consistent and all(everything.get(rel) == value for rel, value in again_shared.items())
        results.extend(again)
        extras.append(judge.second(again_state, everything))
    pending = Pending(pending_workers, pending_rels) if pending_workers else None
    if not consistent:
        if pending is not None:
            results = pending.complete(root, results)
        return results, [], None
    return results, extras, pending


def load_files(root: Path | str, files: list[tuple[str, str]], *, parallel: bool | None = None,
               reuse: dict[str, Loaded] | None = None,
               contents: dict[str, bytes | OSError] | None = None) -> list[Loaded]:
    """Load every (rel, kind), in order.

    `reuse` holds results (by rel) to take as they are; `contents` holds bytes the caller has
    already read (or the error reading them), so a file is read once and the result belongs
    to exactly the bytes the caller hashed. The caller vouches that a reused result was
    computed from the current content (cache.py compares content hashes).
    """
    return _load_files(root, files, parallel, reuse, contents)


def load_files_judged(root: Path | str, context_files: list[tuple[str, str]], files: list[tuple[str, str]],
                      judge: Judge, *, parallel: bool | None = None, reuse: dict[str, Loaded] | None = None,
                      contents: dict[str, bytes | OSError] | None = None, meanwhile=None
                      ) -> tuple[list[Loaded], list[Loaded], list, Pending | None]:
    """Load `context_files` (here, serially: a few hundred at most) and `files`, and run `judge`
    (both steps) on the freshly loaded `files` where they were loaded (in the worker processes:
    every core works on it), with the context handed to every worker. Returns the context's and
    the files' results (each in order), the result of each share, and Pending: files loaded by
    a worker come back without their fields (data None) when it is returned, and its
    `fields()` has them. `meanwhile()` is run here while this process would otherwise wait for
    the workers (with workers only)."""
    root = os.fspath(root)
    reuse = reuse or {}
    contents = contents or {}
    todo = [(rel, kind) for rel, kind in files if rel not in reuse]

    def prelude() -> list[Loaded]:
        return load_files(root, context_files, parallel=False, reuse=reuse, contents=contents)

    with _collector_paused():
        if use_parallel(len(todo), parallel):
            context, fresh, extras, pending = _load_parallel(root, todo, contents, judge, prelude, meanwhile)
        else:
            context, fresh, pending = prelude(), _load_share(root, todo, contents), None
            judge.begin(context)
            extras = [_judged(judge, fresh)]
    by_rel = {loaded.rel: loaded for loaded in fresh}
    return context, [reuse[rel] if rel in reuse else by_rel[rel] for rel, _ in files], extras, pending


def _load_files(root: Path | str, files: list[tuple[str, str]], parallel: bool | None,
                reuse: dict[str, Loaded] | None, contents: dict[str, bytes | OSError] | None) -> list[Loaded]:
    root = os.fspath(root)
    reuse = reuse or {}
    contents = contents or {}
    todo = [(rel, kind) for rel, kind in files if rel not in reuse]
    with _collector_paused():
        if use_parallel(len(todo), parallel):
            fresh = _load_parallel(root, todo, contents)[1]
        else:
            fresh = _load_share(root, todo, contents)
    by_rel = {loaded.rel: loaded for loaded in fresh}
    return [reuse[rel] if rel in reuse else by_rel[rel] for rel, _ in files]


@contextlib.contextmanager
def _collector_paused():
    """Loading creates hundreds of thousands of small dicts and lists and no reference cycles;
    the cyclic garbage collector would walk them all again and again (about a quarter of the
    loading time at 10,000 files), so it pauses until the records are built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
