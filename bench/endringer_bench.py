"""Time `krav endringer BASE HEAD` between two revisions of a synthetic repository.

    python bench/endringer_bench.py [--antall 10000] [--endret 500] [--runder 5] [--dir MAPPE]

Generates the repository with bench/generate.py, commits it as BASE in a new git repository,
changes --endret requirement records (a mix of the change classes: stricter or weaker verbal
form, tighter or looser parameter bounds, citations added, withdrawn, text reworded) and
commits that as HEAD. Then it reports the median of --runder fresh processes of

  endringer            `krav endringer BASE HEAD --format json` (records and findings compared)
  endringer-uten-funn  the same with --uten-funn (records only)
  endringer-markdown   `--format markdown` (the pull-request comment)

with the CPU time of each process (its forked workers included), which depends far less on
what else the machine is doing than the wall time does.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

_ENV = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "gc.auto=0", *args], check=True, env=_ENV, stdout=subprocess.DEVNULL)


def change(text: str, n: int) -> str:
    """One of six edits, chosen by n, that keep the record valid YAML."""
    kind = n % 6
    if kind == 0 and "type: anbefaling" in text:  # stricter verbal form
        return text.replace("type: anbefaling", "type: krav").replace(" bør ", " skal ")
    if kind == 1 and re.search(r"\n    min: [1-9]\d*\n", text):  # looser bound (never a new conflict)
        return re.sub(r"\n    min: (\d+)\n", lambda m: f"\n    min: {int(m.group(1)) - 1}\n", text, count=1)
    if kind == 2 and "status: " in text:  # withdrawn
        return re.sub(r"status: \w+", "status: trukket", text, count=1)
    if kind == 3:  # status move
        return text.replace("status: forslag", "status: vedtatt") if "status: forslag" in text \
            else text.replace("status: vedtatt", "status: forslag")
    if kind == 4 and "begrunnelse: >-\n  " in text:  # reworded rationale
        return text.replace("begrunnelse: >-\n  ", "begrunnelse: >-\n  Endret etter høringen. ", 1)
    return text.replace("tittel: ", "tittel: Revidert ", 1)  # reworded title


def prepare(folder: Path, count: int, changed: int, seed: int) -> Path:
    root = folder / f"endringer-{count}-{changed}-{seed}"
    if (root / ".git").is_dir() and (root / ".bench-ferdig").exists():
        return root
    generate(root, count, seed)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    files = sorted(str(p.relative_to(root)) for p in (root / "krav").rglob("*.yaml"))
    rng = random.Random(seed)
    for n, rel in enumerate(rng.sample(files, changed)):
        path = root / rel
        text = path.read_text(encoding="utf-8")
        new = change(text, n)
        if new == text:
            new = text.replace("tittel: ", "tittel: Revidert ", 1)
        path.write_text(new, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "head")
    git(root, "gc", "-q")  # a clone (as in CI) is packed; loose objects would measure the disk instead
    (root / ".bench-ferdig").touch()
    return root


def run(root: Path, *extra: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children)."""
    import resource

    command = [sys.executable, "-m", "scripts", "endringer", "HEAD~1", "HEAD", "--sti", str(root), *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mål tiden krav endringer bruker.")
    parser.add_argument("--antall", type=int, default=10000)
    parser.add_argument("--endret", type=int, default=500)
    parser.add_argument("--runder", type=int, default=5)
    parser.add_argument("--dir", default=None)
    parser.add_argument("--frø", dest="seed", type=int, default=1)
    args = parser.parse_args(argv)
    folder = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="krav-endringer-"))
    folder.mkdir(parents=True, exist_ok=True)
    root = prepare(folder, args.antall, args.endret, args.seed)
    check = subprocess.run([sys.executable, "-m", "scripts", "endringer", "HEAD~1", "HEAD", "--sti", str(root),
                            "--format", "json"], cwd=ROOT, capture_output=True, check=False)
    import json

    document = json.loads(check.stdout)
    changed = sum(1 for r in document["poster"] if r["art"] == "krav")
    print(f"{args.antall} requirements, {changed} changed records reported "
          f"({document['antall']['krav']}), findings new/resolved: "
          f"{len(document['funn']['nye'])}/{len(document['funn']['løste'])}")
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}")
    for name, extra in (("endringer", ("--format", "json")), ("endringer-uten-funn", ("--format", "json", "--uten-funn")),
                        ("endringer-markdown", ("--format", "markdown"))):
        results = [run(root, *extra) for _ in range(args.runder)]
        times, cpus = [r[0] for r in results], [r[1] for r in results]
        print(f"{name:22s} median {statistics.median(times):.2f} s  (min {min(times):.2f}, max {max(times):.2f}); "
              f"CPU {statistics.median(cpus):.2f} s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
