"""What every sub-command does at the edge: streams, the repository root, exit codes.

Only command-line modules import this (scripts/cli.py and the `add_arguments` modules of the
sub-commands), so the sub-commands share it without importing scripts/cli.py (no import circle).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import gate
from .findings import ADVARSEL, FEIL, Finding
from .messages import cli_message


def setup_streams() -> None:
    """Never lose a report to the terminal's or file's encoding (a Windows code page cannot
    hold «→» or an emoji): characters it cannot encode become escapes instead of an error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or detached stream: nothing to protect
                pass


def out(text: str) -> None:
    sys.stdout.write(text)


def err(text: str) -> None:
    sys.stderr.write(text.rstrip("\n") + "\n")


def say(key: str, **values: object) -> None:
    """One line from the catalogue's command-line messages on stderr."""
    err(cli_message(key, **values))


def exit_code(findings: list[Finding], strict: bool) -> int:
    """0 without errors (and without warnings under --streng), else 1."""
    levels = {f.level for f in findings}
    if FEIL in levels or (strict and ADVARSEL in levels):
        return 1
    return 0


def resolve_root(given: str | None) -> Path | None:
    """The repository to work on: the one `given` (or the working folder) is in.

    `krav sjekk krav/internkontroll` checks the whole repository that folder belongs to, and
    says which root it used; a folder that does not exist is one Norwegian line (None).
    """
    if given is not None and not os.path.isdir(given):
        say("mappe-finnes-ikke", sti=given)
        return None
    start = Path(given) if given is not None else Path.cwd()
    root = gate.find_root(start)
    if root != start.resolve():
        say("bruker-rot", rot=str(root))
    return root


def append_step_summary(text: str) -> None:
    """Add Markdown to the GitHub step summary when running in GitHub Actions."""
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        try:
            with open(summary_path, "a", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(text)
        except OSError as error:
            say("sammendrag-feil", sti=summary_path, grunn=str(error.strerror or error))
