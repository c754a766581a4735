"""Time `krav analyser` on a synthetic repository: loading and analysis measured separately.

    python bench/analyse_bench.py [--antall 10000] [--runder 5] [--dir MAPPE] [--frø 1]

Generates the repository with bench/generate.py (into a temporary folder, or into --dir,
reused when it already holds the right number of requirements), then reports the median of
--runder rounds, all inside one process (interpreter start-up and imports excluded):

  load      load_repository(): discover, parse and schema-check every file
  analyse   analyse_repository(): every analysis rule, resolving finding lines, coverage
  per rule  each analysis rule on its own (the overlap search is one of them)
  graph     build_graph(): only built when asked for (--graf, --påvirket, the site)
  cli       one fresh `python -m scripts analyser` process end to end (imports included)

The in-process figures are taken with the cyclic garbage collector paused, as the CLI runs
(scripts/cli.py): with it on, its sweeps over a growing heap made rules look superlinear
(find_cycles 0.13 s instead of 0.08 s at 30,000) although they are not.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402

from scripts.analyse import analyse_repository, build_graph  # noqa: E402
from scripts.analyse.engine import Context  # noqa: E402
from scripts.analyse.rules import RULES  # noqa: E402
from scripts.loading import load_repository  # noqa: E402
from sjekk_bench import bare_parse  # noqa: E402

DATO = datetime.date(2026, 6, 1)


def timed(func) -> tuple[float, object]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def prepare(folder: Path, count: int, seed: int) -> Path:
    marker = folder / f".bench-{count}-{seed}"
    if not marker.exists():
        generate(folder, count, seed)
        marker.touch()
    return folder


def bench(root: Path, rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        times.setdefault(name, []).append(seconds)

    gc.disable()  # as the CLI does; collected between rounds so the rounds start alike
    for _ in range(rounds):
        gc.collect()
        seconds, repo = timed(lambda: load_repository(root))
        add("load", seconds)
        seconds, analysis = timed(lambda: analyse_repository(repo, DATO))
        add("analyse", seconds)
        ctx = Context(repo, DATO)
        for registered in RULES:
            add(f"  {registered.func.__name__}", timed(lambda: list(registered.func(ctx)))[0])
        add("graph", timed(lambda: build_graph(repo))[0])
        command = [sys.executable, "-m", "scripts", "analyser", "--dato", DATO.isoformat(), str(root)]
        add("cli", timed(lambda: subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=False))[0])
        # The same whole-process baseline as bench/sjekk_bench.py, in the same round.
        add("bare parse (process)", bare_parse(root))
    gc.enable()
    print(f"findings: {len(analysis.findings)}")
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mål tiden krav analyser bruker.")
    parser.add_argument("--antall", type=int, default=10000, help="antall krav (standard: 10000)")
    parser.add_argument("--runder", type=int, default=5, help="antall runder; medianen rapporteres (standard: 5)")
    parser.add_argument("--dir", type=Path, help="mappe for det syntetiske repositoriet (gjenbrukes)")
    parser.add_argument("--frø", dest="seed", type=int, default=1, help="frø for generatoren (standard: 1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        root = prepare(args.dir or Path(scratch) / "repo", args.antall, args.seed)
        print(f"{args.antall} krav, median av {args.runder} runder, Python {platform.python_version()}, "
              f"{os.cpu_count()} kjerner")
        results = bench(root, args.runder)
        for name, seconds in results.items():
            print(f"{name:32s} {seconds * 1000:8.0f} ms")
        # The CLI figure uses the check's per-file cache when `krav sjekk` ran before (it does
        # in this script only if the folder was checked); the ratio is to the bare parse.
        print(f"{'cli / bare parse':32s} {results['cli'] / results['bare parse (process)']:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
