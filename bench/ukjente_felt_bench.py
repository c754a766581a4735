"""Show that `krav sjekk` grows linearly with the number of findings in one file.

    python bench/ukjente_felt_bench.py [--antall 1000 2000 4000 8000] [--runder 3]

For each count N it writes the minimal fixture repository with one requirement file that has N
unknown keys (so N findings that all need a line and column), and reports the median wall time
of a fresh `krav sjekk --uten-mellomlager` process, the time per key, and the ratio to the
previous size (about 2.0 for doubling the size means linear growth). Before the Locator (one
compose per file for all findings) 2,000 keys took 15.7 s on this machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "gyldig" / "minimal"
TARGET = "krav/internkontroll/IK-001.yaml"


def write_repository(folder: Path, count: int) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(MINIMAL, folder)
    path = folder / TARGET
    path.write_text(path.read_text(encoding="utf-8") + "".join(f"ukjent{i}: x\n" for i in range(count)),
                    encoding="utf-8")


def timed(folder: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "scripts", "sjekk", "--uten-mellomlager", str(folder)],
                          cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 1:
        raise SystemExit(f"uventet avslutningskode {done.returncode}: {done.stderr}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--antall", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--runder", type=int, default=3)
    args = parser.parse_args()
    previous = None
    print(f"{'felt':>6} {'median s':>9} {'ms/felt':>8} {'forhold':>8}")
    with tempfile.TemporaryDirectory() as temp:
        for count in args.antall:
            folder = Path(temp) / f"r{count}"
            write_repository(folder, count)
            seconds = statistics.median(timed(folder) for _ in range(args.runder))
            ratio = f"{seconds / previous:.2f}" if previous else "–"
            print(f"{count:>6} {seconds:>9.3f} {1000 * seconds / count:>8.3f} {ratio:>8}")
            previous = seconds


if __name__ == "__main__":
    main()
