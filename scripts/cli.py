"""The `krav` command line. The only module that reads argv, prints or sets exit codes.

Exit codes: 0 no errors (warnings allowed unless --streng), 1 errors found, 2 usage error
or internal error (never a traceback for bad input).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys

from . import gate, pipeline, report
from .console import append_step_summary, exit_code, out, resolve_root, say, setup_streams
from .document import cli as document_cli
from .messages import cli_message
from .findings import Finding
from .vocabulary import TYPES

FORMATS = ("text", "json", "github", "markdown")


# argparse's own words, in bokmål (argparse looks them up through its module-level `_`).
_ARGPARSE_NB = {
    "usage: ": "bruk: ",
    "positional arguments": "argumenter",
    "options": "valg",
    "show this help message and exit": "vis denne hjelpen og avslutt",
    "unrecognized arguments: %s": "ukjente argumenter: %s",
    "the following arguments are required: %s": "disse argumentene mangler: %s",
    "expected one argument": "forventet én verdi",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldig valg: %(value)r (velg blant %(choices)s)",
    "invalid %(type)s value: %(value)r": "ugyldig verdi: %(value)r",
}
argparse._ = lambda text: _ARGPARSE_NB.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's default exits 2 too; we say it in bokmål
        self.print_usage(sys.stderr)
        say("kommando-feil", melding=message)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="krav", description="Verktøy for standarden for barnevernsinstitusjoner.")
    sub = parser.add_subparsers(dest="kommando", metavar="KOMMANDO", parser_class=_Parser)
    sjekk = sub.add_parser("sjekk", help="kontroller alle poster mot skjemaene og reglene")
    sjekk.add_argument("sti", nargs="?", default=None, metavar="STI",
                       help="repositoriets rot (standard: repositoriet du står i)")
    sjekk.add_argument("--format", choices=FORMATS, default="text", help="utdataformat (standard: text)")
    sjekk.add_argument("--streng", action="store_true", help="la advarsler også gi feilstatus")
    sjekk.add_argument("--uten-mellomlager", action="store_true", help="ikke bruk eller skriv mellomlageret")
    ny = sub.add_parser("ny", help="lag et nytt krav med neste ledige id i et område")
    ny.add_argument("omrade", metavar="OMRÅDE", help="områdets id, for eksempel internkontroll")
    ny.add_argument("--type", choices=TYPES, default="krav",
                    help="hva slags bestemmelse (standard: krav)")
    ny.add_argument("--sti", default=None, help="repositoriets rot (standard: repositoriet du står i)")
    ny.set_defaults(run=run_ny)
    from .analyse import cli as analyse_cli

    analyse_cli.add_arguments(sub.add_parser("analyser", help="finn hull, motstrid og påvirkning i standarden"))
    from .selfassessment import cli as egenkontroll_cli  # issue 13: self-assessment forms
    egenkontroll_cli.add_arguments(sub.add_parser("egenkontroll", help="skjema for egenkontroll, sammenligning og samsvarsmatrise"))
    from .changes import cli as changes_cli  # issue 11: the change report
    changes_cli.add_arguments(sub.add_parser("endringer", help="vis hva som endres i standarden mellom to revisjoner"))
    from . import utgave; utgave.add_arguments(sub.add_parser("utgave", help="publiser et utkast (komitéutkast, høring, fastsatt)"))  # noqa: E702
    document_cli.register(sub)  # krav dokument, krav kommentarer (issue 12)
    from .export import cli as export_cli; export_cli.add_arguments(sub.add_parser("eksport", help="eksporter standarden som JSON, CSV, XLSX eller ReqIF"))  # noqa: E702
    return parser


def emit(findings: list[Finding], fmt: str, title: str) -> None:
    if fmt == "json":
        out(report.format_json(findings))
    elif fmt == "github":
        out(report.format_github(findings))
        append_step_summary(report.format_markdown(findings, title))
    elif fmt == "markdown":
        out(report.format_markdown(findings, title))
    else:
        out(report.format_text(findings))


def run_sjekk(args: argparse.Namespace) -> int:
    root = resolve_root(args.sti)
    if root is None:
        return 2
    findings = pipeline.check(root, use_cache=not args.uten_mellomlager)
    from .changes.history import reuse_findings  # ids re-used after a deletion (git history; none without git)

    findings = sorted([*findings, *reuse_findings(root)], key=Finding.sort_key)
    emit(findings, args.format, "Resultat av krav sjekk")
    return exit_code(findings, args.streng)


def run_ny(args: argparse.Namespace) -> int:
    from .messages import forslag, oppramsing
    from .scaffold import new_record_text, next_id, record_path

    root = resolve_root(args.sti)
    if root is None:
        return 2
    repo = pipeline.load(root)
    area = repo.areas.get(args.omrade)
    if area is None or not isinstance(area.get("prefiks"), str):
        say("ukjent-omrade", omrade=args.omrade, forslag=forslag(args.omrade, repo.areas),
            omrader=oppramsing(repo.areas, limit=20))
        return 2
    from .changes.history import id_history  # ids used by files since deleted are never given again

    ident = next_id(repo, args.omrade, id_history(root).used)
    path = record_path(root, args.omrade, ident)
    folder = gate.writable_dir(root, path.parent.relative_to(root).as_posix())
    if folder is None:  # a folder that is a link out of the repository is never written to
        say("kan-ikke-skrive-mappe", sti=path.parent.relative_to(root).as_posix())
        return 2
    try:
        with open(folder / path.name, "x", encoding="utf-8") as handle:  # "x": never overwrite what someone wrote
            handle.write(new_record_text(ident, args.omrade, args.type))
    except FileExistsError:
        say("finnes-allerede", sti=str(path))
        return 2
    out(cli_message("opprettet", sti=path.relative_to(root).as_posix(), id=ident) + "\n")
    return 0


def run() -> None:
    """The `krav` command and `python -m scripts`: main(), then leave at once.

    A check holds hundreds of thousands of small objects, and tearing them down one by one at
    interpreter exit took 0.15 s of a 1.7 s first `krav sjekk` at 10,000 requirements. So the
    process ends with os._exit once its output is flushed: nothing else is pending (files are
    written inside `with` blocks, the cache by a forked child, and no exit handlers are
    registered). A host calling main() in-process (the tests) is not affected."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): nothing more can be said
            pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    setup_streams()
    # A command runs for seconds and builds hundreds of thousands of small objects without
    # reference cycles: the cyclic garbage collector would only sweep them again and again
    # (about a tenth of a first `krav sjekk` at 10,000 records). It is switched back on when
    # the command returns, so a host calling main() in-process (the tests) keeps it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv)
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.kommando is None:
        parser.print_help()
        return 2
    try:
        if args.kommando == "sjekk":
            return run_sjekk(args)
        return args.run(args)
    except KeyboardInterrupt:
        return 2
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug in the tool, not in the records: one line, exit 2
        say("intern-feil", type=type(error).__name__, feil=str(error))
        return 2
