"""Time `krav sjekk` against Doorstop and StrictDoc on the same requirements, in one run.

    python bench/peers_bench.py [--antall 10000] [--runder 3] [--dir MAPPE] [--frø 1]
    make bench-peers        # installs the two tools in venvs of their own first

The requirements come from bench/generate.py (reused from --dir like sjekk_bench.py). The
peers get the same requirements in their own formats, written once before timing:

  Doorstop   one document, one item file per requirement (its text, its title as header),
             validated with `doorstop` (the command's default: load the tree and check every
             item); run on a copy, because Doorstop may rewrite items it validates
  StrictDoc  our own `krav eksport --format reqif` converted with `strictdoc convert`, then
             `strictdoc export --formats json`: StrictDoc parses and validates the document and
             builds its traceability index (JSON is its cheapest full export)

and reports the median of --runder whole-process runs of each, beside (a) the bare YAML parse,
(f) a first `krav sjekk` (cache written) and (b) `krav sjekk --uten-mellomlager`. Peer figures
belong to the run that measured them: quote them only with the table they came from.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from sjekk_bench import bare_parse, prepare, run_timed, sjekk_command  # noqa: E402

DOORSTOP = ROOT / ".venv-doorstop" / "bin" / "doorstop"
STRICTDOC = ROOT / ".venv-strictdoc" / "bin" / "strictdoc"


def write_doorstop_tree(repo: Path, target: Path) -> int:
    """One Doorstop document (prefix REQ) with an item per requirement; a git repository,
    because Doorstop looks for the root of a working copy."""
    import yaml

    from scripts.loading import load_repository

    document = target / "reqs"
    document.mkdir(parents=True)
    (document / ".doorstop.yml").write_text("settings:\n  digits: 5\n  prefix: REQ\n  sep: '-'\n", encoding="utf-8")
    count = 0
    for number, record in enumerate(load_repository(repo).of_kind("krav"), start=1):
        item = {"active": True, "derived": False, "header": record.text("tittel") or "", "level": f"1.{number}",
                "links": [], "normative": True, "ref": "", "reviewed": None, "text": record.text("tekst") or ""}
        (document / f"REQ-{number:05d}.yml").write_text(yaml.safe_dump(item, allow_unicode=True), encoding="utf-8")
        count += 1
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    return count


def write_strictdoc_document(repo: Path, target: Path) -> Path:
    """Our ReqIF export of the repository, converted to StrictDoc's own format."""
    target.mkdir(parents=True)
    reqif = target / "standard.reqif"
    subprocess.run([sys.executable, "-m", "scripts", "eksport", "--format", "reqif", "--ut", str(reqif), str(repo)],
                   cwd=ROOT, check=True)
    converted = target / "sdoc"
    subprocess.run([str(STRICTDOC), "convert", str(reqif), str(converted)], check=True, capture_output=True)
    return converted


def median_of(rounds: int, measure) -> float:
    return statistics.median(measure() for _ in range(rounds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mål krav sjekk mot Doorstop og StrictDoc på de samme kravene.")
    parser.add_argument("--antall", type=int, default=10000, help="antall krav (standard: 10000)")
    parser.add_argument("--runder", type=int, default=3, help="antall målinger; medianen vises (standard: 3)")
    parser.add_argument("--dir", type=Path, help="mappe for det genererte repositoriet (gjenbrukes)")
    parser.add_argument("--frø", dest="seed", type=int, default=1, help="frø til generatoren (standard: 1)")
    args = parser.parse_args(argv)
    for tool, make_target in ((DOORSTOP, "bench-peers"), (STRICTDOC, "strictdoc")):
        if not tool.exists():
            print(f"{tool} mangler: kjør «make {make_target}» først", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        repo = prepare(args.dir or scratch_dir, args.antall, args.seed)
        doorstop_tree = scratch_dir / "doorstop"
        items = write_doorstop_tree(repo, doorstop_tree)
        sdoc = write_strictdoc_document(repo, scratch_dir / "strictdoc")

        def first_run() -> float:
            shutil.rmtree(repo / ".krav-cache", ignore_errors=True)
            return run_timed(sjekk_command(repo))

        def doorstop() -> float:
            copy = scratch_dir / "doorstop-kopi"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(doorstop_tree, copy)
            return run_timed_in([str(DOORSTOP)], copy)

        def strictdoc() -> float:
            out = scratch_dir / "strictdoc-ut"
            shutil.rmtree(out, ignore_errors=True)
            return run_timed([str(STRICTDOC), "export", str(sdoc), "--formats", "json", "--output-dir", str(out)])

        figures = {
            "(a) ren parsing": median_of(args.runder, lambda: bare_parse(repo)),
            "(f) krav sjekk, første": median_of(args.runder, first_run),
            "(b) krav sjekk --uten-mellomlager": median_of(args.runder, lambda: run_timed(sjekk_command(repo, "--uten-mellomlager"))),
            "Doorstop (doorstop)": median_of(args.runder, doorstop),
            "StrictDoc (export --formats json)": median_of(args.runder, strictdoc),
        }
    print(f"Maskin: {os.cpu_count()} kjerner, Python {platform.python_version()}, {platform.system()} {platform.machine()}")
    print(f"Kommando: python bench/peers_bench.py {' '.join(argv if argv is not None else sys.argv[1:])}")
    print(f"{args.antall} krav ({items} Doorstop-elementer), median av {args.runder} runder, sekunder.\n")
    first = figures["(f) krav sjekk, første"]
    print("| | sekunder | × (f) |\n|---|---:|---:|")
    for name, seconds in figures.items():
        print(f"| {name} | {seconds:.2f} | {seconds / first:.1f} |")
    return 0


def run_timed_in(command: list[str], cwd: Path) -> float:
    """run_timed in another folder (Doorstop finds its tree from the working directory)."""
    here = os.getcwd()
    os.chdir(cwd)
    try:
        return run_timed(command)
    finally:
        os.chdir(here)


if __name__ == "__main__":
    sys.exit(main())
