"""Find, load and index every record in a repository: the one model all commands share.

`load_repository(root)` returns a `Repository` whose records keep exactly what the authors
wrote (see load.py), plus the findings from reading and schema-checking each file. Rules,
the graph builder and the site renderer all work from this object and never read files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import load, schema
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

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default) if isinstance(self.data, dict) else default

    def text(self, key: str) -> str | None:
        """The field as text, or None when missing or not text (the schema reports that)."""
        value = self.get(key)
        return value if isinstance(value, str) else None

    def items(self, key: str) -> list:
        value = self.get(key)
        return value if isinstance(value, list) else []

    def mappings(self, key: str) -> list[tuple[int, dict]]:
        """(index, item) for the items of a list field that are blocks of fields."""
        return [(i, v) for i, v in enumerate(self.items(key)) if isinstance(v, dict)]

    @property
    def id(self) -> str | None:
        return self.text("id")

    @property
    def stem(self) -> str:
        return Path(self.file).stem

    @property
    def folder(self) -> str:
        return Path(self.file).parent.name


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

    def of_kind(self, kind: str) -> list[Record]:
        return [r for r in self.records if r.kind == kind]

    def krav_in_area(self, area: str) -> list[Record]:
        return sorted((r for r in self.krav.values() if r.get("område") == area), key=lambda r: r.id or "")

    def locate(self, file: str, path: tuple) -> tuple[int | None, int | None]:
        """Line and column of a field, composing the file again (only findings need this)."""
        if file not in self._texts:
            try:
                content = (self.root / file).read_bytes()
                self._texts[file] = content.decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self._texts[file] = ""
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


def discover(root: Path) -> tuple[list[tuple[str, str]], list[Finding]]:
    """All record files under root as (relative path, kind), and misplaced-file findings."""
    files: list[tuple[str, str]] = []
    findings: list[Finding] = []
    for top in RECORD_DIRS:
        base = root / top
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or name.endswith(DOC_SUFFIXES):
                    continue
                rel = Path(dirpath, name).relative_to(root).as_posix()
                kind, reason = classify(rel)
                if kind is None:
                    findings.append(make("fil-plassering", rel, None, None, fil=rel, grunn=reason))
                else:
                    files.append((rel, kind))
    if not (root / MANDAT_FILE).is_file():
        findings.append(make("fil-mangler", MANDAT_FILE, None, None, fil=MANDAT_FILE,
                             grunn="uten mandatet kan ikke områder, prefikser og mål kontrolleres"))
    return files, findings


_TOP_LEVEL = {"krav": dict, "lovhjemmel": dict, "mandat": dict, "parametere": list}
_TOP_NAMES = {dict: "felt med verdier (navn: verdi)", list: "en liste (linjer som starter med «- »)"}


def load_record(root: Path, rel: str, kind: str) -> tuple[Record, list[Finding]]:
    """Read, parse and schema-check one file. Never raises for bad content."""
    try:
        content = (root / rel).read_bytes()
    except OSError as error:
        return Record(kind, rel, None), [make("yaml-syntaks", rel, 1, 1, detalj=f"filen kan ikke leses ({error.strerror})")]
    document = load.load_bytes(rel, content)
    findings = list(document.findings)
    record = Record(kind, rel, document.data, document.raw)
    if document.data is not None:
        expected = _TOP_LEVEL[kind]
        if not isinstance(document.data, expected):
            actual = _TOP_NAMES.get(type(document.data), f"en enkelt verdi ({schema.describe_value(document.data)})")
            findings.append(make("yaml-toppniva", rel, 1, 1, forventet=_TOP_NAMES[expected], faktisk=actual))
            record.data = None
        else:
            schema_findings = schema.validate(kind, document.data, rel, document.raw)
            record.valid = not schema_findings and not findings
            findings.extend(schema_findings)
    return record, findings


def load_repository(root: Path | str) -> Repository:
    root = Path(root).resolve()
    files, findings = discover(root)
    records = []
    for rel, kind in files:
        record, found = load_record(root, rel, kind)
        records.append(record)
        findings.extend(found)
    return Repository(root, records, findings)
