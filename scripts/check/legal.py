"""Legal-source rules: official ids, validity dates, Lovdata links, folders and areas."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterator

from ..findings import Finding, make
from ..vocabulary import NON_BINDING_KINDS
from ..lovdata import BINDING_KINDS, INSTRUMENT_FORMS, INSTRUMENT_PATTERNS, accepted_urls, lovdata_url, same_url
from ..messages import forslag, oppramsing
from ..repository import Record, Repository
from . import rule

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(record: Record, key: str) -> str | None:
    value = record.text(key)
    return value if value is not None and _DATE.match(value) else None


@rule("lovhjemmel-instrument-mangler", "lovhjemmel-instrument-format")
def check_instrument(repo: Repository) -> Iterator[Finding]:
    """A lov has an `instrument` of the form LOV-ÅÅÅÅ-MM-DD-N, a forskrift one of the form FOR-ÅÅÅÅ-MM-DD-N."""
    for record in repo.of_kind("lovhjemmel"):
        kind = record.text("type")
        if kind not in BINDING_KINDS:
            continue
        instrument = record.get("instrument")
        if instrument is None:
            yield make("lovhjemmel-instrument-mangler", record.file, path=("type",), ids=[record.id or record.stem],
                       type=kind, form=INSTRUMENT_FORMS[kind])
        elif isinstance(instrument, str) and not INSTRUMENT_PATTERNS[kind].match(instrument):
            yield make("lovhjemmel-instrument-format", record.file, path=("instrument",),
                       ids=[record.id or record.stem], verdi=instrument, type=kind, form=INSTRUMENT_FORMS[kind])


@rule("lovhjemmel-gyldighet")
def check_validity_order(repo: Repository) -> Iterator[Finding]:
    """A source's `gyldig_fra` is not later than its `gyldig_til`."""
    for record in repo.of_kind("lovhjemmel"):
        start, end = _date(record, "gyldig_fra"), _date(record, "gyldig_til")
        if start is not None and end is not None and start > end:  # ISO dates sort as text
            yield make("lovhjemmel-gyldighet", record.file, path=("gyldig_til",), ids=[record.id or record.stem],
                       fra=start, til=end)


@rule("lovhjemmel-url-avvik", "lovhjemmel-url-mangler")
def check_url(repo: Repository) -> Iterator[Finding]:
    """A stored `url` on a lov/forskrift agrees with the derived Lovdata link; other sources have a `url`."""
    for record in repo.of_kind("lovhjemmel"):
        kind = record.text("type")
        url = record.text("url")
        if kind in BINDING_KINDS:
            accepted = accepted_urls(record.data)
            if url is not None and accepted and not same_url(url, accepted):
                yield make("lovhjemmel-url-avvik", record.file, path=("url",), ids=[record.id or record.stem],
                           url=url, avledet=lovdata_url(record.data))
        elif kind in NON_BINDING_KINDS and record.get("url") is None:
            yield make("lovhjemmel-url-mangler", record.file, path=("type",), ids=[record.id or record.stem],
                       type=kind)


def _instrument(record: Record) -> str | None:
    value = record.text("instrument")
    return value.strip() if value and value.strip() else None


def _distinct_sources(repo: Repository) -> list[Record]:
    """Source records, leaving out second copies of an id (id-unik already reports those)."""
    return [r for r in repo.of_kind("lovhjemmel") if r.id is None or repo.lovhjemler.get(r.id) is r]


def _home_folders(repo: Repository) -> dict[str, str]:
    """instrument -> the folder holding most of its records (ties: alphabetical first)."""
    folders: dict[str, Counter] = defaultdict(Counter)
    for record in _distinct_sources(repo):
        instrument = _instrument(record)
        if instrument is not None:
            folders[instrument][record.folder] += 1
    return {instrument: min(counts, key=lambda f: (-counts[f], f)) for instrument, counts in folders.items()}


@rule("lovhjemmel-instrument-mapper")
def check_instrument_one_folder(repo: Repository) -> Iterator[Finding]:
    """All records that share an `instrument` live in the same folder under lovhjemler/."""
    homes = _home_folders(repo)
    for record in _distinct_sources(repo):
        instrument = _instrument(record)
        if instrument is not None and record.folder != homes[instrument]:
            yield make("lovhjemmel-instrument-mapper", record.file, path=("instrument",),
                       ids=[record.id or record.stem], instrument=instrument, mappe=f"lovhjemler/{homes[instrument]}/")


@rule("lovhjemmel-mappe-instrument")
def check_folder_one_instrument(repo: Repository) -> Iterator[Finding]:
    """A folder under lovhjemler/ that holds lov or forskrift records holds them for one instrument only."""
    homes = _home_folders(repo)
    by_folder: dict[str, list[tuple[Record, str]]] = defaultdict(list)
    for record in _distinct_sources(repo):
        instrument = _instrument(record)
        if record.text("type") in BINDING_KINDS and instrument is not None:
            by_folder[record.folder].append((record, instrument))
    for folder, members in by_folder.items():
        counts = Counter(instrument for _, instrument in members)
        if len(counts) < 2:
            continue
        main = min(counts, key=lambda i: (-counts[i], i))
        for record, instrument in members:
            # A record whose instrument lives elsewhere is already told to move there.
            if instrument != main and homes[instrument] == folder:
                yield make("lovhjemmel-mappe-instrument", record.file, path=("instrument",),
                           ids=[record.id or record.stem], mappe=f"lovhjemler/{folder}/", instrument=main,
                           verdi=instrument)


@rule("lovhjemmel-ukjent-omrade")
def check_source_areas(repo: Repository) -> Iterator[Finding]:
    """Every entry in a source's `områder` is an area id in the mandate."""
    if not repo.mandate_usable or not repo.areas:
        return
    for record in repo.of_kind("lovhjemmel"):
        for index, area in enumerate(record.items("områder")):
            if isinstance(area, str) and area not in repo.areas:
                yield make("lovhjemmel-ukjent-omrade", record.file, path=("områder", index),
                           ids=[record.id or record.stem], verdi=area, forslag=forslag(area, repo.areas),
                           tillatte=oppramsing(repo.areas, limit=20))


def _section_key(record: Record) -> str:
    paragraf = record.text("paragraf") or ""
    return "".join(paragraf.split()).lower()


@rule("lovhjemmel-dobbel")
def check_duplicate_sources(repo: Repository) -> Iterator[Finding]:
    """The same instrument and paragraf are registered in one record only."""
    first: dict[tuple[str, str], Record] = {}
    for record in _distinct_sources(repo):
        instrument = _instrument(record)
        if instrument is None:
            continue
        key = (instrument, _section_key(record))
        if key not in first:
            first[key] = record
            continue
        paragraf = record.text("paragraf")
        shown = f"«{instrument} {paragraf.strip()}»" if paragraf and paragraf.strip() else f"«{instrument}», hele dokumentet"
        yield make("lovhjemmel-dobbel", record.file, path=("instrument",), ids=[record.id or record.stem],
                   kilde=shown, forste=first[key].file)
