"""Run part of a job in a forked child on the other core, and take back its result.

The child inherits everything already in memory (copy-on-write: the loaded records, compiled
schemas, indexes), computes one plain value (`fork_call`) and sends it back as one marshal blob
through a pipe (marshal, not pickle: two to three times faster, and the values are only plain data).
Any failure in the child (an exception, a crash, a short or damaged blob) gives None, and the
caller then does that part itself: forking saves time, it never changes a result.

`fork_worker`, which `fork_call` is built on, is the two-way form for work done in steps (the loading workers exchange what
they found before they finish, see loading.py): the parent and the child send each other whole
values, each one marshal blob behind its length, and a child may still be sending its last
value (the requirements' fields, for the cache) after the parent has gone on without waiting.
"""

from __future__ import annotations

import marshal
import os
import struct
from dataclasses import dataclass
from typing import Any, Callable

_LENGTH = struct.Struct("<Q")
_unreaped: list[int] = []  # workers let go of while still sending (reaped by a later call)


def fork_call(run: Callable[[], Any]) -> "Worker | None":
    """Start `run()` in a forked child that sends back its one value; None when no process
    could be started (the caller then runs it itself). Call `collect` or `abandon` on the
    result exactly once."""
    return fork_worker(lambda channel: channel.send(run()))


def collect(child: "Worker") -> tuple[bool, Any]:
    """(True, the child's value), or (False, None) when it failed in any way (a child that
    dies before its value is whole sends a short blob or none)."""
    try:
        return receive(child)
    finally:
        release(child)


def abandon(child: "Worker") -> None:
    """Let go of a child whose result is no longer wanted (the parent failed meanwhile)."""
    release(child)


# --- Workers that talk in steps ---------------------------------------------------------------

@dataclass
class Worker:
    """A forked worker as the parent sees it: its process and both ends of the conversation."""

    pid: int
    up: int  # the parent reads what the child sends
    down: int  # the parent writes what the child receives
    released: bool = False


class Channel:
    """The child's side: `send` and `receive` whole values (marshal)."""

    def __init__(self, up: int, down: int) -> None:
        self._up, self._down = up, down

    def send(self, value: Any) -> None:
        _write_value(self._up, value)

    def receive(self) -> Any:
        ok, value = _read_value(self._down)
        if not ok:
            raise EOFError("the parent went away")
        return value


def fork_worker(run: Callable[[Channel], None]) -> Worker | None:
    """Start `run(channel)` in a forked child; None when no process could be started. The
    child lets go of the terminal at once (it never prints, and a command's reader must not
    wait for a child that is still sending to the cache). Call `release` on the result."""
    reap_finished()
    pipes: list[int] = []
    try:
        up_read, up_write = os.pipe()
        pipes += [up_read, up_write]
        down_read, down_write = os.pipe()
        pipes += [down_read, down_write]
        pid = os.fork()
    except OSError:
        for fd in pipes:
            os.close(fd)
        return None
    if pid == 0:  # pragma: no cover - the child: talk, then leave at once
        code = 1
        try:
            os.close(up_read)
            os.close(down_write)
            devnull = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(devnull, stream)
            run(Channel(up_write, down_read))
            code = 0
        finally:
            os._exit(code)  # never return into the parent's code, never run its exit handlers
    os.close(up_write)
    os.close(down_read)
    return Worker(pid, up_read, down_write)


def receive(worker: Worker) -> tuple[bool, Any]:
    """(True, the next value the worker sent), or (False, None) when it failed in any way."""
    try:
        return _read_value(worker.up)
    except OSError:
        return False, None


def send(worker: Worker, value: Any) -> bool:
    """Send a value to the worker; False when it is no longer there to receive it."""
    try:
        _write_value(worker.down, value)
        return True
    except (OSError, ValueError):
        return False


def release(worker: Worker) -> None:
    """Stop talking to a worker: close this process's ends and reap it if it has finished (a
    worker still sending to someone else is reaped by a later call). Releasing twice does
    nothing (closing a number twice could close a file opened meanwhile)."""
    if worker.released:
        return
    worker.released = True
    for fd in (worker.up, worker.down):
        try:
            os.close(fd)
        except OSError:
            pass
    _unreaped.append(worker.pid)
    reap_finished()


def reap_finished() -> None:
    """Reap the workers let go of earlier that have finished meanwhile (no zombies pile up in
    a long-lived process such as the test run)."""
    for pid in list(_unreaped):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _unreaped.remove(pid)


def _write_value(fd: int, value: Any) -> None:
    blob = marshal.dumps(value)
    view = memoryview(_LENGTH.pack(len(blob)) + blob)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts, left = [], size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _read_value(fd: int) -> tuple[bool, Any]:
    header = _read_exactly(fd, _LENGTH.size)
    if header is None:
        return False, None
    blob = _read_exactly(fd, _LENGTH.unpack(header)[0])
    if blob is None:
        return False, None
    try:
        return True, marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return False, None
