"""`krav egenkontroll skjema | sammenlign | samsvar`: argument wiring and output.

Exit codes as for the other commands: 0 done, 1 a form could not be read (every problem is
listed, in Norwegian, with sheet, row and column), 2 usage error (unknown area or choice, a file
that would be overwritten).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..console import err, out, say
from ..messages import cli_message

FORM_FORMATS = ("xlsx", "json", "csv")
REPORT_FORMATS = ("text", "markdown", "xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="egenkontroll", metavar="HANDLING", parser_class=type(parser))
    parser.set_defaults(run=lambda args: _usage(parser))

    skjema = sub.add_parser("skjema", help="skriv et skjema for egenkontroll (XLSX, JSON eller CSV)")
    skjema.add_argument("--område", dest="omrader", action="append", default=[], metavar="OMRÅDE",
                        help="bare dette området (kan gjentas; standard: alle)")
    skjema.add_argument("--gjelder", default="", metavar="VALG",
                        help="bare bestemmelser som gjelder for, for eksempel «eierform=kommunal,institusjonstype=akutt»")
    skjema.add_argument("--format", choices=FORM_FORMATS, default=None,
                        help="filformat (standard: etter endelsen på --ut, ellers xlsx)")
    skjema.add_argument("--ut", default=None, metavar="FIL", help="filen som skrives (standard: egenkontroll.xlsx)")
    skjema.add_argument("--overskriv", action="store_true", help="skriv over FIL hvis den finnes")
    _root_option(skjema)
    skjema.set_defaults(run=run_skjema)

    sammenlign = sub.add_parser("sammenlign", help="sammenlign to utfylte skjemaer (FØR og ETTER)")
    sammenlign.add_argument("for_", metavar="FØR", help="skjemaet fra forrige runde")
    sammenlign.add_argument("etter", metavar="ETTER", help="skjemaet fra denne runden")
    _report_options(sammenlign)
    sammenlign.set_defaults(run=run_sammenlign)

    samsvar = sub.add_parser("samsvar", help="skriv samsvarsmatrisen for et utfylt skjema")
    samsvar.add_argument("fil", metavar="FIL", help="det utfylte skjemaet")
    _report_options(samsvar)
    samsvar.set_defaults(run=run_samsvar)


def _root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sti", default=None, help="repositoriets rot (standard: repositoriet du står i)")


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=REPORT_FORMATS, default="text", help="utdataformat (standard: text)")
    parser.add_argument("--ut", default=None, metavar="FIL", help="skriv til FIL i stedet for til skjermen "
                        "(påkrevd for xlsx)")
    parser.add_argument("--overskriv", action="store_true", help="skriv over FIL hvis den finnes")
    _root_option(parser)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _repository(given: str | None):
    from ..console import resolve_root
    from ..loading import load_repository

    root = resolve_root(given)
    return None if root is None else load_repository(root)


def _write(path: str, data: bytes, overwrite: bool) -> bool:
    """Write a file the user named (atomically); never over an existing file without --overskriv."""
    target = Path(path)
    if target.is_dir():
        say("ut-er-mappe", sti=path)
        return False
    if (target.exists() or target.is_symlink()) and not overwrite:
        say("ut-finnes", sti=path)
        return False
    if not target.parent.is_dir():
        say("ut-mappe-mangler", sti=str(target.parent))
        return False
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        say("ut-kan-ikke-skrive", sti=path, grunn=str(error.strerror or error))
        return False
    return True


def run_skjema(args: argparse.Namespace) -> int:
    from ..applicability import SelectionError, parse_selection
    from ..messages import forslag, oppramsing
    from ..vocabulary import plural
    from .form import blank_form, to_csv, to_json

    repo = _repository(args.sti)
    if repo is None:
        return 2
    if repo.mandat is None:
        say("egenkontroll-ingen-standard", rot=str(repo.root))
        return 2
    for area in args.omrader:
        if area not in repo.areas:
            say("ukjent-omrade", omrade=area, forslag=forslag(area, repo.areas), omrader=oppramsing(repo.areas, limit=20))
            return 2
    try:
        selection = parse_selection(args.gjelder, repo)
    except SelectionError as error:
        say("egenkontroll-ugyldig-valg", melding=str(error))
        return 2
    suffix = Path(args.ut).suffix.lower().lstrip(".") if args.ut else ""
    fmt = args.format or (suffix if suffix in FORM_FORMATS else "xlsx")
    if suffix in FORM_FORMATS and suffix != fmt:  # a .xlsx file holding CSV would not open
        say("egenkontroll-feil-endelse", sti=args.ut, endelse=suffix, format=fmt)
        return 2
    path = args.ut or f"egenkontroll.{fmt}"
    form = blank_form(repo, repo.root, dict.fromkeys(args.omrader), selection)
    if fmt == "xlsx":
        from .xlsx import write_form

        data = write_form(form)
    elif fmt == "json":
        data = to_json(form).encode("utf-8")
    else:
        data = to_csv(form)
    if not _write(path, data, args.overskriv):
        return 2
    out(cli_message("egenkontroll-skrevet", sti=path, antall=plural(len(form.rows), "bestemmelse", "bestemmelser"),
                    standard=form.standard.label()) + "\n")
    return 0


def _read(path: str, repo) -> object | None:
    from ..vocabulary import FEIL, format_number
    from .read import read_form

    reading = read_form(path, repo)
    for problem in reading.problems:
        err(problem.format())
    if not reading.ok:
        count = sum(1 for p in reading.problems if p.level == FEIL)
        say("egenkontroll-kan-ikke-brukes", sti=path, antall=format_number(count))
        return None
    return reading.form


def _emit(args: argparse.Namespace, text: str | None, data: bytes | None) -> int:
    if args.format == "xlsx":
        if not args.ut:
            say("egenkontroll-xlsx-trenger-ut")
            return 2
        return 0 if _write(args.ut, data, args.overskriv) else 2
    if args.ut:
        return 0 if _write(args.ut, text.encode("utf-8"), args.overskriv) else 2
    out(text)
    return 0


def run_sammenlign(args: argparse.Namespace) -> int:
    from . import report

    repo = _repository(args.sti)
    if repo is None:
        return 2
    before, after = _read(args.for_, repo), _read(args.etter, repo)
    if before is None or after is None:
        return 1
    if before.standard.tittel != after.standard.tittel:
        from .read import _Collector

        problems = _Collector(args.etter)
        problems.add("egenkontroll-ulike-standarder", for_=before.standard.tittel, etter=after.standard.tittel)
        err(problems.problems[0].format())
        return 1
    changes = report.compare(before, after)
    if args.format == "xlsx":
        return _emit(args, None, report.compare_xlsx(before, after, changes))
    render = report.compare_markdown if args.format == "markdown" else report.compare_text
    return _emit(args, render(before, after, changes), None)


def run_samsvar(args: argparse.Namespace) -> int:
    from . import report

    repo = _repository(args.sti)
    if repo is None:
        return 2
    form = _read(args.fil, repo)
    if form is None:
        return 1
    entries = report.matrix(form)
    if args.format == "xlsx":
        return _emit(args, None, report.matrix_xlsx(form, entries))
    render = report.matrix_markdown if args.format == "markdown" else report.matrix_text
    return _emit(args, render(form, entries), None)
