"""`krav dokument` and `krav kommentarer`: options and run functions (these modules print).

    krav dokument [--utgave ID] --format docx|pdf [--ut FIL]
    krav kommentarer mal --utgave ID [--ut FIL]
    krav kommentarer les FIL.xlsx --utgave ID --fra ORG
    krav kommentarer rapport --utgave ID [--format text|markdown|json|xlsx] [--ut FIL]

python-docx, openpyxl and LibreOffice are used only inside the run functions, so building the
parser costs nothing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

FORMATS = ("docx", "pdf")


def register(sub) -> None:
    """Add the sub-commands `dokument` and `kommentarer` to the `krav` parser."""
    add_arguments(sub.add_parser("dokument", help="lag høringsdokumentet (DOCX eller PDF) med linjenumre"))
    from ..comments import cli as comments_cli

    comments_cli.add_arguments(sub.add_parser("kommentarer", help="kommentarskjema, import og rapport for en utgave"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--utgave", metavar="ID",
                        help="lag dokumentet for en publisert utgave (innholdet i git-taggen ID); "
                             "uten valget: arbeidsutkastet i arbeidsmappen")
    parser.add_argument("--format", choices=FORMATS, required=True, help="docx eller pdf")
    parser.add_argument("--ut", metavar="FIL", help="filen som skrives (standard: <utgave>.docx eller .pdf)")
    parser.add_argument("--sti", default=None, metavar="STI", help="repositoriets rot (standard: repositoriet du står i)")
    parser.set_defaults(run=run)


def write_output(path: Path, content: bytes) -> bool:
    """Write a generated file the user asked for; False (after saying why) when it cannot be written."""
    from ..console import say

    try:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            say("utfil-ikke-vanlig", fil=str(path))
            return False
        path.write_bytes(content)
    except OSError as error:
        say("utfil-feil", fil=str(path), grunn=str(error.strerror or error))
        return False
    return True


def run(args: argparse.Namespace) -> int:
    from .. import gate
    from ..console import out, say
    from ..messages import cli_message
    from .outline import build_outline
    from .source import SourceError, load_source

    root = gate.find_root(args.sti)
    started = time.perf_counter()
    try:
        source = load_source(root, args.utgave)
    except SourceError as error:
        say(error.key, **error.values)
        return 2
    from ..findings import FEIL

    broken = sum(f.level == FEIL for f in source.repo.findings)
    if broken:
        say("dokument-med-feil", antall=broken)
    outline = build_outline(source.repo, source.draft, source.version)
    from .docx_writer import build_docx

    content = build_docx(outline)
    if args.format == "pdf":
        from .pdf import PdfError, docx_to_pdf

        try:
            content = docx_to_pdf(content)
        except PdfError as error:
            say(error.key, **error.values)
            return 2
    target = Path(args.ut) if args.ut else Path(f"{args.utgave or 'arbeidsutkast'}.{args.format}")
    if not write_output(target, content):
        return 2
    out(cli_message("dokument-skrevet", fil=str(target), status=outline.status_line, antall=len(outline.provisions()),
                    sekunder=f"{time.perf_counter() - started:.1f}") + "\n")
    return 0
