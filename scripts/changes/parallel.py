"""Findings of BASE in a forked child while the parent loads and checks HEAD (two cores).

`start(base, dato)` forks right after BASE is loaded, so the child's check and analysis of BASE
overlap with loading, comparing and checking HEAD here (scripts/forking.py); when forking is not
possible or the child fails in any way, the findings are computed here instead (same result,
only slower).
"""

from __future__ import annotations

import datetime
import os

from ..findings import Finding
from ..repository import Repository
from .diff import findings_of


class Pending:
    """Findings being computed, in a child process or (when that is impossible) on demand."""

    def __init__(self, repo: Repository, dato: datetime.date) -> None:
        self.repo, self.dato = repo, dato
        self.child = None  # forking.Worker while the child runs

    def cancel(self) -> None:
        """Stop the child (HEAD could not be loaded, so BASE's findings are not needed)."""
        if self.child is not None:
            import signal

            from ..forking import abandon

            os.kill(self.child.pid, signal.SIGKILL)
            abandon(self.child)
            self.child = None

    def result(self) -> list[Finding]:
        if self.child is None:
            return findings_of(self.repo, self.dato)
        from ..forking import collect

        ok, value = collect(self.child)
        self.child = None
        try:
            if ok:
                return [Finding(*item) for item in value]
        except (ValueError, TypeError):
            pass
        return findings_of(self.repo, self.dato)  # the child failed in any way: compute here


def start(repo: Repository, dato: datetime.date) -> Pending:
    from ..loading import _cpu_count, forking_is_safe

    pending = Pending(repo, dato)
    if (not hasattr(os, "fork") or _cpu_count() < 2 or not forking_is_safe()
            or os.environ.get("KRAV_PARALLELL") == "0"):
        return pending
    from .. import check  # noqa: F401 - imported once here, inherited by the child
    from ..analyse import engine  # noqa: F401
    from ..forking import fork_call

    pending.child = fork_call(lambda: [f.plain() for f in findings_of(repo, dato)])
    return pending
