"""Time the site build: `mkdocs build --strict` in a fresh process, as `make site` runs it.

    python bench/site_bench.py [--antall 1000] [--runder 3] [--dir MAPPE] [--frø 1]

Measures (median of --runder runs, each a new process, so imports count):

  (a) the repository's own records (the folder of mkdocs.yml);
  (b) each synthetic repository of --antall requirements (bench/generate.py), published with
      KRAV_ROOT pointing at it;

and, for each, how much of that is our part (loading, `krav sjekk`, the analysis and
rendering the Markdown: scripts.render.prepare + render_site, timed in this process) and
the size of the search index. Target: 1,000 requirements in under 30 s on a 2-core machine.
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
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(PROJECT))

from generate import generate  # noqa: E402

TARGET_SECONDS = 30.0


def build_once(root: Path, dest: Path) -> float:
    env = {**os.environ, "KRAV_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                           "-f", str(PROJECT / "mkdocs.yml"), "-d", str(dest)],
                          cwd=PROJECT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build feilet for {root}:\n{done.stderr}")
    return elapsed


def render_time(root: Path) -> tuple[float, int]:
    from scripts import render

    start = time.perf_counter()
    pages = render.render_site(render.prepare(root))
    return time.perf_counter() - start, len(pages)


def measure(label: str, root: Path, rounds: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="nettsted-") as tmp:
        dest = Path(tmp) / "site"
        times = [build_once(root, dest) for _ in range(rounds)]
        index = dest / "search" / "search_index.json"
        index_mb = index.stat().st_size / 1e6 if index.exists() else 0.0
    ours, pages = render_time(root)
    return {"label": label, "build": statistics.median(times), "ours": ours, "pages": pages, "index_mb": index_mb}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mål hvor lang tid det tar å bygge nettstedet.")
    parser.add_argument("--antall", type=int, nargs="+", default=[1000], help="antall krav i syntetiske repositorier")
    parser.add_argument("--runder", type=int, default=3, help="antall bygg per måling (median)")
    parser.add_argument("--dir", help="mappe for syntetiske repositorier (gjenbrukes)")
    parser.add_argument("--frø", dest="seed", type=int, default=1)
    args = parser.parse_args(argv)

    print(f"Python {platform.python_version()}, {os.cpu_count()} kjerner, {platform.machine()}; "
          f"median av {args.runder} bygg (mkdocs build --strict, ny prosess hver gang).")
    rows = [measure("repositoriet selv", PROJECT, args.runder)]
    with tempfile.TemporaryDirectory(prefix="krav-syntetisk-") as tmp:
        base = Path(args.dir) if args.dir else Path(tmp)
        for count in args.antall:
            root = base / f"krav-{count}-frø{args.seed}"
            if not (root / "krav").is_dir():
                generate(root, count, seed=args.seed)
            rows.append(measure(f"syntetisk, {count} krav", root, args.runder))
    print()
    print("| Repositorium | Sider | Bygg (median) | Herav lasting, sjekk, analyse og Markdown | Søkeindeks |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['label']} | {row['pages']} | {row['build']:.1f} s | {row['ours']:.1f} s | {row['index_mb']:.1f} MB |")
    slow = [r for r in rows if r["label"].startswith("syntetisk, 1000 ") and r["build"] > TARGET_SECONDS]
    if slow:
        print(f"\nFor tregt: 1000 krav skal bygges på under {TARGET_SECONDS:.0f} s.")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
