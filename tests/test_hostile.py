"""Hostile input: every way bytes enter the tool and every way text leaves it.

A pull request may come from a fork, and `krav sjekk` runs on it in CI where GitHub reads its
output as workflow commands. Each test states the contract exactly: the exit code, the file
and real line named, no traceback, no raw control character in any output, no byte outside
the repository read or written, and every other file's findings still there.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from repotools import run_krav
from scripts import gate, load, pipeline, report
from scripts.console import exit_code
from scripts.neutral import visible

SECRET = "HEMMELIG-INNHOLD-UTENFOR-REPOSITORIET"
K = "krav/internkontroll/IK-001.yaml"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def secret_file(tmp_path: Path) -> Path:
    outside = tmp_path / "utenfor"
    outside.mkdir(exist_ok=True)
    path = outside / "passord.yaml"
    path.write_text(f"id: IK-009\ntittel: {SECRET}\n", encoding="utf-8")
    return path


def all_formats(root: Path) -> dict[str, str]:
    findings = pipeline.check(root, use_cache=False)
    return {"text": report.format_text(findings), "json": report.format_json(findings),
            "github": report.format_github(findings), "markdown": report.format_markdown(findings)}


def rules(root: Path) -> list[tuple[str | None, str]]:
    return [(f.file, f.rule) for f in pipeline.check(root, use_cache=False)]


# --- The gate ---------------------------------------------------------------------------------

def test_symlink_out_of_the_repository_is_an_error_and_never_read(repo_copy, tmp_path: Path) -> None:
    root = repo_copy()
    os.symlink(secret_file(tmp_path), root / "krav/internkontroll/IK-009.yaml")
    outputs = all_formats(root)
    assert ("krav/internkontroll/IK-009.yaml", "fil-lenke-utenfor") in rules(root)
    for text in outputs.values():
        assert SECRET not in text
    assert exit_code(pipeline.check(root, use_cache=False), False) == 1
    with pytest.raises(gate.Refused):
        gate.read(root, "krav/internkontroll/IK-009.yaml")


def test_symlink_inside_the_repository_is_read_like_the_file(repo_copy) -> None:
    root = repo_copy()
    os.symlink("IK-001.yaml", root / "krav/internkontroll/IK-002.yaml")  # same content, wrong id
    found = rules(root)
    assert ("krav/internkontroll/IK-002.yaml", "id-filnavn") in found
    assert not any(rule.startswith("fil-lenke") for _, rule in found)


def test_symlinked_folders_are_never_followed(repo_copy, tmp_path: Path) -> None:
    root = repo_copy()
    secret_file(tmp_path)
    os.symlink(tmp_path / "utenfor", root / "krav/utenfor")
    os.symlink(root / "krav/internkontroll", root / "krav/lenke")
    found = rules(root)
    assert ("krav/utenfor", "fil-lenke-utenfor") in found
    assert ("krav/lenke", "fil-lenket-mappe") in found
    assert SECRET not in all_formats(root)["text"]


def test_a_fifo_in_krav_never_blocks(repo_copy) -> None:
    root = repo_copy()
    os.mkfifo(root / "krav/internkontroll/IK-002.yaml")
    result = run_krav("sjekk", "--uten-mellomlager", str(root), timeout=30)
    assert result.returncode == 1, result.stderr
    assert result.stdout == (
        "krav/internkontroll/IK-002.yaml: feil [fil-ulesbar] Filen kan ikke leses fordi den er ikke en vanlig fil "
        "(men for eksempel en navngitt rør-fil, en sokkel eller en enhet).\n"
        "    Erstatt den med en vanlig tekstfil i UTF-8, eller fjern den.\n"
        "1 feil, 0 advarsler.\n")
    assert "Traceback" not in result.stderr


def test_a_device_behind_a_link_is_never_read(repo_copy) -> None:
    root = repo_copy()
    os.symlink("/dev/zero", root / "krav/internkontroll/IK-002.yaml")
    result = run_krav("sjekk", "--uten-mellomlager", str(root), timeout=30)
    assert result.returncode == 1
    assert "[fil-lenke-utenfor]" in result.stdout


def test_the_gate_reads_at_most_the_limit_plus_one_byte(repo_copy) -> None:
    root = repo_copy()
    big = root / "krav/internkontroll/IK-002.yaml"
    big.write_bytes(b"# " + b"x" * (4 * gate.MAX_FILE_BYTES))
    assert len(gate.read(root, "krav/internkontroll/IK-002.yaml")) == gate.MAX_FILE_BYTES + 1
    [finding] = [f for f in pipeline.check(root, use_cache=False) if f.rule == "fil-for-stor"]
    assert "1024 KiB" in finding.message  # the real size, not the bytes read


def test_a_cache_folder_committed_as_a_link_is_never_written(repo_copy, tmp_path: Path) -> None:
    root = repo_copy()
    elsewhere = tmp_path / "et-annet-sted"
    elsewhere.mkdir()
    os.symlink(elsewhere, root / ".krav-cache")
    assert pipeline.check(root) == []
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("command", ["sjekk", "analyser"])
def test_a_subfolder_checks_the_repository_it_is_in(repo_copy, command: str) -> None:
    root = repo_copy()
    from_root = run_krav(command, str(root))
    from_sub = run_krav(command, cwd=root / "krav" / "internkontroll")
    from_arg = run_krav(command, str(root / "krav" / "internkontroll"), cwd=root)
    assert from_root.returncode == from_sub.returncode == from_arg.returncode == 0
    assert from_sub.stdout == from_root.stdout == from_arg.stdout
    assert f"bruker repositoriet i «{root.resolve()}»" in from_sub.stderr


# --- Reports that cannot be forged -----------------------------------------------------------

FORGERY = "krav\\r\\n::error file=x.yaml::forfalsket\\n\\u001b]8;;https://ondsinnet.example\\u0007lenke\\u001b[31m\\u2028\\u202e"


def forged_repository(repo_copy) -> Path:
    root = repo_copy()
    path = root / K
    path.write_text(path.read_text(encoding="utf-8").replace("type: krav", f'type: "{FORGERY}"'), encoding="utf-8")
    return root


def test_no_output_format_carries_a_raw_control_character(repo_copy) -> None:
    outputs = all_formats(forged_repository(repo_copy))
    for name, text in outputs.items():
        assert not RAW_CONTROL.search(text.replace("\n", "")), name
    assert "\\u001b" in outputs["text"] or "\\x1b" in outputs["text"]


def test_one_finding_is_one_line_in_the_text_format(repo_copy) -> None:
    root = forged_repository(repo_copy)
    findings = pipeline.check(root, use_cache=False)
    lines = report.format_text(findings).splitlines()
    assert len(lines) == len(findings) + sum(1 for f in findings if f.hint) + 1
    assert all(line.startswith((K, "    ")) for line in lines[:-1])


def test_github_format_never_emits_a_second_workflow_command(repo_copy) -> None:
    root = forged_repository(repo_copy)
    findings = pipeline.check(root, use_cache=False)
    lines = report.format_github(findings).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(findings)
    assert all(line.startswith(f"::error file={K},") or line.startswith(f"::warning file={K},") for line in commands)
    assert not any("\r" in line for line in lines)


def test_markdown_shows_record_text_as_text() -> None:
    from scripts.neutral import markdown

    shown = markdown('<img src=x onerror=alert(1)> **fet** [lenke](javascript:x) @komiteen #12 | `kode`')
    assert "<img" not in shown and "&lt;img" in shown
    assert "**" not in shown.replace("\\*", "")
    assert "@komiteen" not in shown and "&#64;komiteen" in shown
    assert "](javascript" not in shown


def test_graphml_is_well_formed_whatever_the_titles_hold(repo_copy, tmp_path: Path) -> None:
    root = repo_copy()
    path = root / K
    path.write_text(path.read_text(encoding="utf-8").replace(
        "tittel: Skriftlig internkontroll", 'tittel: "Skriftlig \\u0001\\u0008 <&> \\uFFFE internkontroll"'),
        encoding="utf-8")
    result = run_krav("analyser", str(root), "--graf", str(tmp_path / "graf"))
    assert result.returncode in (0, 1), result.stderr
    ET.parse(tmp_path / "graf.graphml")  # raises on malformed XML
    json.loads((tmp_path / "graf.json").read_text(encoding="utf-8"))


def test_a_cp1252_terminal_never_loses_the_report(repo_copy) -> None:
    root = repo_copy()
    path = root / K
    path.write_text(path.read_text(encoding="utf-8").replace("type: krav", 'type: "krav 🙂 → ok"'), encoding="utf-8")
    result = run_krav("sjekk", str(root), env={"PYTHONIOENCODING": "cp1252"}, encoding="cp1252")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "skjema-verdi" in result.stdout and "1 feil" in result.stdout
    assert "\\U0001f642" in result.stdout or "\\u2192" in result.stdout


# --- Root causes first ---------------------------------------------------------------------------

def test_a_reference_to_a_source_that_failed_to_load_is_not_unknown(repo_copy) -> None:
    root = repo_copy()
    (root / "lovhjemler/bvl/bvl-10-1.yaml").write_text("id: bvl-10-1\ntittel: [ikke lukket\n", encoding="utf-8")
    found = rules(root)
    assert ("lovhjemler/bvl/bvl-10-1.yaml", "yaml-syntaks") in found
    assert not any(rule == "krav-ukjent-lovhjemmel" for _, rule in found)


def test_a_broken_mandate_comes_first_even_under_the_annotation_cap(repo_copy) -> None:
    root = repo_copy()
    for number in range(2, 80):  # many other findings: each file's id disagrees with its name
        (root / f"krav/internkontroll/IK-{number:03d}.yaml").write_text(
            (root / K).read_text(encoding="utf-8"), encoding="utf-8")
    (root / "mandat/mandat.yaml").write_text("tittel: x\nformål: [ikke lukket\n", encoding="utf-8")
    findings = pipeline.check(root, use_cache=False)
    first = report.format_github(findings).splitlines()[0]
    assert first.startswith("::error file=mandat/mandat.yaml,line=")
    assert not any(f.rule in ("krav-ukjent-mal", "krav-ukjent-omrade", "krav-prefiks") for f in findings)
    assert [f.rule for f in findings].count("mandat-folgefeil") == 1


# --- Values ---------------------------------------------------------------------------------------

def test_a_number_that_overflows_is_rejected_like_inf(repo_copy) -> None:
    root = repo_copy()
    (root / "mandat/parametere.yaml").write_text(
        "- navn: bemanning.natt.vakne_voksne\n  beskrivelse: Antall våkne voksne\n  enhet: personer\n", encoding="utf-8")
    path = root / K
    path.write_text(path.read_text(encoding="utf-8") + "parametere:\n  - navn: bemanning.natt.vakne_voksne\n"
                    "    min: 1e400\n    enhet: personer\n", encoding="utf-8")
    findings = pipeline.check(root, use_cache=False)
    assert [(f.rule, f.line) for f in findings] == [("skjema-type", 11)]
    assert "1e400" in findings[0].message


def test_many_unknown_keys_compose_the_file_once(repo_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    """Placing thousands of findings in one file composes it a constant number of times."""
    root = repo_copy()
    path = root / K
    path.write_text(path.read_text(encoding="utf-8") + "".join(f"ukjent{i}: x\n" for i in range(3000)),
                    encoding="utf-8")
    calls = []
    original = load.compose
    monkeypatch.setattr(load, "compose", lambda text: calls.append(len(text) > 30000) or original(text))
    findings = pipeline.check(root, use_cache=False)
    assert len(findings) == 3000
    assert calls.count(True) == 2  # once to load, once to place all 3,000 findings
    assert findings[-1].line == 3008


def test_visible_is_idempotent_and_complete() -> None:
    nasty = "a\nb\rc\td\x00e\x1b[31m\u2028\u2029\u0085\u202e\u2066\u200b\ufeff\u00a0f"
    once = visible(nasty)
    assert visible(once) == once
    assert not RAW_CONTROL.search(once) and "\u200b" not in once and "\u00a0" not in once
    assert once.isascii()


@pytest.mark.parametrize(("written", "named"), [
    ("id: IK\u00a0001", "U+00A0 NO-BREAK SPACE etter «IK»"),
    ("type: kr\u0430v", "U+0430 CYRILLIC SMALL LETTER A etter «kr»"),
    ("st\u0430tus: vedtatt", "U+0430 CYRILLIC SMALL LETTER A etter «st»"),
])
def test_look_alike_characters_are_named_in_the_message(repo_copy, written: str, named: str) -> None:
    root = repo_copy()
    path = root / K
    field = written.split(":")[0].replace("\u0430", "a").replace("\u00a0", "")
    lines = [written if line.startswith(field + ":") else line
             for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    hints = [f.hint or "" for f in pipeline.check(root, use_cache=False) if f.rule.startswith("skjema-")]
    assert any(named in hint for hint in hints), hints


def test_a_file_named_on_the_command_line_goes_through_the_same_care(tmp_path: Path) -> None:
    """Comment sheets and self-assessment forms come from outside the repository: still a
    regular file only, never a blocking FIFO, never more than the limit plus one byte."""
    fifo = tmp_path / "skjema.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(gate.Refused):
        gate.read_given(fifo, 1000)
    big = tmp_path / "stor.xlsx"
    big.write_bytes(b"x" * 5000)
    assert len(gate.read_given(big, 1000)) == 1001
