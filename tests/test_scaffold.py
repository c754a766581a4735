"""`krav ny`: the next free id, never reused, never overwriting, and a record that checks."""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.check import check_path
from scripts.cli import main
from scripts.scaffold import new_record_text

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "gyldig" / "minimal"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(MINIMAL, target)
    return target


def test_new_requirement_gets_the_next_id_and_only_placeholder_errors(tmp_path, capsys) -> None:
    root = _copy(tmp_path)
    assert main(["ny", "internkontroll", "--sti", str(root)]) == 0
    assert "IK-002" in capsys.readouterr().out
    created = root / "krav/internkontroll/IK-002.yaml"
    assert created.read_text(encoding="utf-8").startswith("# Nytt forslag")
    _, findings = check_path(root)
    assert {f.rule for f in findings} == {"krav-mal-ikke-utfylt"}
    assert all(f.level == "feil" for f in findings)  # a proposal cannot be merged unfinished


def test_numbers_of_withdrawn_and_misnamed_records_are_never_reused(tmp_path, capsys) -> None:
    root = _copy(tmp_path)
    original = (root / "krav/internkontroll/IK-001.yaml").read_text(encoding="utf-8")
    (root / "krav/internkontroll/IK-007.yaml").write_text(
        original.replace("IK-001", "IK-007").replace("status: vedtatt", "status: trukket"), encoding="utf-8")
    assert main(["ny", "internkontroll", "--sti", str(root), "--type", "anbefaling"]) == 0
    text = (root / "krav/internkontroll/IK-008.yaml").read_text(encoding="utf-8")
    assert "type: anbefaling" in text and "Institusjonen bør" in text


def test_unknown_area_is_a_usage_error_with_a_suggestion(tmp_path, capsys) -> None:
    root = _copy(tmp_path)
    assert main(["ny", "internkontrol", "--sti", str(root)]) == 2
    assert "Mente du «internkontroll»?" in capsys.readouterr().err
    assert sorted(p.name for p in (root / "krav/internkontroll").iterdir()) == ["IK-001.yaml"]


def test_the_template_in_maler_is_the_scaffold() -> None:
    template = (ROOT / "maler" / "krav.yaml").read_text(encoding="utf-8")
    body = "\n".join(line for line in template.splitlines() if not line.startswith("#"))
    expected = "\n".join(line for line in new_record_text("IK-000", "internkontroll", "krav").splitlines()
                         if not line.startswith("#"))
    assert body == expected
