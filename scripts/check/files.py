"""File rules that need the whole repository: a record file is never silently ignored."""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding, make
from ..repository import Repository
from . import rule


@rule("fil-tom")
def check_file_has_content(repo: Repository) -> Iterator[Finding]:
    """A record file that holds no value at all (only `---`, `null` or `~`) is reported as empty.

    The loader reports files that are blank or hold only comments; a document whose single value
    is null loads as "nothing" without a finding, and would otherwise vanish from the check.
    """
    reported = {f.file for f in repo.findings}
    for record in repo.records:
        if record.data is None and record.file not in reported:
            yield make("fil-tom", record.file, 1, 1)
