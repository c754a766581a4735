"""A published draft to build documents and comment templates from (helpers; fixtures in conftest.py).

The repository's own content is copied into a temporary git repository, with a few test
records added (a term, a standard cited as a normative reference, a provision whose text holds
markup and a control character and whose internal note must never be printed), committed and
tagged `hoering-1`; then `utgaver/hoering-1.yaml` is written, as `krav utgave ny` does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DRAFT = "hoering-1"
SECRET = "INTERN-MERKNAD-SOM-ALDRI-SKAL-TRYKKES"

EXTRA = {
    "termer/testinstitusjon.yaml": (
        "id: testinstitusjon\nterm: testinstitusjon\n"
        "definisjon: institusjon som bare finnes i testene\n"
        "merknad: Merknaden til termen hører til definisjonen.\n"),
    "lovhjemler/standarder/ns-test.yaml": (
        "id: ns-test\ntype: standard\ninstrument: NS-TEST 1:2020\nkorttittel: NS-TEST 1\n"
        "tittel: Teststandard for dokumenttestene\nsammendrag: Finnes bare i testene.\n"
        "url: https://example.org/ns-test\nområder: [internkontroll]\n"),
    "krav/internkontroll/IK-099.yaml": (
        'id: IK-099\ntittel: Testbestemmelse med <w:p> i tittelen\nområde: internkontroll\ntype: krav\n'
        'tekst: "Institusjonen skal følge NS-TEST 1 <b>fet</b> og \\x07 bjelle."\n'
        "begrunnelse: Begrunnelsen er informativ.\n"
        "lovhjemler: [ns-test]\nutover_lov: true\nverifisering: [dokumentgjennomgang]\n"
        "status: forslag\n"
        f"merknad: {SECRET}\n"),
}
DRAFT_RECORD = ('id: hoering-1\nbetegnelse: prNS xxxx:2027\nstadium: høring\ndato: "2027-01-15"\n'
                'høring:\n  start: "2027-02-01"\n  frist: "2027-04-01"\n'
                f"merknad: {SECRET}\n")


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def make_draft_repo(target: Path) -> Path:
    for folder in ("mandat", "krav", "lovhjemler"):
        shutil.copytree(ROOT / folder, target / folder)
    for rel, text in EXTRA.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text, encoding="utf-8")
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "draft")
    git(target, "tag", DRAFT)
    (target / "utgaver").mkdir()
    (target / "utgaver" / f"{DRAFT}.yaml").write_text(DRAFT_RECORD, encoding="utf-8")
    return target


def need_tool(name: str) -> None:
    """Fail in CI, skip locally, when a program the test needs is missing."""
    if shutil.which(name) is None:
        reason = f"programmet «{name}» finnes ikke"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (i CI installerer .ci/run det)")
        pytest.skip(reason)
