"""Time the self-assessment form on a synthetic repository: write and read back each format.

    python bench/egenkontroll_bench.py [--antall 2000] [--runder 3] [--dir MAPPE] [--frø 1]

Generates the repository with bench/generate.py, loads it once, fills in every row of the
form, then reports the median of --runder rounds for: building the blank form
(`blank_form`: clause numbers, the gjelder_for filter), writing XLSX/JSON/CSV, reading each
back (`read_form`, with the checks against the repository), and `compare` + `matrix`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402

from scripts.loading import load_repository  # noqa: E402
from scripts.selfassessment.form import Standard, blank_form, to_csv, to_json  # noqa: E402
from scripts.selfassessment.read import read_form  # noqa: E402
from scripts.selfassessment.report import compare, matrix  # noqa: E402
from scripts.selfassessment.xlsx import write_form  # noqa: E402

ANSWERS = ("oppfylt", "delvis", "ikke_oppfylt", "")


def timed(func) -> tuple[float, object]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mål tiden skjemaet for egenkontroll bruker.")
    parser.add_argument("--antall", type=int, default=2000, help="antall krav (standard: 2000)")
    parser.add_argument("--runder", type=int, default=3, help="antall runder; medianen rapporteres (standard: 3)")
    parser.add_argument("--dir", type=Path, help="mappe for det syntetiske repositoriet")
    parser.add_argument("--frø", dest="seed", type=int, default=1, help="frø for generatoren (standard: 1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        root = generate(args.dir or Path(scratch) / "repo", args.antall, args.seed)
        repo = load_repository(root)
        title = repo.mandat.text("tittel")
        times: dict[str, list[float]] = {}
        rows = 0
        for _ in range(args.runder):
            seconds, form = timed(lambda: blank_form(repo, standard=Standard(title, "bench", "2026-12-02")))
            times.setdefault("blank_form", []).append(seconds)
            for number, row in enumerate(form.rows):
                row["vurdering"] = ANSWERS[number % len(ANSWERS)]
                row["dokumentasjon"] = f"Håndbok kapittel {number}"
            rows = len(form.rows)
            for name, write in (("xlsx", write_form), ("json", lambda f: to_json(f).encode("utf-8")),
                                ("csv", to_csv)):
                seconds, data = timed(lambda: write(form))
                times.setdefault(f"write {name}", []).append(seconds)
                path = Path(scratch) / f"skjema.{name}"
                path.write_bytes(data)
                seconds, reading = timed(lambda: read_form(path, repo))
                assert reading.ok, [p.format() for p in reading.problems][:3]
                times.setdefault(f"read {name}", []).append(seconds)
            times.setdefault("compare + matrix", []).append(timed(lambda: (compare(form, form), matrix(form)))[0])
        print(f"{args.antall} krav ({rows} rader i skjemaet), median av {args.runder} runder, "
              f"Python {platform.python_version()}, {os.cpu_count()} kjerner")
        for name, values in times.items():
            print(f"{name:20s} {statistics.median(values) * 1000:8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
