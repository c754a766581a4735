"""Deploy one version of the site with mike: a published draft, or the living draft «utkast».

    .venv/bin/python -m scripts.nettsted_versjon hoering-1     # at the tag hoering-1
    .venv/bin/python -m scripts.nettsted_versjon utkast        # the living draft (also the default)
    make nettsted-versjon VERSJON=hoering-1

Each version keeps its own address (/<id>/, the living draft at /utkast/) on the gh-pages
branch, listed in versions.json, which the theme's version selector reads. The build runs with
KRAV_VERSJONER=1 (the hook then turns on the mike version selector) and, for a draft,
KRAV_UTGAVE=<id> (the banner names that draft). A draft is only deployed from a checkout of
its own tag, so the published address always shows exactly what was published.

Pushing happens only in CI (CI=true): locally the gh-pages branch is just updated, to be
looked at with `mike serve`. mike is called with fixed argument lists; the title shown in the
selector comes from the draft record and passes through the neutraliser.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from . import gitinfo
from .messages import cli_message
from .neutral import visible
from .vocabulary import LIVING_DRAFT, LIVING_VERSION
BRANCH = "gh-pages"


class Refusal(Exception):
    """Why the version is not deployed: a key of the catalogue's CLI messages and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(cli_message(key, **values))
        self.key, self.values = key, values


def title_of(root: Path, version: str) -> str:
    """The selector title: «Arbeidsutkast», or «prNS xxxx:2027 – høringsutkast, frist …»."""
    if version == LIVING_VERSION:
        return LIVING_DRAFT.capitalize()
    from .loading import load_repository
    from .render.utgave_banner import draft_label

    record = load_repository(root).utgaver.get(version)
    if record is None:
        raise Refusal("versjon-ukjent-utgave", versjon=version)
    if gitinfo.tag_commit(root, version) != gitinfo.head(root):
        raise Refusal("versjon-ikke-utsjekket", versjon=version)
    return visible(draft_label(record))


def mike_commands(version: str, title: str, config: Path, push: bool) -> list[list[str]]:
    mike = str(Path(sys.executable).with_name("mike"))
    pushing = ["--push"] if push else []
    commands = [[mike, "deploy", "--config-file", str(config), "--branch", BRANCH, f"--title={title}",
                 *pushing, "--", version]]
    if version == LIVING_VERSION:
        commands.append([mike, "set-default", "--config-file", str(config), "--branch", BRANCH, *pushing,
                         "--", LIVING_VERSION])
    return commands


def deploy(root: Path, version: str, config: Path | None = None, push: bool | None = None) -> list[list[str]]:
    """Build and commit `version` to the gh-pages branch of the repository at `root`."""
    if version != LIVING_VERSION and not gitinfo.SAFE_REF.match(version):
        raise Refusal("versjon-ugyldig", versjon=version, levende=LIVING_VERSION)
    if not gitinfo.is_repository_top(root):
        raise Refusal("versjon-ikke-git", sti=str(root))
    title = title_of(root, version)
    config = (config or root / "mkdocs.yml").resolve()
    push = os.environ.get("CI") == "true" if push is None else push
    env = {**os.environ, "KRAV_VERSJONER": "1", "NO_MKDOCS_2_WARNING": "1"}
    # mike runs `mkdocs` by name: the one installed beside this Python.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["KRAV_UTGAVE"] = version  # the banner names this draft (or, for «utkast», the living draft)
    if config.parent != root.resolve():
        env["KRAV_ROOT"] = str(root.resolve())
    commands = mike_commands(version, title, config, push)
    for command in commands:
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or ["(ingen melding)"]
            errors = [line for line in lines if line.startswith(("ERROR", "Error", "Aborted"))]
            last = (errors or lines)[-1]  # mkdocs' own reason, not mike's "returned non-zero exit status"
            raise Refusal("versjon-mike", melding=last.rstrip("."))
    return commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nettsted_versjon", description="Publiser én versjon av nettstedet med mike.")
    parser.add_argument("versjon", help=f"en utgave-id, eller «{LIVING_VERSION}» for arbeidsutkastet")
    parser.add_argument("--sti", default=".", help="repositoriets rot (standard: her)")
    parser.add_argument("--config", default=None, help="mkdocs.yml (standard: den i roten)")
    args = parser.parse_args(argv)
    root = Path(args.sti).resolve()
    try:
        deploy(root, args.versjon, Path(args.config) if args.config else None)
    except Refusal as refusal:
        sys.stderr.write(str(refusal) + "\n")
        return 2
    where = cli_message("versjon-sendt" if os.environ.get("CI") == "true" else "versjon-lokalt")
    sys.stdout.write(cli_message("versjon-lagt-ut", versjon=args.versjon, gren=BRANCH, hvor=where) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
