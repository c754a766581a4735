"""Value rules the schemas cannot state: dates that exist in the calendar."""

from __future__ import annotations

from typing import Any, Iterator

from ..findings import Finding, make
from ..repository import Repository
from ..vocabulary import DATE_FIELDS, parse_date
from . import rule


def _values_at(data: Any, steps: tuple[str, ...], path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) for every value a DATE_FIELDS path names in `data`."""
    if not steps:
        yield path, data
        return
    head, rest = steps[0], steps[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _values_at(item, rest, path + (index,))
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], rest, path + (head,))


@rule("dato-ugyldig", per_record=True)
def check_real_dates(repo: Repository) -> Iterator[Finding]:
    """Every date field holds a day that exists in the calendar (no 30 February, no month 13)."""
    for kind, fields in DATE_FIELDS.items():
        for record in repo.of_kind(kind):
            for steps in fields:
                for path, value in _values_at(record.data, steps):
                    if isinstance(value, str) and len(value) == 10 and parse_date(value) is None:
                        yield make("dato-ugyldig", record.file, path=path, ids=[record.id or record.stem],
                                   felt=steps[-1], verdi=value)
