"""`krav kommentarer mal|les|rapport`: the sub-commands' options and run functions (this module prints).

Exit codes as for `krav sjekk`: 0 done, 1 the sheet had errors (nothing from it imported),
2 usage error (unknown draft, missing file, no git tag).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..console import say
from ..messages import cli_message

REPORT_FORMATS = ("text", "markdown", "json", "xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="handling", metavar="HANDLING", parser_class=type(parser))
    parser.set_defaults(run=lambda args: (parser.print_help(), 2)[1])

    mal = sub.add_parser("mal", help="lag kommentarskjemaet (XLSX) for en utgave")
    mal.add_argument("--utgave", required=True, metavar="ID", help="utgaven skjemaet gjelder (id i utgaver/)")
    mal.add_argument("--ut", metavar="FIL", help="filen som skrives (standard: kommentarskjema-<utgave>.xlsx)")
    mal.set_defaults(run=run_mal)

    les = sub.add_parser("les", help="les inn et utfylt kommentarskjema som poster i kommentarer/<utgave>/")
    les.add_argument("fil", metavar="FIL.xlsx", help="det utfylte skjemaet")
    les.add_argument("--utgave", required=True, metavar="ID", help="utgaven kommentarene gjelder")
    les.add_argument("--fra", required=True, metavar="ORG", help="organisasjonen som har sendt kommentarene")
    les.add_argument("--prøv", dest="prov", action="store_true", help="kontroller skjemaet uten å skrive noe")
    les.set_defaults(run=run_les)

    rapport = sub.add_parser("rapport", help="status for kommentarbehandlingen, og skjemaet med komiteens vedtak")
    rapport.add_argument("--utgave", required=True, metavar="ID", help="utgaven kommentarene gjelder")
    rapport.add_argument("--format", choices=REPORT_FORMATS, default="text", help="utdataformat (standard: text)")
    rapport.add_argument("--ut", metavar="FIL", help="for xlsx: filen som skrives (standard: kommentarbehandling-<utgave>.xlsx)")
    rapport.set_defaults(run=run_rapport)
    for command in (mal, les, rapport):
        command.add_argument("--sti", default=None, metavar="STI", help="repositoriets rot (standard: repositoriet du står i)")


def _outline(args: argparse.Namespace):
    """(root, source, outline) for the draft, or None after saying why."""
    from .. import gate
    from ..document.outline import build_outline
    from ..document.source import SourceError, load_source

    root = gate.find_root(args.sti)
    try:
        source = load_source(root, args.utgave)
    except SourceError as error:
        say(error.key, **error.values)
        return None
    return root, source, build_outline(source.repo, source.draft, source.version)


def run_mal(args: argparse.Namespace) -> int:
    from ..document.cli import write_output
    from .template import build_template

    found = _outline(args)
    if found is None:
        return 2
    _, _, outline = found
    target = Path(args.ut) if args.ut else Path(f"kommentarskjema-{args.utgave}.xlsx")
    if not write_output(target, build_template(outline)):
        return 2
    sys.stdout.write(cli_message("mal-skrevet", fil=str(target), antall=len(outline.places())) + "\n")
    return 0


def format_finding(finding) -> str:
    from ..neutral import visible

    line = f"{visible(finding.file or '')}: {finding.level} [{finding.rule}] {finding.message}"
    if finding.hint:
        line += f"\n    {finding.hint}"
    return line


def run_les(args: argparse.Namespace) -> int:
    from ..findings import FEIL
    from ..loading import load_repository
    from .importer import import_workbook
    from .report import comments_for

    found = _outline(args)
    if found is None:
        return 2
    root, _, outline = found
    path = Path(args.fil)
    if not path.is_file():
        say("kommentarfil-mangler", fil=args.fil)
        return 2
    started = time.perf_counter()
    current = load_repository(root)
    existing = [r.data for r in comments_for(current, args.utgave)]
    try:
        result = import_workbook(root, path, args.utgave, args.fra, outline, existing, dry_run=args.prov)
    except OSError as error:
        say("kommentarer-kan-ikke-skrives", grunn=str(error))
        return 2
    findings = result.all_findings()
    for finding in findings:
        sys.stdout.write(format_finding(finding) + "\n")
    errors = sum(f.level == FEIL for f in findings)
    for sheet in result.sheets:
        if not sheet.ok:
            line = cli_message("ark-ikke-importert", ark=sheet.name)
        elif sheet.duplicates:
            line = cli_message("ark-importert-kjente", ark=sheet.name, nye=len(sheet.rows), kjente=sheet.duplicates)
        else:
            line = cli_message("ark-importert", ark=sheet.name, nye=len(sheet.rows))
        sys.stdout.write(line + "\n")
    if result.written:
        sys.stdout.write(cli_message("kommentarer-skrevet", antall=len(result.written), utgave=args.utgave,
                                     forste=result.written[0], siste=result.written[-1],
                                     sekunder=f"{time.perf_counter() - started:.1f}") + "\n")
    elif args.prov and not errors:
        sys.stdout.write(cli_message("kommentarer-provd") + "\n")
    return 1 if errors else 0


def run_rapport(args: argparse.Namespace) -> int:
    from ..document.cli import write_output
    from ..loading import load_repository
    from . import report

    found = _outline(args)
    if found is None:
        return 2
    root, _, outline = found
    comments = report.comments_for(load_repository(root), args.utgave)
    if args.format == "xlsx":
        target = Path(args.ut) if args.ut else Path(f"kommentarbehandling-{args.utgave}.xlsx")
        if not write_output(target, report.build_xlsx(outline, comments)):
            return 2
        sys.stdout.write(cli_message("rapport-skrevet", fil=str(target), antall=len(comments)) + "\n")
        return 0
    data = report.summary(outline, comments)
    formatter = {"text": report.format_text, "markdown": report.format_markdown, "json": report.format_json}
    sys.stdout.write(formatter[args.format](data))
    return 0
