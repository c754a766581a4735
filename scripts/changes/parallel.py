"""Findings of BASE in a forked child while the parent loads and checks HEAD (two cores).

`start(base, dato)` forks right after BASE is loaded, so the child's check and analysis of BASE
overlap with loading, comparing and checking HEAD here. The child sends its findings back as
`marshal` data (plain tuples), as loading.py's workers do; when forking is not possible or the
child fails in any way, the findings are computed here instead (same result, only slower).
"""

from __future__ import annotations

import datetime
import os

from ..findings import Finding
from ..repository import Repository
from .diff import findings_of


def _plain(findings: list[Finding]) -> list[tuple]:
    return [(f.rule, f.level, f.file, f.line, f.column, f.message, f.hint, f.ids, f.path) for f in findings]


class Pending:
    """Findings being computed, in a child process or (when that is impossible) on demand."""

    def __init__(self, repo: Repository, dato: datetime.date) -> None:
        self.repo, self.dato = repo, dato
        self.pid: int | None = None
        self.read_fd: int | None = None

    def cancel(self) -> None:
        """Stop the child (HEAD could not be loaded, so BASE's findings are not needed)."""
        if self.pid is not None:
            import signal

            os.kill(self.pid, signal.SIGKILL)
            os.close(self.read_fd)
            os.waitpid(self.pid, 0)
            self.pid = None

    def result(self) -> list[Finding]:
        if self.pid is None:
            return findings_of(self.repo, self.dato)
        import marshal

        try:
            with os.fdopen(self.read_fd, "rb") as pipe:
                blob = pipe.read()
        finally:
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
        try:
            if status != 0:
                raise ValueError("the child failed")
            return [Finding(*item) for item in marshal.loads(blob)]
        except (EOFError, ValueError, TypeError):
            return findings_of(self.repo, self.dato)


def start(repo: Repository, dato: datetime.date) -> Pending:
    from ..loading import _cpu_count, forking_is_safe

    pending = Pending(repo, dato)
    if (not hasattr(os, "fork") or _cpu_count() < 2 or not forking_is_safe()
            or os.environ.get("KRAV_PARALLELL") == "0"):
        return pending
    import marshal

    from .. import check  # noqa: F401 - imported once here, inherited by the child
    from ..analyse import engine  # noqa: F401

    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError:
        return pending
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        code = 1
        try:
            os.close(read_fd)
            blob = marshal.dumps(_plain(findings_of(repo, dato)))
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(blob)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    pending.pid, pending.read_fd = pid, read_fd
    return pending
