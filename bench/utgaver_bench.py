"""Measure what published drafts cost: the git-based rules, `krav utgave ny`, the «Endringer»
page and the «Kommentarbehandling» pages, on a synthetic repository in a temporary git repo.

    .venv/bin/python bench/utgaver_bench.py [--antall 1000] [--kommentarer 2000] [--runder 5]

Prints the median of the rounds, in seconds. Results are recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def median(func, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--antall", type=int, default=1000)
    parser.add_argument("--kommentarer", type=int, default=2000)
    parser.add_argument("--runder", type=int, default=5)
    args = parser.parse_args(argv)

    from scripts import cli
    from scripts.check import RULES, check_repository
    from scripts.check import utgaver as draft_rules
    from scripts.loading import load_repository
    from scripts.render import render_site
    from scripts.render.context import Version, build_context
    from scripts.render.endringer_page import render_changes
    from scripts.render.kommentar_pages import add_pages

    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "repo", args.antall)
        git(root, "init", "--quiet", "--initial-branch=main")
        for key, value in (("user.name", "Bench"), ("user.email", "b@example.org"), ("commit.gpgsign", "false"),
                           ("tag.gpgsign", "false")):
            git(root, "config", key, value)
        git(root, "add", "-A")
        git(root, "commit", "--quiet", "-m", "start")

        start = time.perf_counter()
        code = cli.main(["utgave", "ny", "hoering-1", "--stadium", "høring", "--dato", "2027-01-25",
                         "--start", "2027-02-01", "--sti", str(root)])
        publish = time.perf_counter() - start
        assert code == 0, "krav utgave ny feilet"

        # Work after the draft: 5 % of the provisions reworded, then the comments arrive.
        files = sorted((root / "krav").rglob("*.yaml"))
        for path in files[:: 20]:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("tekst: ", "tekst: Endret: ", 1), encoding="utf-8")
        folder = root / "kommentarer" / "hoering-1"
        folder.mkdir(parents=True)
        ids = [p.stem for p in files]
        for n in range(args.kommentarer):
            decided = "" if n % 3 else (f'behandling:\n  vedtak: {("akseptert", "notert", "avvist")[n % 9 // 3]}\n'
                                        "  begrunnelse: Komiteen er enig.\n")
            (folder / f"ORG-{n + 1:04d}.yaml").write_text(
                f"id: ORG-{n + 1:04d}\nutgave: hoering-1\nfra: Organisasjon {n % 40}\npunkt: \"4.{n % 30 + 1}\"\n"
                f"krav: {ids[n % len(ids)]}\ntype: {('ge', 'te', 'ed')[n % 3]}\nkommentar: Kommentar nummer {n}.\n"
                + decided, encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "--quiet", "-m", "videre")

        repo = load_repository(root)
        git_rules = [r for r in RULES if r.func.__module__ == draft_rules.__name__ and
                     r.func.__name__ in ("check_draft_tagged", "check_tag_not_moved", "check_draft_unchanged")]

        def run_git_rules():
            repo.__dict__.pop("_git_ready", None)
            for registered in git_rules:
                list(registered.func(repo))

        all_rules = median(lambda: check_repository(repo), args.runder)
        only_git = median(run_git_rules, args.runder)
        ctx = build_context(repo, [], version=Version("hoering-1-1-gabc", "2027-06-01"))
        os.environ["KRAV_UTGAVE"] = "utkast"
        changes = median(lambda: render_changes(ctx), args.runder)
        pages = render_site(ctx)
        comments = median(lambda: add_pages(ctx, dict(pages)), args.runder)

    print(f"{args.antall} krav, {args.kommentarer} kommentarer, median av {args.runder} runder:")
    print(f"  krav utgave ny (inkl. krav sjekk --streng, commit og tagg): {publish:.2f} s (én gang)")
    print(f"  alle regler i krav sjekk (lastet repositorium):            {all_rules:.3f} s")
    print(f"  de git-baserte utgavereglene alene:                        {only_git:.3f} s")
    print(f"  «Endringer»-siden (les taggen fra git og sammenlign):      {changes:.3f} s")
    print(f"  kommentarsidene og kommentarene på kravsidene:             {comments:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
