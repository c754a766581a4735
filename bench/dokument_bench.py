"""Time the consultation document and the comment handling, each command in a fresh process.

    python bench/dokument_bench.py [--antall 1000] [--kommentarer 2000] [--runder 3] [--dir MAPPE]

Measures (median of --runder runs; `krav` started as a new process each time, so imports and
loading count):

  (a) `krav dokument --format docx` and `--format pdf` for the repository's own content;
  (b) for a synthetic repository of --antall requirements (bench/generate.py), committed and
      tagged as the draft `hoering-1`: `krav dokument --utgave hoering-1` as DOCX and as PDF,
      `krav kommentarer mal`, `krav kommentarer les` of a sheet with --kommentarer filled-in
      comments (into an empty kommentarer/ folder), the same import again (all recognised as
      already recorded: nothing written), and `krav kommentarer rapport --format xlsx`.

Targets (issue 12): 1,000 requirements to DOCX in under 10 s and to PDF in under 60 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
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

DRAFT = "hoering-1"
DRAFT_RECORD = ('id: hoering-1\nbetegnelse: prNS xxxx:2027\nstadium: høring\ndato: "2027-01-15"\n'
                'høring:\n  start: "2027-02-01"\n  frist: "2027-04-01"\n')
TARGETS = {"docx": 10.0, "pdf": 60.0}


def krav(*args: str, cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "scripts", *args], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"krav {' '.join(args)} feilet ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return elapsed


def median(func, rounds: int) -> float:
    return statistics.median(func() for _ in range(rounds))


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def make_draft(root: Path) -> None:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "utkast")
    git(root, "tag", DRAFT)
    (root / "utgaver").mkdir(exist_ok=True)
    (root / "utgaver" / f"{DRAFT}.yaml").write_text(DRAFT_RECORD, encoding="utf-8")


def filled_sheet(template: Path, target: Path, count: int, seed: int = 1) -> None:
    """The template with `count` comments below the prefilled rows, on random provisions."""
    import openpyxl

    from scripts.comments.template import FIRST_ROW, SHEET

    rng = random.Random(seed)
    wb = openpyxl.load_workbook(template)
    ws = wb[SHEET]
    places = [str(ws[f"C{r}"].value) for r in range(FIRST_ROW, ws.max_row + 1) if ws[f"C{r}"].value]
    provisions = [p for p in places if p[:1].isdigit() and "." in p.split()[0] and len(p.split()) > 1]
    row = FIRST_ROW + len(places)
    for n in range(count):
        ws[f"A{row}"] = "Benkmerke"
        ws[f"B{row}"] = rng.randint(1, 5000)
        ws[f"C{row}"] = rng.choice(provisions).split(" – ")[0]
        ws[f"E{row}"] = rng.choice(("ge", "te", "ed"))
        ws[f"F{row}"] = f"Kommentar nummer {n + 1}: teksten bør være tydeligere om hvem som har ansvaret."
        ws[f"G{row}"] = f"Foreslått ny tekst nummer {n + 1}."
        row += 1
    wb.save(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mål høringsdokumentet og kommentarbehandlingen.")
    parser.add_argument("--antall", type=int, default=1000)
    parser.add_argument("--kommentarer", type=int, default=2000)
    parser.add_argument("--runder", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="mappe for syntetiske repositorier (standard: midlertidig)")
    args = parser.parse_args(argv)
    work = args.dir or Path(tempfile.mkdtemp(prefix="dokument-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    out = work / "ut"
    out.mkdir(exist_ok=True)
    print(f"Maskin: {os.cpu_count()} kjerner, Python {platform.python_version()}, {platform.system()} {platform.machine()}")

    rows = []
    for fmt in ("docx", "pdf"):
        seconds = median(lambda: krav("dokument", "--format", fmt, "--ut", str(out / f"repo.{fmt}"), "--sti", str(PROJECT),
                                      cwd=PROJECT), args.runder)
        rows.append((f"repositoriet: dokument {fmt}", seconds, (out / f"repo.{fmt}").stat().st_size))

    root = work / f"krav-{args.antall}"
    if root.exists():
        shutil.rmtree(root)
    generate(root, args.antall)
    make_draft(root)
    for fmt in ("docx", "pdf"):
        target = out / f"syntetisk.{fmt}"
        seconds = median(lambda: krav("dokument", "--utgave", DRAFT, "--format", fmt, "--ut", str(target),
                                      "--sti", str(root), cwd=root), args.runder)
        rows.append((f"{args.antall} krav: dokument {fmt} (mål < {TARGETS[fmt]:.0f} s)", seconds, target.stat().st_size))
    template = out / "mal.xlsx"
    seconds = median(lambda: krav("kommentarer", "mal", "--utgave", DRAFT, "--ut", str(template), "--sti", str(root),
                                  cwd=root), args.runder)
    rows.append((f"{args.antall} krav: kommentarer mal", seconds, template.stat().st_size))
    sheet = out / "fylt.xlsx"
    filled_sheet(template, sheet, args.kommentarer)
    imports = []
    for _ in range(args.runder):
        shutil.rmtree(root / "kommentarer", ignore_errors=True)
        imports.append(krav("kommentarer", "les", str(sheet), "--utgave", DRAFT, "--fra", "Benkmerke",
                            "--sti", str(root), cwd=root))
    written = len(list((root / "kommentarer" / DRAFT).glob("*.yaml")))
    assert written == args.kommentarer, written
    rows.append((f"{args.antall} krav: kommentarer les, {args.kommentarer} kommentarer", statistics.median(imports),
                 sheet.stat().st_size))
    again = median(lambda: krav("kommentarer", "les", str(sheet), "--utgave", DRAFT, "--fra", "Benkmerke",
                                "--sti", str(root), cwd=root), args.runder)
    assert len(list((root / "kommentarer" / DRAFT).glob("*.yaml"))) == written
    rows.append((f"{args.antall} krav: samme import igjen (ingenting nytt)", again, sheet.stat().st_size))
    report = out / "rapport.xlsx"
    seconds = median(lambda: krav("kommentarer", "rapport", "--utgave", DRAFT, "--format", "xlsx", "--ut", str(report),
                                  "--sti", str(root), cwd=root), args.runder)
    rows.append((f"{args.antall} krav: kommentarer rapport xlsx", seconds, report.stat().st_size))

    print(f"\n| Måling (median av {args.runder}) | Sekunder | Filstørrelse |")
    print("|---|---:|---:|")
    for label, seconds, size in rows:
        print(f"| {label} | {seconds:.2f} | {size / 1024:.0f} KiB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
