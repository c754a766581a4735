"""`krav endringer BASE [HEAD]`: what a change does to the standard (this module prints).

Exit codes: 0 no errors, 1 a record that existed in BASE is deleted (ids are permanent), 2 usage
error, git missing, or BASE/HEAD unknown to git (one Norwegian line says what to do).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

FORMATS = ("text", "markdown", "json", "github")

_GIT_MESSAGES = {
    "git-mangler": "krav: fant ikke programmet «git»; «krav endringer» leser revisjonene fra git.",
    "ikke-git": "krav: «{sti}» er ikke i et git-repositorium, så det finnes ingen revisjoner å sammenligne.",
    "ukjent-revisjon": "krav: git har ikke revisjonen «{ref}»; hent den først (for eksempel «git fetch origin {ref}»; "
                       "en grunn klone i CI trenger «git fetch --depth=1 origin {ref}»), eller oppgi en commit, gren eller tagg som finnes.",
    "git-feil": "krav: git kunne ikke lese revisjonen ({detalj}).",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Vis hva som endres i standarden fra BASE til HEAD: nye, endrede, trukne og slettede "
                          "bestemmelser, kilder, termer, områder og mål, med skjerpede og svekkede krav, endrede "
                          "grenser og hjemler, og funn som kommer til eller forsvinner.")
    parser.add_argument("base", metavar="BASE", help="revisjonen det sammenlignes med, for eksempel main eller HEAD~1")
    parser.add_argument("head", metavar="HEAD", nargs="?", default=None,
                        help="revisjonen med endringene (standard: filene slik de er nå, også det som ikke er lagret i git)")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="utdataformat (standard: text); github gir merknader for slettede poster og nye funn, "
                             "og rapporten i sammendraget")
    parser.add_argument("--sti", default=None, help="repositoriets rot (standard: repositoriet du står i)")
    parser.add_argument("--uten-funn", dest="uten_funn", action="store_true",
                        help="ikke sammenlign funn fra sjekk og analyse (raskere)")
    parser.add_argument("--sammendrag", action="store_true",
                        help="legg også rapporten i Markdown til i GitHubs sammendrag ($GITHUB_STEP_SUMMARY)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .. import gate
    from . import GitError, compare_revisions, render

    if args.sti is not None and not Path(args.sti).is_dir():
        sys.stderr.write(f"krav: finner ikke mappen «{args.sti}».\n")
        return 2
    root = gate.find_root(args.sti)
    try:
        report = compare_revisions(root, args.base, args.head, findings=not args.uten_funn)
    except GitError as error:
        ref = args.base
        if error.reason == "ukjent-revisjon" and error.detail and error.detail != args.base:
            ref = error.detail
        template = _GIT_MESSAGES.get(error.reason, _GIT_MESSAGES["git-feil"])
        from ..neutral import visible

        sys.stderr.write(template.format(sti=visible(root), ref=visible(ref), detalj=visible(error.detail[:200])) + "\n")
        return 2
    if args.format == "json":
        sys.stdout.write(render.as_json(report))
    elif args.format == "markdown":
        sys.stdout.write(render.markdown(report))
    elif args.format == "github":  # deletions and new findings as annotations, the report as step summary
        from ..report import format_github

        sys.stdout.write(format_github(report.error_findings() + report.introduced))
        args.sammendrag = True
    else:
        sys.stdout.write(render.text(report))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.sammendrag and summary_path:
        with open(summary_path, "a", encoding="utf-8") as handle:
            handle.write(render.markdown(report, marker=False, limit=render.SUMMARY_LIMIT))
    return 1 if report.errors else 0
