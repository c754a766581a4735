"""`krav eksport`: the standard as JSON, CSV, XLSX or ReqIF (this module prints).

    krav eksport --format json|csv|xlsx|reqif [--utgave ID] [--gjelder eierform=...,institusjonstype=...]
                 [--ut FIL] [STI]

Usage errors are one Norwegian line from the catalogue's command-line messages (messages.CLI)
and exit 2; a repository with
invalid records is not exported (exit 1). Output goes to --ut, or to standard output for the
text formats.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("json", "csv", "xlsx", "reqif")
BINARY = ("xlsx",)


class UsageError(Exception):
    def __init__(self, rule: str, **values: object) -> None:
        super().__init__(rule)
        self.rule, self.values = rule, values


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sti", nargs="?", default=None, metavar="STI",
                        help="repositoriets rot (standard: repositoriet du står i)")
    parser.add_argument("--format", choices=FORMATS, default="json", help="format (standard: json)")
    parser.add_argument("--utgave", metavar="ID",
                        help="eksporter en publisert utgave (fra git-taggen med samme navn) i stedet for arbeidsutkastet")
    parser.add_argument("--gjelder", metavar="DIMENSJON=VERDI,...",
                        help="bare bestemmelser som gjelder for en institusjon med disse egenskapene, "
                             "for eksempel «eierform=privat,institusjonstype=akutt»")
    parser.add_argument("--ut", metavar="FIL", help="skriv til FIL (standard: standard utdata; xlsx krever FIL)")
    parser.set_defaults(run=run)


def parse_gjelder(text: str, repo) -> dict[str, str]:
    """«eierform=privat,institusjonstype=akutt» -> {"eierform": "privat", ...}, checked against the
    mandate by the one definition in scripts/applicability.py."""
    from ..applicability import SelectionError, parse_selection

    try:
        return parse_selection(text, repo)
    except SelectionError as error:
        raise UsageError("eksport-gjelder", grunn=error.args[0]) from None


def export_bytes(repo, draft, fmt: str, wanted: dict[str, str] | None = None) -> bytes:
    """The export of `repo` as `draft` in format `fmt`, filtered by applicability `wanted`."""
    from . import formats
    from .model import build_export

    from ..applicability import applies

    keep = (lambda item: applies(item, wanted)) if wanted else None  # item["gjelder_for"], as in a record
    model = build_export(repo, draft, keep)
    if fmt == "json":
        return formats.json_export(model)
    if fmt == "csv":
        return formats.csv_export(model)
    if fmt == "xlsx":
        return formats.xlsx_export(model)
    from .reqif_format import reqif_export

    return reqif_export(model, _title(repo, model))


def _title(repo, model) -> str:
    from .formats import draft_label

    title = repo.mandat.text("tittel") if repo.mandat is not None else None
    return f"{title or 'Standarden'} – {draft_label(model)}"


def run(args: argparse.Namespace) -> int:
    from ..console import resolve_root, say
    from ..loading import load_repository
    from .draft import DraftError, current_draft, repository_at_tag

    root = resolve_root(args.sti)
    if root is None:
        return 2
    if args.ut is None and args.format in BINARY:
        say("eksport-binaer-til-terminal", format=args.format)
        return 2
    repo = load_repository(root)
    try:
        if args.utgave is not None:
            repo, draft = repository_at_tag(root, repo, args.utgave)
        else:
            draft = current_draft(root, repo)
        wanted = parse_gjelder(args.gjelder, repo) if args.gjelder is not None else None
    except DraftError as error:
        say("eksport-utgave", grunn=str(error))
        return 2
    except UsageError as error:
        say(error.rule, **error.values)
        return 2
    invalid = sum(1 for r in repo.records if not r.valid)
    if invalid:
        from ..vocabulary import plural

        say("eksport-poster-feil", antall=plural(invalid, "fil", "filer"))
        return 1
    content = export_bytes(repo, draft, args.format, wanted)
    if args.ut is None:
        sys.stdout.buffer.write(content) if hasattr(sys.stdout, "buffer") else sys.stdout.write(content.decode())
        sys.stdout.flush()
        return 0
    target = Path(args.ut)
    try:
        target.write_bytes(content)
    except OSError as error:
        say("eksport-ut", fil=args.ut, grunn=error.strerror or type(error).__name__, endelse=args.format)
        return 2
    return 0
