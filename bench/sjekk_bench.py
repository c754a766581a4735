"""Time `krav sjekk` against a bare YAML parse of the same files.

    python bench/sjekk_bench.py [--antall 1000 10000] [--runder 5] [--dir MAPPE] [--frø 1]

For each size it generates a synthetic repository (bench/generate.py; into a temporary folder,
or into --dir, where an existing one of the right size and seed is reused) and reports the
median of --runder runs of:

  (a)  bare parse: read every .yaml file and yaml.load(text, Loader=yaml.CSafeLoader), as a
       whole process (python -c, interpreter start-up and the yaml import included, like (b))
  (f)  `krav sjekk` first run: cache folder removed first, so the cache is written
  (b)  `krav sjekk --uten-mellomlager`, cold: a fresh process, so imports count
  (c)  `krav sjekk` with a warm cache and nothing changed
  (c') `krav sjekk` after `touch` on one file (content unchanged: still a cache hit)
  (d)  `krav sjekk` after changing one file's content (the file is loaded again, rules rerun)

and the ratios to (a). Every run of (b)-(f) is a fresh `python -m scripts sjekk` process; all
figures of one table come from the same run on the same machine.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BARE_PARSE = """
import os, sys, time, yaml
root = sys.argv[1]
start = time.perf_counter()
for top in ("krav", "lovhjemler", "mandat"):
    for folder, _, names in os.walk(os.path.join(root, top)):
        for name in names:
            if name.endswith(".yaml"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    yaml.load(handle.read(), Loader=yaml.CSafeLoader)
print(time.perf_counter() - start)
"""


def sjekk_command(root: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "scripts", "sjekk", *extra, str(root)]


def run_timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"kommandoen feilet ({done.returncode}): {' '.join(command)}\n{done.stderr}")
    return elapsed


def bare_parse(root: Path) -> float:
    """Whole-process time of the bare parse (the same footing as a `krav sjekk` process)."""
    return run_timed([sys.executable, "-c", BARE_PARSE, str(root)])


def prepare(base: Path, count: int, seed: int) -> Path:
    """The repository for `count` requirements, generated unless an identical one exists."""
    root = base / f"krav-{count}-frø{seed}"
    marker = root / ".generert"
    # The generator's own source is part of the marker: a changed generator regenerates.
    stamp = f"{count} {seed} {hashlib.blake2b((HERE / 'generate.py').read_bytes(), digest_size=8).hexdigest()}\n"
    if not marker.exists() or marker.read_text(encoding="utf-8") != stamp:
        generate(root, count, seed)
        marker.write_text(stamp, encoding="utf-8")
    return root


def measure(root: Path, rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {"a": [], "f": [], "b": [], "c": [], "c'": [], "d": []}
    victim = next((root / "krav" / "internkontroll").glob("*.yaml"))
    original = victim.read_bytes()
    try:
        subprocess.run(sjekk_command(root), stdout=subprocess.DEVNULL, check=False)  # fill the cache
        for index in range(rounds):
            times["a"].append(bare_parse(root))
            shutil.rmtree(root / ".krav-cache", ignore_errors=True)
            times["f"].append(run_timed(sjekk_command(root)))
            time.sleep(2)  # let the background cache write finish before the next measurement
            times["b"].append(run_timed(sjekk_command(root, "--uten-mellomlager")))
            times["c"].append(run_timed(sjekk_command(root)))
            os.utime(victim)
            times["c'"].append(run_timed(sjekk_command(root)))
            # A new comment each round: the content changes, the record stays valid.
            victim.write_bytes(original + f"# endring {index} {time.time_ns()}\n".encode())
            times["d"].append(run_timed(sjekk_command(root)))
    finally:
        victim.write_bytes(original)
    return {key: statistics.median(values) for key, values in times.items()}


def machine() -> str:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    return f"{cores} kjerner (nproc), Python {platform.python_version()}, {platform.system()} {platform.machine()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mål hvor raskt krav sjekk er, sammenlignet med ren YAML-lesing.")
    parser.add_argument("--antall", type=int, nargs="+", default=[1000, 10000], help="antall krav (standard: 1000 10000)")
    parser.add_argument("--runder", type=int, default=5, help="antall målinger per tall; medianen vises (standard: 5)")
    parser.add_argument("--dir", help="mappe for de genererte repositoriene (gjenbrukes); standard: en midlertidig mappe")
    parser.add_argument("--frø", dest="seed", type=int, default=1, help="frø til generatoren (standard: 1)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="krav-bench-") as temp:
        base = Path(args.dir) if args.dir else Path(temp)
        base.mkdir(parents=True, exist_ok=True)
        print(f"Maskin: {machine()}")
        print(f"Kommando: python bench/sjekk_bench.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
        print(f"Median av {args.runder} runder, sekunder.\n")
        header = (f"| {'krav':>6} | {'filer':>6} | (a) ren parsing | (f) første | (b) uten mellomlager | (c) varm "
                  f"| (c') touch | (d) én fil endret | (f)/(a) | (c)/(a) | (d)/(a) |")
        print(header)
        print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
        for count in args.antall:
            root = prepare(base, count, args.seed)
            files = sum(1 for _ in root.rglob("*.yaml"))
            m = measure(root, args.runder)
            touched = m["c'"]
            print(f"| {count:>6} | {files:>6} | {m['a']:>15.2f} | {m['f']:>10.2f} | {m['b']:>20.2f} | {m['c']:>8.2f} | "
                  f"{touched:>10.2f} | {m['d']:>17.2f} | {m['f'] / m['a']:>7.2f} | {m['c'] / m['a']:>7.2f} | "
                  f"{m['d'] / m['a']:>7.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
