"""The model all commands share: the records of a repository and their indexes.

A `Repository` holds every loaded record exactly as its author wrote it (see load.py), plus the
findings from discovery (gate.py), reading and schema-checking (loading.py). Rules, the graph
builder, the site renderer and the exports all work from this object and never read files.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import gate
from .findings import Finding


# --- Summaries: what a rule may know about requirements other than the one it judges ---------
# `krav sjekk` remembers, per requirement file, what the per-record rules found (cache.py), and
# judges again only the requirements that changed. That is sound only if what a rule reports
# about one requirement depends on that requirement, on the records that are not requirements
# (mandate, parameters, sources, terms, drafts, comments: all always loaded in full) and on
# nothing of the other requirements but their summary below. Rules therefore always see other
# requirements as summaries, cached or not; reading any other field of one raises NeedsRecord,
# and the check then runs again on full records (and remembers nothing), so a rule that breaks
# the contract costs time, never a wrong answer.

SUMMARY_FIELDS = ("id", "status")
REPLACES = "relasjoner/erstatter"  # not a field: the ids a requirement says it replaces


class NeedsRecord(LookupError):
    """A rule read a field of a requirement that only its summary stands for."""


class Summary(dict):
    """The summary of a requirement: reading a field it does not hold raises NeedsRecord."""

    __slots__ = ()
    _ALLOWED = frozenset((*SUMMARY_FIELDS, REPLACES))

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self._ALLOWED:
            raise NeedsRecord(key)
        return dict.get(self, key, default)

    def __getitem__(self, key: str) -> Any:
        if key not in self._ALLOWED:
            raise NeedsRecord(key)
        return dict.__getitem__(self, key)

    def __contains__(self, key: object) -> bool:
        if key not in self._ALLOWED:
            raise NeedsRecord(key)
        return dict.__contains__(self, key)

    def _whole(self, *_: Any) -> Any:
        raise NeedsRecord("*")

    __iter__ = __len__ = keys = values = items = _whole


class NeedsOthers(LookupError):
    """A rule looked up another requirement while only one share of them was loaded."""


class _Refusing(dict):
    """A lookup table that is not there yet: any use raises NeedsOthers."""

    __slots__ = ()

    def _refuse(self, *_: Any) -> Any:
        raise NeedsOthers("krav")

    get = __getitem__ = __contains__ = __iter__ = __len__ = keys = values = items = _refuse


def summarize(data: Any) -> dict | None:
    """The summary of a requirement's data (plain, for the cache), None when it has no fields."""
    if not isinstance(data, dict):
        return None
    out = {key: data[key] for key in SUMMARY_FIELDS if key in data}
    relations = data.get("relasjoner")
    replaces = sorted({item["krav"] for item in relations if isinstance(item, dict)
                       and item.get("type") == "erstatter" and isinstance(item.get("krav"), str)}
                      ) if isinstance(relations, list) else []
    if replaces:
        out[REPLACES] = replaces
    return out


def replaced_ids(record: "Record") -> list[str]:
    """The ids a requirement says it replaces (relation `erstatter`), from a full record or a summary."""
    data = record.data
    if isinstance(data, Summary):
        return list(dict.get(data, REPLACES, ()))
    return (summarize(data) or {}).get(REPLACES, [])


def summary_record(kind: str, file: str, summary: dict | None, valid: bool) -> "Record":
    """A requirement known only by its summary (None: a file with no fields)."""
    return Record(kind, file, None if summary is None else Summary(summary), {}, valid, True)


