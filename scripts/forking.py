"""Run part of a job in a forked child on the other core, and take back its result.

The child inherits everything already in memory (copy-on-write: the loaded records, compiled
schemas, indexes), computes one plain value and sends it back as one marshal blob through a
pipe (marshal, not pickle: two to three times faster, and the values are only plain data).
Any failure in the child (an exception, a crash, a short or damaged blob) gives None, and the
caller then does that part itself: forking saves time, it never changes a result.
"""

from __future__ import annotations

import marshal
import os
from dataclasses import dataclass
from typing import Any, Callable


@dataclass
class Child:
    pid: int
    read_fd: int


def fork_call(run: Callable[[], Any]) -> Child | None:
    """Start `run()` in a forked child; None when no process could be started (the caller
    then runs it itself). Call `collect` on the result exactly once."""
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # pragma: no cover - the child: compute, send, leave at once
        code = 1
        try:
            os.close(read_fd)
            blob = marshal.dumps(run())
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(blob)
            code = 0
        finally:
            os._exit(code)  # never return into the parent's code, never run its exit handlers
    os.close(write_fd)
    return Child(pid, read_fd)


def collect(child: Child) -> tuple[bool, Any]:
    """(True, the child's value), or (False, None) when it failed in any way."""
    try:
        with os.fdopen(child.read_fd, "rb") as pipe:
            blob = pipe.read()
    finally:
        _, status = os.waitpid(child.pid, 0)
    if status != 0:
        return False, None
    try:
        return True, marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return False, None


def abandon(child: Child) -> None:
    """Reap a child whose result is no longer wanted (the parent failed meanwhile)."""
    os.close(child.read_fd)
    os.waitpid(child.pid, 0)
