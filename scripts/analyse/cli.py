"""`krav analyser`: the sub-command's options and its run function (this module prints).

Modes: the full analysis (findings plus coverage summary; exit 0/1 like `krav sjekk`),
`--påvirket ID` (what rests on a source, instrument or requirement) and `--siden REF`
(requirements to review after source changes in git). `--graf FIL` writes the graph in any
mode. networkx is imported only inside run(), never when the parser is built.
"""

from __future__ import annotations

import argparse
import datetime
import json

from ..console import append_step_summary, exit_code, out, resolve_root, say
from ..messages import cli_message
from ..neutral import github_data, github_property

FORMATS = ("text", "json", "github", "markdown")
TITLE = "Resultat av krav analyser"



def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» er ikke en dato som ÅÅÅÅ-MM-DD, for eksempel 2026-01-01") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sti", nargs="?", default=None, metavar="STI",
                        help="en mappe i repositoriet (standard: repositoriet du står i)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="utdataformat (standard: text)")
    parser.add_argument("--streng", action="store_true",
                        help="la advarsler (og med --siden: bestemmelser som bør gjennomgås) gi feilstatus")
    parser.add_argument("--dato", type=_date, metavar="ÅÅÅÅ-MM-DD",
                        help="vurder hvilke lover som gjelder på denne datoen (standard: i dag)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--påvirket", dest="pavirket", metavar="ID",
                      help="vis alle bestemmelser som bygger på en lovhjemmel, et lovverk (f.eks. "
                           "LOV-2021-06-18-97), en parameter eller et krav, direkte eller via avhenger_av")
    mode.add_argument("--siden", metavar="REF",
                      help="vis bestemmelser som viser til lovhjemler endret i git siden REF, "
                           "men som ikke selv er endret")
    parser.add_argument("--graf", metavar="FIL",
                        help="skriv grafen til FIL.json (node-link) og FIL.graphml; "
                             "endelsen .json eller .graphml gir bare den ene")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.sti)
    if root is None:
        return 2
    from .. import pipeline
    from ..findings import FEIL

    repo = pipeline.load(root)
    broken = sum(f.level == FEIL for f in repo.findings)
    if broken:
        say("analyse-ufullstendig", antall=broken)
    if args.pavirket is not None:
        code = _run_affected(repo, args)
    elif args.siden is not None:
        code = _run_since(repo, args)
    else:
        code = _run_analysis(repo, args)
    if code != 2 and args.graf:
        code = max(code, _write_graph(repo, args.graf))
    return code


def _write_graph(repo, target: str) -> int:
    from . import build_graph
    from .graph import write_graph

    try:
        written = write_graph(build_graph(repo), target)
    except OSError as error:
        say("graf-feil", sti=target, grunn=str(error.strerror or error))
        return 2
    say("graf-skrevet", filer=" og ".join(f"«{p}»" for p in written))
    return 0


def _run_analysis(repo, args: argparse.Namespace) -> int:
    from .. import pipeline, report
    from .present import coverage_markdown, coverage_text

    analysis = pipeline.analyse(repo, args.dato)
    findings, coverage = analysis.findings, analysis.coverage
    if args.format == "json":
        out(report.format_json(findings, dekning=coverage))
    elif args.format == "markdown":
        out(report.format_markdown(findings, TITLE) + coverage_markdown(coverage))
    elif args.format == "github":
        out(report.format_github(findings))
        append_step_summary(report.format_markdown(findings, TITLE) + coverage_markdown(coverage))
    else:
        out(report.format_text(findings) + "\n" + coverage_text(coverage))
    return exit_code(findings, args.streng)


def _run_affected(repo, args: argparse.Namespace) -> int:
    from . import affected, build_graph
    from .impact import resolve_node
    from .present import affected_markdown, affected_text

    graph = build_graph(repo)
    start = resolve_node(graph, args.pavirket)
    if start is None:
        say("ukjent-node", id=args.pavirket)
        return 2
    rows = [{"id": ident, "status": graph.nodes[f"krav:{ident}"].get("status"),
             "tittel": graph.nodes[f"krav:{ident}"].get("title"), "sti": path}
            for ident, path in affected(graph, start)]
    if args.format == "json":
        out(json.dumps({"påvirket": {"node": start, "krav": rows}}, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        out(affected_markdown(start, rows))
    else:
        out(affected_text(start, rows))
        if args.format == "github":
            append_step_summary(affected_markdown(start, rows))
    return 0


def _run_since(repo, args: argparse.Namespace) -> int:
    from .impact import GitError, suspects_since
    from .present import since_markdown, since_text

    try:
        result = suspects_since(repo, args.siden)
    except GitError as error:
        say(error.reason, sti=str(args.sti), ref=args.siden)
        return 2
    rows = [{"id": ident, "kilder": sources} for ident, sources in result.suspects]
    if args.format == "json":
        document = {"siden": {"ref": result.ref, "endrede_kilder": result.changed_sources, "mistenkte": rows}}
        out(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        out(since_markdown(result.ref, result.changed_sources, rows))
    else:
        out(since_text(result.ref, result.changed_sources, rows))
        if args.format == "github":
            for row in rows:
                record = repo.krav[row["id"]]
                message = cli_message("lovhjemmel-endret", id=row["id"])
                out(f"::warning file={github_property(record.file)},title=lovhjemmel-endret::{github_data(message)}\n")
            append_step_summary(since_markdown(result.ref, result.changed_sources, rows))
    return 1 if (args.streng and rows) else 0
