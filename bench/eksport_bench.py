"""Time `krav eksport` in every format on a synthetic repository (target: each under 10 s).

    python bench/eksport_bench.py [--antall 10000] [--runder 3] [--dir MAPPE] [--frø 1]

Generates the repository with bench/generate.py (into a temporary folder, or into --dir,
reused when it already holds the right number of requirements), then reports the median of
--runder rounds:

  load          load_repository() once (shared by every format in one process)
  model         build_export(): the public representation of every provision
  json/csv/...  writing each format from the model (in process)
  api           the static API files the site publishes (api_files)
  cli <format>  one fresh `python -m scripts eksport --format F --ut FIL` process end to end
                (start-up, imports, loading, model and writing: what a user waits for)
"""

from __future__ import annotations

import argparse
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

from scripts.export import api, formats  # noqa: E402
from scripts.export.model import Draft, build_export  # noqa: E402
from scripts.export.reqif_format import reqif_export  # noqa: E402
from scripts.loading import load_repository  # noqa: E402

FORMATS = ("json", "csv", "xlsx", "reqif")
DRAFT = Draft("arbeidsutkast", "bench", "2026-12-02")


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


def bench(root: Path, rounds: int, out: Path) -> tuple[dict[str, float], dict[str, int]]:
    times: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    writers = {"json": formats.json_export, "csv": formats.csv_export, "xlsx": formats.xlsx_export,
               "reqif": lambda m: reqif_export(m, "Standard")}
    for _ in range(rounds):
        seconds, repo = timed(lambda: load_repository(root))
        times.setdefault("load", []).append(seconds)
        seconds, model = timed(lambda: build_export(repo, DRAFT))
        times.setdefault("model", []).append(seconds)
        for fmt, write in writers.items():
            seconds, content = timed(lambda: write(model))
            times.setdefault(fmt, []).append(seconds)
            sizes[fmt] = len(content)
        seconds, files = timed(lambda: api.api_files(repo, DRAFT))
        times.setdefault("api", []).append(seconds)
        sizes["api"] = sum(len(c) for c in files.values())
        for fmt in FORMATS:
            target = out / f"standard.{fmt}"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "scripts", "eksport", str(root), "--format", fmt, "--ut", str(target)],
                           cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            times.setdefault(f"cli {fmt}", []).append(time.perf_counter() - start)
    return {k: statistics.median(v) for k, v in times.items()}, sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--antall", type=int, default=10000)
    parser.add_argument("--runder", type=int, default=3)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--frø", dest="seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="krav-eksport-bench-") as temporary:
        folder = args.dir or Path(temporary) / "repo"
        folder.mkdir(parents=True, exist_ok=True)
        root = prepare(folder, args.antall, args.seed)
        medians, sizes = bench(root, args.runder, Path(temporary))
    print(f"{args.antall} krav, median av {args.runder} runder, Python {platform.python_version()}, "
          f"{os.cpu_count()} kjerner")
    print("| Step | Median | Output size |")
    print("|---|---|---|")
    for step, seconds in medians.items():
        size = sizes.get(step.replace("cli ", "")) if not step.startswith("cli") else None
        print(f"| {step} | {seconds:.2f} s | {'' if size is None else f'{size / 1e6:.1f} MB'} |")
    slow = [k for k, v in medians.items() if k.startswith("cli") and v >= 10]
    print("Mål nådd: hvert format under 10 s." if not slow else f"For tregt: {', '.join(slow)}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
