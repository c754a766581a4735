"""Find, load and index every record in a repository: the one model all commands share.

`load_repository(root)` returns a `Repository` whose records keep exactly what the authors
wrote (see load.py), plus the findings from reading and schema-checking each file. Rules,
the graph builder and the site renderer all work from this object and never read files.

Speed (see bench/README.md): discovery works on plain strings (pathlib costs more than the
walk itself at 10,000 files), and `load_files` spreads the per-file work (read, YAML, schema)
over the processor cores for large repositories. The YAML and schema modules are imported
on first use, so the cache (scripts/cache.py) can list and hash files without them.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import errno
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from .findings import Finding, make

RECORD_DIRS = ("krav", "lovhjemler", "mandat")
MANDAT_FILE = "mandat/mandat.yaml"
PARAMETERE_FILE = "mandat/parametere.yaml"
DOC_SUFFIXES = (".md",)  # README files may sit beside records


@dataclass
class Record:
    """One loaded file. `data` is None when the file could not be read as YAML."""

    kind: str  # krav | lovhjemmel | mandat | parametere
    file: str  # repository-relative, forward slashes
    data: Any
    raw: dict = field(default_factory=dict)
    valid: bool = False  # passed its schema

    # The accessors below run hundreds of thousands of times per check, so they read the
    # dict directly instead of calling one another.
    def get(self, key: str, default: Any = None) -> Any:
        data = self.data
        return data.get(key, default) if isinstance(data, dict) else default

    def text(self, key: str) -> str | None:
        """The field as text, or None when missing or not text (the schema reports that)."""
        data = self.data
        value = data.get(key) if isinstance(data, dict) else None
        return value if isinstance(value, str) else None

    def items(self, key: str) -> list:
        data = self.data
        value = data.get(key) if isinstance(data, dict) else None
        return value if isinstance(value, list) else []

    def mappings(self, key: str) -> list[tuple[int, dict]]:
        """(index, item) for the items of a list field that are blocks of fields."""
        return [(i, v) for i, v in enumerate(self.items(key)) if isinstance(v, dict)]

    @property
    def id(self) -> str | None:
        data = self.data
        value = data.get("id") if isinstance(data, dict) else None
        return value if isinstance(value, str) else None

    @property
    def stem(self) -> str:
        # Same result as Path(file).stem, without building a Path for every record.
        name = self.file.rsplit("/", 1)[-1]
        dot = name.rfind(".")
        return name[:dot] if 0 < dot < len(name) - 1 else name

    @property
    def folder(self) -> str:
        parts = self.file.split("/")
        return parts[-2] if len(parts) > 1 else ""


@dataclass
class Repository:
    root: Path
    records: list[Record]
    findings: list[Finding]  # from discovery, YAML loading and schema validation

    def __post_init__(self) -> None:
        self.krav: dict[str, Record] = {}
        self.lovhjemler: dict[str, Record] = {}
        self.mandat: Record | None = None
        self.parametere: Record | None = None
        for record in self.records:
            if record.kind == "mandat":
                self.mandat = record
            elif record.kind == "parametere":
                self.parametere = record
            else:
                index = self.krav if record.kind == "krav" else self.lovhjemler
                if record.id is not None:
                    index.setdefault(record.id, record)  # duplicates are a rule's finding
        self.areas: dict[str, dict] = {}
        self.objectives: dict[str, dict] = {}
        if self.mandat is not None:
            for _, area in self.mandat.mappings("områder"):
                if isinstance(area.get("id"), str):
                    self.areas.setdefault(area["id"], area)
            for _, goal in self.mandat.mappings("mål"):
                if isinstance(goal.get("id"), str):
                    self.objectives.setdefault(goal["id"], goal)
        self.parameters: dict[str, dict] = {}
        if self.parametere is not None and isinstance(self.parametere.data, list):
            for item in self.parametere.data:
                if isinstance(item, dict) and isinstance(item.get("navn"), str):
                    self.parameters.setdefault(item["navn"], item)
        self._texts: dict[str, str] = {}
        self._contents: dict[str, bytes | OSError] = {}

    def remember_contents(self, contents: dict[str, bytes | OSError]) -> None:
        """Use these bytes (read when the files were loaded) to place findings, not a new read."""
        self._contents = contents

    def of_kind(self, kind: str) -> list[Record]:
        # Every rule asks for this; group once (and again only if `records` was replaced or grew).
        signature = (id(self.records), len(self.records))
        if getattr(self, "_kinds_signature", None) != signature:
            groups: dict[str, list[Record]] = {}
            for record in self.records:
                groups.setdefault(record.kind, []).append(record)
            self._by_kind, self._kinds_signature = groups, signature
        return list(self._by_kind.get(kind, ()))

    def krav_in_area(self, area: str) -> list[Record]:
        return sorted((r for r in self.krav.values() if r.get("område") == area), key=lambda r: r.id or "")

    def locate(self, file: str, path: tuple) -> tuple[int | None, int | None]:
        """Line and column of a field, composing the file again (only findings need this)."""
        if file not in self._texts:
            try:
                content = self._contents.get(file)
                if isinstance(content, OSError):
                    raise content
                if content is None:
                    content = read_bytes(self.root, file)
                self._texts[file] = content.decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self._texts[file] = ""
        from . import load

        return load.locate(self._texts[file], path)

    def resolve(self, findings: Iterable[Finding]) -> list[Finding]:
        """Give every finding that carries a field path its line and column; sort by place."""
        out = []
        for finding in findings:
            if finding.path is not None and finding.file is not None and finding.line is None:
                finding = finding.at(*self.locate(finding.file, finding.path))
            elif finding.path is not None:
                finding = finding.at(finding.line, finding.column)
            out.append(finding)
        return sorted(out, key=Finding.sort_key)


def classify(rel: str) -> tuple[str | None, str | None]:
    """(kind, None) for a record file, or (None, reason) for a file in the wrong place."""
    parts = rel.split("/")
    name = parts[-1]
    if parts[0] not in RECORD_DIRS:  # a look-alike folder found by walk(): a typo, not a choice
        return None, (f"mappen «{parts[0]}/» er ikke en av postmappene; mente du "
                      f"«{near_record_dir(parts[0])}/»? Filer her blir ellers ikke kontrollert eller publisert")
    if rel == MANDAT_FILE:
        return "mandat", None
    if rel == PARAMETERE_FILE:
        return "parametere", None
    suffix = os.path.splitext(name)[1]
    if suffix != ".yaml":
        if suffix.lower() in (".yml", ".yaml"):
            return None, f"filendelsen skal være «.yaml» (med små bokstaver), ikke «{suffix}»"
        return None, f"bare .yaml-filer (og README.md) hører hjemme i {parts[0]}/"
    if parts[0] == "mandat":
        return None, "mandat/ skal bare inneholde mandat.yaml og parametere.yaml"
    if len(parts) != 3:
        where = "krav/<område>/<ID>.yaml" if parts[0] == "krav" else "lovhjemler/<gruppe>/<id>.yaml"
        return None, f"filen skal ligge nøyaktig ett mappenivå ned: {where}"
    return ("krav" if parts[0] == "krav" else "lovhjemmel"), None


def near_record_dir(name: str) -> str | None:
    """The record folder a top-level folder name looks like a misspelling of («lovhjemmel»)."""
    if name in RECORD_DIRS:
        return None
    match = difflib.get_close_matches(name.lower(), RECORD_DIRS, n=1, cutoff=0.75)
    return match[0] if match else None


def walk(root: Path | str) -> list[str]:
    """Every candidate file under the record folders, repository-relative, in a fixed order.

    Hidden files and folders and README-style documents are left out; everything else is
    either a record or a misplaced file. Top-level folders whose names look like a misspelt
    record folder are walked too, so records put there are reported instead of silently
    ignored. The cache fingerprints exactly this list.
    """
    base_root = os.fspath(root)
    cut = len(base_root.rstrip(os.sep)) + 1
    found: list[str] = []
    try:
        look_alikes = sorted(name for name in os.listdir(base_root)
                             if not name.startswith(".") and near_record_dir(name)
                             and os.path.isdir(os.path.join(base_root, name)))
    except OSError:
        look_alikes = []
    for top in (*RECORD_DIRS, *look_alikes):
        base = os.path.join(base_root, top)
        if not os.path.isdir(base):
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            prefix = dirpath[cut:].replace(os.sep, "/") + "/"
            for name in sorted(filenames):
                if name.startswith(".") or name.endswith(DOC_SUFFIXES):
                    continue
                found.append(prefix + name)
    return found


def discover(root: Path) -> tuple[list[tuple[str, str]], list[Finding]]:
    """All record files under root as (relative path, kind), and misplaced-file findings."""
    return classify_all(root, walk(root))


def classify_all(root: Path | str, listing: list[str]) -> tuple[list[tuple[str, str]], list[Finding]]:
    """Split a `walk()` listing into record files and misplaced-file findings."""
    files: list[tuple[str, str]] = []
    findings: list[Finding] = []
    for rel in listing:
        kind, reason = classify(rel)
        if kind is None:
            findings.append(make("fil-plassering", rel, None, None, fil=rel, grunn=reason))
        else:
            files.append((rel, kind))
    if not os.path.isfile(os.path.join(os.fspath(root), MANDAT_FILE)):
        findings.append(make("fil-mangler", MANDAT_FILE, None, None, fil=MANDAT_FILE,
                             grunn="uten mandatet kan ikke områder, prefikser og mål kontrolleres"))
    return files, findings


_TOP_LEVEL = {"krav": dict, "lovhjemmel": dict, "mandat": dict, "parametere": list}
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


def digest_bytes(content: bytes) -> bytes:
    """Content hash used to recognise an unchanged file (blake2b: fast and collision-safe)."""
    return hashlib.blake2b(content, digest_size=16).digest()


def digest_unreadable(error: OSError) -> bytes:
    """A stand-in hash for a file that cannot be read; differs from every content hash."""
    return hashlib.blake2b(f"\0ulesbar\0{error.errno}".encode(), digest_size=16, person=b"krav-ulesbar").digest()


def read_bytes(root: Path | str, rel: str) -> bytes:
    with open(os.path.join(os.fspath(root), rel), "rb") as handle:
        return handle.read()


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
    """Read, hash, parse and schema-check one file. Never raises for bad content."""
    try:
        content = read_bytes(root, rel)
    except OSError as error:
        return _unreadable(rel, kind, error)
    return load_content(rel, kind, content)


_OS_REASONS = {
    errno.ENOENT: "den finnes ikke (en lenke som peker til en fil som mangler?)",
    errno.EACCES: "du mangler lesetilgang til den",
    errno.EISDIR: "det er en mappe",
    errno.ELOOP: "den er en lenke som peker i ring",
}


def _unreadable(rel: str, kind: str, error: OSError) -> Loaded:
    reason = _OS_REASONS.get(error.errno or 0, "operativsystemet kunne ikke lese den")
    return Loaded(rel, kind, None, {}, False,
                  [make("yaml-syntaks", rel, 1, 1, detalj=f"filen kan ikke leses fordi {reason}")],
                  digest_unreadable(error))


def to_record(loaded: Loaded) -> Record:
    return Record(loaded.kind, loaded.rel, loaded.data, loaded.raw, loaded.valid)


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
    return bool(parallel) and count > 0 and hasattr(os, "fork") and _single_threaded()


def _single_threaded() -> bool:
    """Forking is safe only when no other thread can be holding a lock the child would need
    (a threaded host such as `mkdocs serve` therefore loads serially)."""
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _load_known(root: str, rel: str, kind: str, contents: dict[str, bytes | OSError]) -> Loaded:
    """Load one file from bytes already read (and hashed) by the caller, or from disk."""
    content = contents.get(rel)
    if content is None:
        return load_file(root, rel, kind)
    if isinstance(content, OSError):
        return _unreadable(rel, kind, content)
    return load_content(rel, kind, content)


def _to_plain(item: Loaded) -> tuple:
    findings = tuple((f.rule, f.level, f.file, f.line, f.column, f.message, f.hint, f.ids, f.path)
                     for f in item.findings)
    return (item.rel, item.kind, item.data, item.raw, item.valid, findings, item.digest)


def _from_plain(plain: tuple) -> Loaded:
    rel, kind, data, raw, valid, findings, digest = plain
    return Loaded(rel, kind, data, raw, valid, [Finding(*f) for f in findings], digest)


def _run_child(write_fd: int, root: str, share: list[tuple[str, str]], contents: dict) -> None:
    """In a forked child: load the share, send it as one marshal blob, and leave at once."""
    import marshal

    code = 1
    try:
        blob = marshal.dumps([_to_plain(_load_known(root, rel, kind, contents)) for rel, kind in share])
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(blob)
        code = 0
    finally:
        os._exit(code)  # never return into the parent's code, never run its exit handlers


def _collect_child(pid: int, read_fd: int) -> list[Loaded] | None:
    """The child's results, or None when it failed in any way."""
    import marshal

    try:
        with os.fdopen(read_fd, "rb") as pipe:
            blob = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        return [_from_plain(plain) for plain in marshal.loads(blob)]
    except (EOFError, ValueError, TypeError):
        return None


