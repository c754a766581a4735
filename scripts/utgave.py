"""`krav utgave ny ID --stadium …`: publish the current state of the standard as a draft.

A published draft is a record in utgaver/ plus the annotated git tag of the same name on the
commit that added the record (the data model's contract, checked by scripts/check/utgaver.py).
The record has to be in the commit the tag marks, so publishing is three steps, all or nothing
as far as git allows:

1. refuse unless the work tree is clean, the repository passes `krav sjekk --streng` (run
   in-process) and neither utgaver/ID.yaml nor the tag ID exists;
2. write utgaver/ID.yaml and commit only that file with the fixed message
   "Publish draft ID (stage)" (`--no-verify`: the strict check has just run, and a pre-commit
   hook running `krav sjekk` would refuse the record because its tag does not exist yet);
3. tag that commit: `git tag -a ID`.

If the commit fails, the record is removed again and nothing has changed. If only the tag
fails, the command says which `git tag` command finishes the job. Pushing is left to the
editor (`git push origin HEAD ID`); CI then builds that draft's site (.github/workflows/utgave.yml).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

from . import gitinfo
from .messages import cli_message
from .neutral import visible
from .vocabulary import HEARING_MONTHS, LIVING_VERSION, STAGE_NAMES, STAGES, add_months, format_date, parse_date

RECORD_DIR = "utgaver"


class Refusal(Exception):
    """Why the draft is not published: a key of the catalogue's CLI messages and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="utgave_kommando", metavar="KOMMANDO", parser_class=type(parser))
    ny = sub.add_parser("ny", help="publiser utkastet slik det er nå: lag utgaver/ID.yaml, commit den og tagg commiten ID")
    ny.add_argument("id", metavar="ID", help="utgavens id, for eksempel hoering-1 (små bokstaver, sifre og bindestrek)")
    ny.add_argument("--stadium", required=True, choices=STAGES, help="hvor i prosessen utkastet er")
    ny.add_argument("--betegnelse", default=None,
                    help="dokumentets betegnelse (standard: «prNS xxxx:ÅÅÅÅ», for fastsatt «NS xxxx:ÅÅÅÅ»)")
    ny.add_argument("--dato", default=None, metavar="DATO", help="publiseringsdato ÅÅÅÅ-MM-DD (standard: i dag)")
    ny.add_argument("--start", default=None, metavar="DATO", help="første dag i høringen (standard: publiseringsdatoen)")
    ny.add_argument("--frist", default=None, metavar="DATO",
                    help=f"siste dag for kommentarer (standard: {HEARING_MONTHS} måneder etter start)")
    ny.add_argument("--merknad", default=None, help="redaksjonens merknad til utgaven")
    ny.add_argument("--sti", default=None, help="repositoriets rot (standard: repositoriet du står i)")
    ny.set_defaults(run=run_ny)
    parser.set_defaults(run=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _date(value: str | None, option: str, default: dt.date) -> dt.date:
    if value is None:
        return default
    parsed = parse_date(value)
    if parsed is None or len(value) != 10:
        raise Refusal("ny-utgave-dato", valg=option, verdi=value)
    return parsed


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def record_text(ident: str, designation: str, stage: str, date: dt.date, start: dt.date | None,
                deadline: dt.date | None, note: str | None) -> str:
    lines = [f"id: {ident}", f"betegnelse: {_quoted(designation)}", f"stadium: {stage}", f'dato: "{date.isoformat()}"']
    if stage == "høring" and start and deadline:
        lines += ["høring:", f'  start: "{start.isoformat()}"', f'  frist: "{deadline.isoformat()}"']
    if note:
        lines.append(f"merknad: {_quoted(note)}")
    return "\n".join(lines) + "\n"


def plan(args: argparse.Namespace, today: dt.date) -> tuple[str, str, dt.date]:
    """(relative path, record text, publication date) for the arguments, or Refusal."""
    ident = args.id
    if not gitinfo.SAFE_REF.match(ident or ""):
        raise Refusal("ny-utgave-id-ugyldig", id=ident)
    if ident == LIVING_VERSION:
        raise Refusal("ny-utgave-id-reservert", id=ident)
    date = _date(args.dato, "--dato", today)
    start = deadline = None
    if args.stadium == "høring":
        start = _date(args.start, "--start", date)
        deadline = _date(args.frist, "--frist", add_months(start, HEARING_MONTHS))
        if deadline <= start:
            raise Refusal("ny-utgave-frist", frist=format_date(deadline), start=format_date(start))
    elif args.start is not None or args.frist is not None:
        raise Refusal("ny-utgave-horing-valg")
    designation = args.betegnelse
    if designation is None:
        designation = f"{'NS' if args.stadium == 'fastsatt' else 'prNS'} xxxx:{date.year}"
    for option, value in (("--betegnelse", designation), ("--merknad", args.merknad)):
        if value is not None and (not value.strip() or visible(value) != value):
            raise Refusal("ny-utgave-tekst", valg=option)
    return f"{RECORD_DIR}/{ident}.yaml", record_text(ident, designation, args.stadium, date, start, deadline,
                                                       args.merknad), date


def _refuse_unless_ready(root, ident: str, rel: str) -> None:
    if not gitinfo.is_repository_top(root):
        raise Refusal("ny-utgave-ikke-git", sti=str(root))
    if gitinfo.is_dirty(root):
        raise Refusal("ny-utgave-endringer")
    if os.path.lexists(os.path.join(root, rel)):
        raise Refusal("ny-utgave-finnes", id=ident, fil=rel)
    if gitinfo.tag_commit(root, ident) is not None or gitinfo.text(root, "rev-parse", "--verify", "--quiet",
                                                                   f"refs/tags/{ident}") is not None:
        raise Refusal("ny-utgave-tagg-finnes", id=ident)
    from . import pipeline
    from .findings import count

    findings = pipeline.check(root)  # krav sjekk --streng, in-process: any finding refuses
    if findings:
        counted = count(findings)
        raise Refusal("ny-utgave-sjekk", feil=counted["feil"], advarsler=counted["advarsel"])


def publish(root, args: argparse.Namespace, today: dt.date | None = None) -> str:
    """Publish the draft; returns the success line, raises Refusal with the reason."""
    from . import gate

    rel, content, date = plan(args, today or dt.date.today())
    ident = args.id
    _refuse_unless_ready(root, ident, rel)
    folder = gate.writable_dir(root, RECORD_DIR)
    if folder is None:
        raise Refusal("ny-utgave-mappe")
    path = folder / f"{ident}.yaml"
    with open(path, "x", encoding="utf-8") as handle:  # never overwrite
        handle.write(content)
    message = f"Publish draft {ident} ({args.stadium})"
    if (gitinfo.git(root, "add", "--", rel) is None
            or gitinfo.git(root, "commit", "--no-verify", "--quiet", "-m", message, "--", rel) is None):
        gitinfo.git(root, "reset", "--quiet", "--", rel)
        os.unlink(path)
        raise Refusal("ny-utgave-commit")
    commit = gitinfo.head(root) or "HEAD"
    stage_name = STAGE_NAMES[args.stadium]
    tag_message = f"{ident}: {stage_name}, publisert {format_date(date)}"
    if gitinfo.git(root, "tag", "-a", ident, "-m", tag_message, commit) is None:
        raise Refusal("ny-utgave-tagg", commit=commit[:12], id=ident)
    return cli_message("ny-utgave-publisert", id=ident, stadium=stage_name, fil=rel, commit=commit[:12])


def run_ny(args: argparse.Namespace) -> int:
    from .console import out, resolve_root, say

    root = resolve_root(args.sti)
    if root is None:
        return 2
    try:
        line = publish(root.resolve(), args)
    except Refusal as refusal:
        say(refusal.key, **refusal.values)
        return 2
    out(line + "\n")
    return 0
