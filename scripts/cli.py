"""The `krav` command line. The only module that reads argv, prints or sets exit codes.

Exit codes: 0 no errors (warnings allowed unless --streng), 1 errors found, 2 usage error
or internal error (never a traceback for bad input).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import report
from .findings import ADVARSEL, FEIL, Finding

FORMATS = ("text", "json", "github", "markdown")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's default is English and exits 2
        self.print_usage(sys.stderr)
        sys.stderr.write(f"krav: feil i kommandoen: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="krav", description="Verktøy for standarden for barnevernsinstitusjoner.")
    sub = parser.add_subparsers(dest="kommando", metavar="KOMMANDO", parser_class=_Parser)
    sjekk = sub.add_parser("sjekk", help="kontroller alle poster mot skjemaene og reglene")
    sjekk.add_argument("sti", nargs="?", default=".", metavar="STI", help="repositoriets rot (standard: .)")
    sjekk.add_argument("--format", choices=FORMATS, default="text", help="utdataformat (standard: text)")
    sjekk.add_argument("--streng", action="store_true", help="la advarsler også gi feilstatus")
    sjekk.add_argument("--uten-mellomlager", action="store_true", help="ikke bruk eller skriv mellomlageret")
    try:
        from .analyse import cli as analyse_cli  # added by the graph builder
    except ImportError:
        analyse_cli = None
    if analyse_cli is not None:
        analyse_cli.add_arguments(sub.add_parser("analyser", help="finn hull, motstrid og påvirkning i standarden"))
    return parser


def emit(findings: list[Finding], fmt: str, title: str) -> None:
    if fmt == "json":
        sys.stdout.write(report.format_json(findings))
    elif fmt == "github":
        sys.stdout.write(report.format_github(findings))
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(report.format_markdown(findings, title))
    elif fmt == "markdown":
        sys.stdout.write(report.format_markdown(findings, title))
    else:
        sys.stdout.write(report.format_text(findings))


def exit_code(findings: list[Finding], strict: bool) -> int:
    levels = {f.level for f in findings}
    if FEIL in levels or (strict and ADVARSEL in levels):
        return 1
    return 0


def run_sjekk(args: argparse.Namespace) -> int:
    root = Path(args.sti)
    if not root.is_dir():
        sys.stderr.write(f"krav: finner ikke mappen «{args.sti}».\n")
        return 2
    from .cache import checked_findings

    findings = checked_findings(root, use_cache=not args.uten_mellomlager)
    emit(findings, args.format, "Resultat av krav sjekk")
    return exit_code(findings, args.streng)


def main(argv: list[str] | None = None) -> int:
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
        sys.stderr.write(f"krav: intern feil i verktøyet ({type(error).__name__}: {error}). "
                         "Meld fra til redaksjonen; dette skyldes ikke postene dine.\n")
        return 2
