"""Everything the page renderers need, computed once from the loaded repository.

The renderers are pure functions of a `SiteContext`: the indexes here (areas in clause
order, instruments with their provisions, reverse links, findings per requirement) are
built in one pass so that rendering a thousand requirement pages stays linear.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..numbering import FIRST_AREA_CLAUSE, clause_numbers, krav_sort_key
from ..repository import Record, Repository
from .text import safe_id, slug

RESERVED_AREA_SLUGS = {"omfang", "normative-referanser", "termer-og-definisjoner"}
RELATION_TYPES = ("avhenger_av", "erstatter", "konflikt_med", "se_også")


@dataclass
class Area:
    id: str
    name: str
    prefix: str
    description: str | None
    clause: int
    uri: str  # src_uri of its clause page
    krav: list[Record] = field(default_factory=list)


@dataclass
class Instrument:
    key: str  # the `instrument` field, or the record id when a record has none
    uri: str
    provisions: list[Record] = field(default_factory=list)

    @property
    def first(self) -> Record:
        return self.provisions[0]


@dataclass
class Version:
    describe: str  # `git describe --tags --always`, or «ukjent versjon»
    date: str | None  # date of the last commit, ISO


@dataclass
class SiteContext:
    repo: Repository
    findings: list[Finding]  # from krav sjekk and the analysis
    analysis: Any  # scripts.analyse Analysis, or None when it could not run
    analysis_error: str | None
    version: Version
    today: datetime.date
    areas: list[Area] = field(default_factory=list)
    area_by_id: dict[str, Area] = field(default_factory=dict)
    orphans: list[Record] = field(default_factory=list)  # requirements outside every area
    instruments: list[Instrument] = field(default_factory=list)
    instrument_of: dict[str, Instrument] = field(default_factory=dict)  # lovhjemmel id -> instrument
    cited_by: dict[str, list[Record]] = field(default_factory=dict)  # lovhjemmel id -> krav
    incoming: dict[str, list[tuple[str, Record]]] = field(default_factory=dict)  # krav id -> (type, from)
    findings_by_krav: dict[str, list[Finding]] = field(default_factory=dict)
    krav_uri: dict[str, str] = field(default_factory=dict)  # krav id -> src_uri
    clause_of: dict[str, str] = field(default_factory=dict)  # krav id -> «4.2» (not for withdrawn)
    repo_url: str | None = None  # mkdocs.yml `extra.repo_url`: «Foreslå endring» / «Kommenter» (render/bidra.py)
    branch: str = "main"
    history: Any = None  # scripts.changes.history.Histories (render/historikk.py), None outside git

    def uri_of_krav(self, krav_id: Any) -> str | None:
        return self.krav_uri.get(krav_id) if isinstance(krav_id, str) else None


def read_version(root: Path) -> Version:
    """The checkout's version from git; «ukjent versjon» when git or the checkout is missing."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        out = done.stdout.strip()
        return out if done.returncode == 0 and out else None

    return Version(git("describe", "--tags", "--always") or "ukjent versjon", git("log", "-1", "--format=%cs"))


_sort_key = krav_sort_key  # one definition of id order: scripts/numbering.py


