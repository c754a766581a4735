"""Findings of two states at once: BASE in a forked child, HEAD here (two cores, half the time).

The child sends its findings back as `marshal` data (plain tuples), as repository.py's loader
does; when forking is not possible or the child fails, both are computed here.
"""

from __future__ import annotations

import datetime
import os

from ..findings import Finding
from ..repository import Repository
from .diff import findings_of


def _plain(findings: list[Finding]) -> list[tuple]:
    return [(f.rule, f.level, f.file, f.line, f.column, f.message, f.hint, f.ids, f.path) for f in findings]


def findings_pair(base: Repository, head: Repository, dato: datetime.date) -> tuple[list[Finding], list[Finding]]:
    from ..loading import _cpu_count, _single_threaded

    if not hasattr(os, "fork") or _cpu_count() < 2 or not _single_threaded() or os.environ.get("KRAV_PARALLELL") == "0":
        return findings_of(base, dato), findings_of(head, dato)
    import marshal

    from .. import analyse, check  # noqa: F401 - imported once here, inherited by the child
    from ..analyse import engine  # noqa: F401

    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError:
        return findings_of(base, dato), findings_of(head, dato)
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        code = 1
        try:
            os.close(read_fd)
            blob = marshal.dumps(_plain(findings_of(base, dato)))
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(blob)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    try:
        head_findings = findings_of(head, dato)
    finally:
        with os.fdopen(read_fd, "rb") as pipe:
            blob = pipe.read()
        _, status = os.waitpid(pid, 0)
    try:
        if status != 0:
            raise ValueError("child failed")
        base_findings = [Finding(*item) for item in marshal.loads(blob)]
    except (EOFError, ValueError, TypeError):
        base_findings = findings_of(base, dato)
    return base_findings, head_findings