@dataclass
class Record:
    """One loaded file. `data` is None when the file could not be read as YAML."""

    kind: str  # krav | lovhjemmel | mandat | parametere
    file: str  # repository-relative, forward slashes
    data: Any
    raw: dict = field(default_factory=dict)
    valid: bool = False  # passed its schema
    summary_only: bool = False  # data is the record's Summary (see above), not its fields

    def summarised(self, summary: dict | None = None) -> "Record":
        """This requirement as its summary (computed from the data unless given)."""
        if self.summary_only:
            return self
        return summary_record(self.kind, self.file, summarize(self.data) if summary is None else summary,
                              self.valid)

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
        self.termer: dict[str, Record] = {}
        self.utgaver: dict[str, Record] = {}
        self.kommentarer: dict[str, Record] = {}  # by "<utgave>/<id>": ids repeat across drafts
        self.mandat: Record | None = None
        self.parametere: Record | None = None
        index = {"krav": self.krav, "lovhjemmel": self.lovhjemler, "term": self.termer,
                 "utgave": self.utgaver, "kommentar": self.kommentarer}
        for record in self.records:
            if record.kind == "mandat":
                self.mandat = record
            elif record.kind == "parametere":
                self.parametere = record
            elif record.id is not None:
                key = f"{record.folder}/{record.id}" if record.kind == "kommentar" else record.id
                index[record.kind].setdefault(key, record)  # duplicates are a rule's finding
        self.areas: dict[str, dict] = {}
        self.objectives: dict[str, dict] = {}
        if self.mandat is not None:
            for _, area in self.mandat.mappings("områder"):
                if isinstance(area.get("id"), str):
                    self.areas.setdefault(area["id"], area)
            for _, goal in self.mandat.mappings("mål"):
                if isinstance(goal.get("id"), str):
                    self.objectives.setdefault(goal["id"], goal)
        self.owner_types: dict[str, dict] = {}
        self.institution_types: dict[str, dict] = {}
        if self.mandat is not None:
            for field_name, target in (("eierformer", self.owner_types), ("institusjonstyper", self.institution_types)):
                for _, item in self.mandat.mappings(field_name):
                    if isinstance(item.get("id"), str):
                        target.setdefault(item["id"], item)
        self.parameters: dict[str, dict] = {}
        if self.parametere is not None and isinstance(self.parametere.data, list):
            for item in self.parametere.data:
                if isinstance(item, dict) and isinstance(item.get("navn"), str):
                    self.parameters.setdefault(item["navn"], item)
        # Ids known only from a file name, because the file exists but could not be loaded: a
        # reference to one of them is not "unknown" (that would bury the root cause).
        self.unloaded: dict[str, set[str]] = {}
        for record in self.records:
            if record.id is None:
                self.unloaded.setdefault(record.kind, set()).add(record.stem)
        self._locators: dict[str, Any] = {}
        self._contents: dict[str, bytes | OSError] = {}

    @property
    def mandate_usable(self) -> bool:
        """Whether the mandate loaded as a block of fields: rules that compare records with the
        mandate's areas, prefixes and objectives only make sense then."""
        return self.mandat is not None and isinstance(self.mandat.data, dict)

    @property
    def parameters_usable(self) -> bool:
        return self.parametere is not None and isinstance(self.parametere.data, list)

    def known(self, kind: str, ident: str) -> bool:
        """Whether `ident` names a record of `kind`: loaded, or a file that exists but failed to load."""
        index = {"krav": self.krav, "lovhjemmel": self.lovhjemler, "term": self.termer, "utgave": self.utgaver}
        return ident in index.get(kind, {}) or ident in self.unloaded.get(kind, ())

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


    def summarised(self, summaries: dict[str, dict | None] | None = None) -> "Repository":
        """The same repository with every requirement as its summary (taken from `summaries`, by
        file, where given): what the repository-wide rules see, and what the per-record rules
        see of requirements other than their own. The lookups are this repository's, mapped."""
        summaries = summaries or {}
        view = copy.copy(self)
        by_file: dict[str, Record] = {}
        records = []
        for record in self.records:
            if record.kind == "krav":
                record = by_file[record.file] = record.summarised(summaries.get(record.file))
            records.append(record)
        view.records = records
        view.krav = {ident: by_file[record.file] for ident, record in self.krav.items()}
        view._kinds_signature = None
        return view

    def judging(self, requirements: list[Record]) -> "Repository":
        """A view for the per-record rules: the requirements they go through are `requirements`
        (full records), every other kind is all there, and every lookup of a requirement
        (`krav`, `known`, …) answers from this repository."""
        view = copy.copy(self)
        view.records = [r for r in self.records if r.kind != "krav"] + requirements
        view._kinds_signature = None
        return view

    def blind(self) -> "Repository":
        """This repository with every lookup of a requirement refused (NeedsOthers): for judging
        the requirements of one loading share before the others are loaded."""
        view = copy.copy(self)
        view.krav = _Refusing()
        view.unloaded = {**self.unloaded, "krav": _Refusing()}
        return view

    def locate(self, file: str, path: tuple) -> tuple[int | None, int | None]:
        """Line and column of a field, composing the file once (only findings need this)."""
        locator = self._locators.get(file)
        if locator is None:
            try:
                content = self._contents.get(file)
                if isinstance(content, OSError):
                    raise content
                if content is None:
                    content = gate.read(self.root, file)
                text = content.decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
            from . import characters, load

            # Read the text as the loader did (NFC, separators as spaces), so paths still match.
            locator = self._locators[file] = load.Locator(characters.scan(file, text)[1])
        return locator(path)

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