def _load_parallel(root: str, todo: list[tuple[str, str]], contents: dict[str, bytes | OSError]) -> list[Loaded]:
    from . import load, schema  # noqa: F401 - imported once here, inherited by every child

    for kind in schema.KINDS:  # compile the validators before forking, so no child compiles them
        schema._fast(kind)
    workers = max(2, min(_cpu_count(), MAX_WORKERS))
    size = -(-len(todo) // workers)
    shares = [todo[i:i + size] for i in range(0, len(todo), size)]
    children: list[tuple[list[tuple[str, str]], int, int] | tuple[list[tuple[str, str]], None, None]] = []
    for share in shares[:-1]:
        try:
            read_fd, write_fd = os.pipe()
            pid = os.fork()
        except OSError:  # no more processes allowed: this share is loaded here
            children.append((share, None, None))
            continue
        if pid == 0:  # pragma: no cover - runs in the child, which never returns
            os.close(read_fd)
            _run_child(write_fd, root, share, contents)
        os.close(write_fd)
        children.append((share, pid, read_fd))
    try:
        own = [_load_known(root, rel, kind, contents) for rel, kind in shares[-1]]
    except BaseException:  # a bug or Ctrl-C here: reap the children before passing it on
        for _, pid, read_fd in children:
            if pid is not None:
                os.close(read_fd)
                os.waitpid(pid, 0)
        raise
    results: list[Loaded] = []
    for share, pid, read_fd in children:
        got = _collect_child(pid, read_fd) if pid is not None else None
        if got is None or [item.rel for item in got] != [rel for rel, _ in share]:
            got = [_load_known(root, rel, kind, contents) for rel, kind in share]
        results.extend(got)
    results.extend(own)
    return results


def load_files(root: Path | str, files: list[tuple[str, str]], *, parallel: bool | None = None,
               reuse: dict[str, Loaded] | None = None,
               contents: dict[str, bytes | OSError] | None = None) -> list[Loaded]:
    """Load every (rel, kind), in order.

    `reuse` holds results (by rel) to take as they are; `contents` holds bytes the caller has
    already read (or the error reading them), so a file is read once and the result belongs
    to exactly the bytes the caller hashed. The caller vouches that a reused result was
    computed from the current content (cache.py compares content hashes).
    """
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
            fresh = _load_parallel(root, todo, contents)
        else:
            fresh = [_load_known(root, rel, kind, contents) for rel, kind in todo]
    finally:
        if was_enabled:
            gc.enable()
    by_rel = {loaded.rel: loaded for loaded in fresh}
    return [reuse[rel] if rel in reuse else by_rel[rel] for rel, _ in files]


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
    root = Path(root).resolve()
    files, findings = discover(root)
    return build_repository(root, findings, load_files(root, files, parallel=parallel))
