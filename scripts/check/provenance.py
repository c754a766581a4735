"""Provenance rules: where a source's facts were seen, and whether the source still applies.

A source (lovhjemmel) records in `verifisert` where and when a person saw its facts, and whether
that page was the publisher's own (`primærkilde: true`) or a copy. A source that another has
replaced names it in `erstattet_av`; it then counts as no longer in force (see
`vocabulary.source_in_force`), and its last day belongs in `gyldig_til` once it is known.
"""

from __future__ import annotations

import datetime
from typing import Iterator

from ..findings import Finding, make
from ..messages import forslag
from ..repository import Record, Repository
from ..vocabulary import ADOPTED, COPY_HOSTS, MIRROR_HOSTS, host_in, is_excepted, is_primary_verified, parse_date, successor_of
from . import rule


def today() -> datetime.date:
    """The date the checks treat as today (a function, so tests can pin it)."""
    return datetime.date.today()


def _sources(repo: Repository) -> list[Record]:
    return [r for r in repo.of_kind("lovhjemmel") if isinstance(r.data, dict)]


@rule("krav-vedtatt-uverifisert-kilde", per_record=True)
def check_adopted_rests_on_verified(repo: Repository) -> Iterator[Finding]:
    """A requirement with status vedtatt cites only sources that have a `verifisert` entry with
    `primærkilde: true` (seen at the publisher itself, not in a copy)."""
    verified: dict[str, bool] = {}  # by source id: thousands of requirements cite the same few hundred
    for record in repo.of_kind("krav"):
        if record.text("status") != ADOPTED:
            continue
        for index, ref in enumerate(record.items("lovhjemler")):
            source = repo.lovhjemler.get(ref) if isinstance(ref, str) else None
            if source is None:  # unknown ids: krav-ukjent-lovhjemmel
                continue
            if ref not in verified:
                verified[ref] = is_primary_verified(source)
            if not verified[ref]:
                yield make("krav-vedtatt-uverifisert-kilde", record.file, path=("lovhjemler", index),
                           ids=[record.id or record.stem, ref], kilde=ref, fil=source.file)


def known_successors(repo: Repository) -> set[str]:
    """Every value `erstattet_av` may name: a source's id or an instrument in lovhjemler/."""
    names = set(repo.lovhjemler)
    for record in _sources(repo):
        instrument = record.text("instrument")
        if instrument and instrument.strip():
            names.add(instrument.strip())
    return names


@rule("lovhjemmel-erstattet-ukjent", "lovhjemmel-erstattet-seg-selv")
def check_successor_known(repo: Repository) -> Iterator[Finding]:
    """`erstattet_av` names the id of a source or an instrument registered in lovhjemler/, and
    not the source itself."""
    names = None
    for record in _sources(repo):
        successor = successor_of(record)
        if successor is None:
            continue
        ident = record.id or record.stem
        if successor == record.id:
            yield make("lovhjemmel-erstattet-seg-selv", record.file, path=("erstattet_av",), ids=[ident],
                       verdi=successor)
            continue
        names = known_successors(repo) if names is None else names
        if successor not in names:
            yield make("lovhjemmel-erstattet-ukjent", record.file, path=("erstattet_av",), ids=[ident],
                       verdi=successor, forslag=forslag(successor, sorted(names)))


@rule("lovhjemmel-erstattet-uten-dato")
def check_replaced_has_last_day(repo: Repository) -> Iterator[Finding]:
    """A source with `erstattet_av` also gives its last day in `gyldig_til` (never a guessed date);
    until then it counts as no longer in force."""
    for record in _sources(repo):
        successor = successor_of(record)
        if (successor is not None and parse_date(record.get("gyldig_til")) is None
                and not is_excepted(record, "lovhjemmel-erstattet-uten-dato")):
            yield make("lovhjemmel-erstattet-uten-dato", record.file, path=("erstattet_av",),
                       ids=[record.id or record.stem], etterfolger=successor)


@rule("lovhjemmel-verifisert-dato")
def check_verification_dates(repo: Repository) -> Iterator[Finding]:
    """No `dato` in `verifisert` lies in the future (a day that does not exist is dato-ugyldig)."""
    now = today()
    for record in _sources(repo):
        for index, item in record.mappings("verifisert"):
            value = item.get("dato")
            date = parse_date(value)
            if date is not None and date > now:
                yield make("lovhjemmel-verifisert-dato", record.file, path=("verifisert", index, "dato"),
                           ids=[record.id or record.stem], verdi=value)


@rule("lovhjemmel-primaerkilde-kopi", "lovhjemmel-url-speil")
def check_copies_are_not_primary(repo: Repository) -> Iterator[Finding]:
    """A `verifisert` entry on a site known to hold copies (commercial sites, mirrors, test
    hosts) is not marked `primærkilde: true`, and a source's `url` does not point at a mirror
    or a test host."""
    for record in _sources(repo):
        ident = record.id or record.stem
        for index, item in record.mappings("verifisert"):
            host = host_in(item.get("url"), COPY_HOSTS)
            if host is not None and item.get("primærkilde") is True:
                yield make("lovhjemmel-primaerkilde-kopi", record.file, path=("verifisert", index, "primærkilde"),
                           ids=[ident], url=item.get("url"), vert=host)
        host = host_in(record.get("url"), MIRROR_HOSTS)
        if host is not None and not is_excepted(record, "lovhjemmel-url-speil"):
            yield make("lovhjemmel-url-speil", record.file, path=("url",), ids=[ident], url=record.get("url"), vert=host)
