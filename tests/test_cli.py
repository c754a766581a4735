"""`krav sjekk` as a user runs it: exit codes, output formats and the CI summary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "gyldig" / "minimal"
ERROR = FIXTURES / "ugyldig" / "skjema-verdi"  # one feil
WARNING = FIXTURES / "ugyldig" / "tekst-ma"  # one advarsel, no feil


def krav(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    # A summary file inherited from a real CI run must not receive the test's tables.
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    full_env.update({"PYTHONPATH": str(ROOT), **(env or {})})
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def test_valid_repository_exits_0() -> None:
    result = krav("sjekk", str(VALID), "--uten-mellomlager")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "Ingen funn: alt er i orden.\n"
    assert result.stderr == ""


def test_errors_exit_1_and_print_the_expected_text() -> None:
    result = krav("sjekk", "--format", "text", "--uten-mellomlager", cwd=ERROR)
    assert result.returncode == 1
    assert result.stdout == (ERROR / "forventet.txt").read_text(encoding="utf-8")


def test_warnings_exit_0_unless_strict() -> None:
    assert krav("sjekk", str(WARNING), "--uten-mellomlager").returncode == 0
    assert krav("sjekk", str(WARNING), "--uten-mellomlager", "--streng").returncode == 1
    assert krav("sjekk", str(VALID), "--uten-mellomlager", "--streng").returncode == 0


@pytest.mark.parametrize("args", [
    ("sjekk", "/finnes/ikke/her"),
    ("sjekk", "--format", "xml"),
    ("sjekk", "--ukjent-valg"),
    ("ukjent-kommando",),
    (),
])
def test_bad_usage_exits_2_without_traceback(args: tuple[str, ...]) -> None:
    result = krav(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_nonexistent_path_is_explained_in_norwegian() -> None:
    result = krav("sjekk", "/finnes/ikke/her")
    assert "finner ikke mappen" in result.stderr


def test_json_shape() -> None:
    result = krav("sjekk", str(FIXTURES / "ugyldig" / "tekst-verbform-motstrid"), "--format", "json", "--uten-mellomlager")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert set(document) == {"funn", "antall"}
    assert set(document["antall"]) == {"feil", "advarsel"}
    assert document["antall"] == {"feil": 1, "advarsel": 0}
    [finding] = document["funn"]
    assert set(finding) == {"regel", "nivå", "fil", "linje", "kolonne", "melding", "hint", "ider"}
    assert finding["regel"] == "tekst-verbform-motstrid"
    assert finding["nivå"] == "feil"
    assert finding["fil"] == "krav/internkontroll/IK-001.yaml"
    assert isinstance(finding["linje"], int) and isinstance(finding["kolonne"], int)
    assert finding["ider"] == ["IK-001"]
    assert "«skal»" in finding["melding"]


def test_json_for_a_valid_repository() -> None:
    document = json.loads(krav("sjekk", str(VALID), "--format", "json", "--uten-mellomlager").stdout)
    assert document == {"funn": [], "antall": {"feil": 0, "advarsel": 0}}


def test_github_annotations_are_escaped_and_summary_written(tmp_path: Path) -> None:
    summary = tmp_path / "sammendrag.md"
    folder = FIXTURES / "ugyldig" / "lovhjemmel-url-avvik"
    result = krav("sjekk", str(folder), "--format", "github", "--uten-mellomlager",
                  env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    [annotation] = annotations
    assert annotation.startswith("::error file=lovhjemler/bvl/bvl-10-1.yaml,line=")
    assert ",title=lovhjemmel-url-avvik::" in annotation
    props, body = annotation[len("::error "):].split("::", 1)
    assert "%0A" in body  # message and hint on separate lines, newline escaped
    assert "\n" not in annotation
    table = summary.read_text(encoding="utf-8")
    assert "| Sted | Nivå | Regel | Melding |" in table
    assert "`lovhjemmel-url-avvik`" in table


def test_github_property_escaping() -> None:
    from scripts.findings import make
    from scripts.report import format_github

    finding = make("fil-tom", "krav/a,b:c/IK-001.yaml", 1, 1)
    line = format_github([finding]).splitlines()[0]
    assert "file=krav/a%2Cb%3Ac/IK-001.yaml" in line


def test_markdown_format() -> None:
    result = krav("sjekk", str(WARNING), "--format", "markdown", "--uten-mellomlager")
    assert result.stdout.startswith("## Resultat av krav sjekk")
    assert "`tekst-ma`" in result.stdout


def test_every_invalid_fixture_through_the_cli_matches_forventet() -> None:
    """The in-process comparison (test_fixtures.py) and the real command agree, for a sample."""
    for name in ("fil-bom", "yaml-tabulator", "krav-uten-hjemmel", "lovhjemmel-dobbel"):
        folder = FIXTURES / "ugyldig" / name
        result = krav("sjekk", "--format", "text", "--uten-mellomlager", cwd=folder)
        assert result.stdout == (folder / "forventet.txt").read_text(encoding="utf-8"), name


def test_the_command_leaves_at_once_with_all_its_output(tmp_path: Path) -> None:
    """`krav` ends with os._exit after flushing (cli.run): output longer than a pipe's buffer
    still arrives whole, and the exit code is main()'s."""
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(VALID, root)
    for number in range(300):
        (root / "krav" / f"notat-{number}.txt").write_text("ikke en post\n", encoding="utf-8")
    result = krav("sjekk", str(root), "--format", "json", "--uten-mellomlager")
    assert result.returncode == 1
    assert len(result.stdout) > 65536
    assert len(json.loads(result.stdout)["funn"]) >= 300
    assert 'krav = "scripts.cli:run"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