def build_context(repo: Repository, findings: list[Finding], analysis: Any = None,
                  analysis_error: str | None = None, version: Version | None = None,
                  today: datetime.date | None = None) -> SiteContext:
    ctx = SiteContext(repo, findings, analysis, analysis_error,
                      version or Version("ukjent versjon", None), today or datetime.date.today())
    used = set(RESERVED_AREA_SLUGS)
    for number, area_id in enumerate(repo.areas, start=FIRST_AREA_CLAUSE):
        area = repo.areas[area_id]
        name = area.get("navn") if isinstance(area.get("navn"), str) else area_id
        page = slug(area_id)
        while page in used:  # an area may not take the address of an opening clause
            page += "-omrade"
        used.add(page)
        item = Area(area_id, name, area.get("prefiks") if isinstance(area.get("prefiks"), str) else "",
                    area.get("beskrivelse") if isinstance(area.get("beskrivelse"), str) else None,
                    number, f"standard/{page}.md")
        ctx.areas.append(item)
        ctx.area_by_id[area_id] = item

    for record in sorted(repo.krav.values(), key=_sort_key):
        if record.data is None or safe_id(record.id) is None:
            continue  # no page without a usable id; krav sjekk reports the record
        ctx.krav_uri[record.id] = f"krav/{record.id}.md"
        area = ctx.area_by_id.get(record.text("område") or "")
        (area.krav if area else ctx.orphans).append(record)

    # Provisions in force are numbered in id order within their clause (scripts/numbering.py).
    ctx.clause_of = clause_numbers(repo, lambda r: safe_id(r.id) is not None)

    cited: dict[str, list[Record]] = defaultdict(list)
    incoming: dict[str, list[tuple[str, Record]]] = defaultdict(list)
    for record in repo.krav.values():
        if record.id not in ctx.krav_uri:
            continue
        for source in dict.fromkeys(s for s in record.items("lovhjemler") if isinstance(s, str)):
            cited[source].append(record)
        for _, relation in record.mappings("relasjoner"):
            target = relation.get("krav")
            if isinstance(target, str) and isinstance(relation.get("type"), str):
                incoming[target].append((relation["type"], record))
    ctx.cited_by = {k: sorted(v, key=_sort_key) for k, v in cited.items()}
    ctx.incoming = {k: sorted(v, key=lambda tr: (tr[0], _sort_key(tr[1]))) for k, v in incoming.items()}

    groups: dict[str, Instrument] = {}
    used_uris: set[str] = {"lov/index.md"}
    for source_id in sorted(repo.lovhjemler):
        record = repo.lovhjemler[source_id]
        if record.data is None:
            continue
        key = record.text("instrument") or source_id
        if key not in groups:
            base = f"lov/{slug(key)}"
            uri, n = f"{base}.md", 2
            while uri in used_uris:
                uri, n = f"{base}-{n}.md", n + 1
            used_uris.add(uri)
            groups[key] = Instrument(key, uri)
        groups[key].provisions.append(record)
        ctx.instrument_of[source_id] = groups[key]
    for group in groups.values():
        group.provisions.sort(key=lambda r: _provision_key(r.text("paragraf")))
    ctx.instruments = sorted(groups.values(), key=lambda g: (_instrument_rank(g.first), instrument_title(g).lower()))

    by_file = {r.file: r.id for r in repo.krav.values() if r.id in ctx.krav_uri}
    found: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        targets = [i for i in finding.ids if i in ctx.krav_uri]
        if not targets and finding.file in by_file:
            targets = [by_file[finding.file]]
        for target in dict.fromkeys(targets):
            found[target].append(finding)
    ctx.findings_by_krav = dict(found)
    return ctx


_KIND_ORDER = ("lov", "forskrift", "forarbeid", "rundskriv", "veileder", "standard", "rapport")


def _instrument_rank(record: Record) -> int:
    kind = record.get("type")
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)


def _provision_key(paragraf: str | None) -> tuple:
    """Sort «§ 2», «§ 10-1», «§ 10-1 a», «kapittel 3» in reading order; whole documents first."""
    if not paragraf:
        return (0, ())
    numbers = tuple(int(n) for n in re.findall(r"\d+", paragraf))
    return (1 if paragraf.startswith("kapittel") else 2, numbers, paragraf)


def instrument_title(instrument: Instrument, keys: tuple[str, ...] = ("korttittel", "tittel")) -> str:
    """The instrument's name as people know it: the short title, else the full title."""
    for key in keys:
        for record in instrument.provisions:
            value = record.text(key)
            if value:
                return value
    return instrument.key


def instrument_full_title(instrument: Instrument) -> str:
    return instrument_title(instrument, ("tittel", "korttittel"))
