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
        sys.stderr.write(f"krav: feil i kommandoen: {message}\n")
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
    ny.add_argument("--type", choices=("krav", "anbefaling", "tillatelse"), default="krav",
                    help="hva slags bestemmelse (standard: krav)")
    ny.add_argument("--sti", default=None, help="repositoriets rot (standard: repositoriet du står i)")
    ny.set_defaults(run=run_ny)
    try:
        from .analyse import cli as analyse_cli  # added by the graph builder
    except ImportError:
        analyse_cli = None
    if analyse_cli is not None:
        analyse_cli.add_arguments(sub.add_parser("analyser", help="finn hull, motstrid og påvirkning i standarden"))
    from .selfassessment import cli as egenkontroll_cli  # issue 13: self-assessment forms
    egenkontroll_cli.add_arguments(sub.add_parser("egenkontroll", help="skjema for egenkontroll, sammenligning og samsvarsmatrise"))
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


def default_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder at or above `start` that has mandat/ or krav/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mandat").is_dir() or (folder / "krav").is_dir():
            return folder
    return here


def resolve_root(given: str | None) -> Path | None:
    """The folder to work on, or None (after saying why) when it does not exist."""
    if given is None:
        return default_root()
    root = Path(given)
    if not root.is_dir():
        sys.stderr.write(f"krav: finner ikke mappen «{given}».\n")
        return None
    return root


def run_sjekk(args: argparse.Namespace) -> int:
    root = resolve_root(args.sti)
    if root is None:
        return 2
    from .cache import checked_findings

    findings = checked_findings(root, use_cache=not args.uten_mellomlager)
    emit(findings, args.format, "Resultat av krav sjekk")
    return exit_code(findings, args.streng)


def run_ny(args: argparse.Namespace) -> int:
    from .messages import forslag, oppramsing
    from .loading import load_repository
    from .scaffold import new_record_text, next_id, record_path

    root = resolve_root(args.sti)
    if root is None:
        return 2
    repo = load_repository(root)
    area = repo.areas.get(args.omrade)
    if area is None or not isinstance(area.get("prefiks"), str):
        sys.stderr.write(f"krav: «{args.omrade}» er ikke et område i mandatet.{forslag(args.omrade, repo.areas)} "
                         f"Områdene er {oppramsing(repo.areas, limit=20)}.\n")
        return 2
    ident = next_id(repo, args.omrade)
    path = record_path(root, args.omrade, ident)
    if path.exists():  # never overwrite what someone wrote
        sys.stderr.write(f"krav: {path} finnes allerede; ingenting er endret.\n")
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new_record_text(ident, args.omrade, args.type), encoding="utf-8")
    sys.stdout.write(f"Opprettet {path.relative_to(root).as_posix()} ({ident}). Fyll inn feltene og kjør «make check».\n")
    return 0


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
