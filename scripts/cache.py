"""Run `krav sjekk` and remember the result, so an unchanged repository answers at once.

Placeholder: always checks from scratch. The content-addressed cache replaces this.
"""

from __future__ import annotations

from pathlib import Path

from .check import check_path
from .findings import Finding


def checked_findings(root: Path, use_cache: bool = True) -> list[Finding]:
    _, findings = check_path(root)
    return findings
