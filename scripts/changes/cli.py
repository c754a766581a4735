"""`krav endringer BASE [HEAD]`: what a change does to the standard (this module prints).

Exit codes: 0 no errors, 1 a record that existed in BASE is deleted (ids are permanent), 2 usage
error, git missing, or BASE/HEAD unknown to git (one Norwegian line says what to do).
"""

from __future__ import annotations

import argparse
from pathlib import Path

FORMATS = ("text", "markdown", "json", "github")

# Why git could not answer (git.GitError.reason) -> the catalogue's command-line message.
_GIT_MESSAGES = {"git-mangler": "endringer-git-mangler", "ikke-git": "endringer-ikke-git",
                 "ukjent-revisjon": "endringer-ukjent-revisjon", "git-feil": "endringer-git-feil"}


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
    from ..console import append_step_summary, out, say
    from . import GitError, compare_revisions, render

    if args.sti is not None and not Path(args.sti).is_dir():
        say("mappe-finnes-ikke", sti=args.sti)
        return 2
    root = gate.find_root(args.sti)
    try:
        report = compare_revisions(root, args.base, args.head, findings=not args.uten_funn)
    except GitError as error:
        ref = args.base
        if error.reason == "ukjent-revisjon" and error.detail and error.detail != args.base:
            ref = error.detail
        say(_GIT_MESSAGES.get(error.reason, "endringer-git-feil"), sti=str(root), ref=ref, detalj=error.detail[:200])
        return 2
    if args.format == "json":
        out(render.as_json(report))
    elif args.format == "markdown":
        out(render.markdown(report))
    elif args.format == "github":  # deletions and new findings as annotations, the report as step summary
        from ..report import format_github

        out(format_github(report.error_findings() + report.introduced))
        args.sammendrag = True
    else:
        out(render.text(report))
    if args.sammendrag:
        append_step_summary(render.markdown(report, marker=False, limit=render.SUMMARY_LIMIT))
    return 1 if report.errors else 0
