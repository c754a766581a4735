"""`krav kommentarer mal|les|rapport`: the ISO/IEC commenting template, the guarded import and the report."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from utkast import DRAFT

from scripts.cli import main
from scripts.comments.importer import record_text, sender_code
from scripts.comments.template import DRAFT_CELL, FIRST_ROW, HEADER_ROW, HEADINGS, SHEET
from scripts.loading import load_content, load_repository
from scripts.vocabulary import COMMENT_TYPES, is_in_force

FRA = "NHO Geneo"


def template(root: Path, out: Path) -> Path:
    assert main(["kommentarer", "mal", "--utgave", DRAFT, "--ut", str(out), "--sti", str(root)]) == 0
    return out


def row_of(ws, prefix: str) -> int:
    for row in range(FIRST_ROW, ws.max_row + 1):
        if str(ws[f"C{row}"].value or "").startswith(prefix):
            return row
    raise AssertionError(prefix)


def fill(src: Path, dst: Path, edits: list[tuple[str | int, dict[str, object]]], change=None) -> Path:
    """Fill the template: each edit is (Punkt prefix or row number, {column letter: value})."""
    wb = openpyxl.load_workbook(src)
    ws = wb[SHEET]
    for where, cells in edits:
        row = where if isinstance(where, int) else row_of(ws, where)
        for column, value in cells.items():
            ws[f"{column}{row}"] = value
    if change:
        change(wb)
    wb.save(dst)
    return dst


def les(root: Path, path: Path, fra: str = FRA, draft: str = DRAFT) -> int:
    return main(["kommentarer", "les", str(path), "--utgave", draft, "--fra", fra, "--sti", str(root)])


def records(root: Path) -> dict[str, dict]:
    folder = root / "kommentarer" / DRAFT
    if not folder.is_dir():
        return {}
    out = {}
    for path in sorted(folder.glob("*.yaml")):
        loaded = load_content(f"kommentarer/{DRAFT}/{path.name}", "kommentar", path.read_bytes())
        assert loaded.valid, loaded.findings
        out[path.stem] = loaded.data
    return out


@pytest.fixture
def blank(fresh_draft_repo, tmp_path) -> Path:
    return template(fresh_draft_repo, tmp_path / "mal.xlsx")


# --- The template ----------------------------------------------------------------------------------------

def test_template_has_the_iso_columns_the_draft_and_one_row_per_place(draft_repo, tmp_path) -> None:
    wb = openpyxl.load_workbook(template(draft_repo, tmp_path / "mal.xlsx"))
    ws = wb[SHEET]
    assert tuple(c.value for c in ws[HEADER_ROW][:8]) == HEADINGS
    assert ws[DRAFT_CELL].value == DRAFT
    assert "prNS xxxx:2027" in ws["A1"].value and "prNS xxxx:2027" in ws.oddHeader.center.text
    places = [ws[f"C{r}"].value for r in range(FIRST_ROW, ws.max_row + 1) if ws[f"C{r}"].value]
    repo = load_repository(draft_repo)
    active = sorted(r.id for r in repo.krav.values() if is_in_force(r))
    ids = sorted(p.split()[1] for p in places if p[0].isdigit() and len(p.split()) > 1 and "-" in p.split()[1])
    assert ids == active
    assert places[0].startswith("Generelt") and "4 – Internkontroll" in places and places[-1] == "Bibliografi"
    assert any(p.startswith("4.1 IK-002 – ") for p in places)
    assert "IK-001" not in " ".join(places)  # withdrawn
    validation = ws.data_validations.dataValidation[0]
    assert validation.type == "list" and validation.formula1 == '"' + ",".join(COMMENT_TYPES) + '"'
    assert f"E{FIRST_ROW}" in str(validation.sqref)
    assert ws.protection.sheet
    assert ws[f"A{HEADER_ROW}"].protection.locked and ws[DRAFT_CELL].protection.locked
    assert not ws[f"F{FIRST_ROW}"].protection.locked and ws[f"H{FIRST_ROW}"].protection.locked
    assert "Veiledning" in wb.sheetnames and "ge (generell)" in " ".join(str(c.value) for c in wb["Veiledning"]["A"])


# --- Import ---------------------------------------------------------------------------------------------

TRAPS = ["no", "yes", "2023-01-01", "010", "key: value", "# not a comment", "&anchor *alias", "- item",
         '"quoted" and \'single\'', "line one\nline two", "{a: 1}", "@team #12", "null", "~"]


def test_import_writes_valid_records_that_read_back_exactly(fresh_draft_repo, blank, tmp_path) -> None:
    edits = [("4.1 ", {"A": FRA, "B": 66, "E": "te", "F": "Uklart hva som «skal» gjøres.", "G": "Ny tekst."}),
             ("Generelt", {"E": "GE", "F": "Generell kommentar."})]
    edits += [(FIRST_ROW + 100 + n, {"C": "4.2", "D": f"avsnitt {n}", "E": "ed", "F": trap}) for n, trap in enumerate(TRAPS)]
    assert les(fresh_draft_repo, fill(blank, tmp_path / "fylt.xlsx", edits)) == 0
    got = records(fresh_draft_repo)
    assert len(got) == 2 + len(TRAPS)
    first = got["NHO-GENEO-002"]  # «Generelt» comes first in the sheet
    assert first == {"id": "NHO-GENEO-002", "utgave": DRAFT, "fra": FRA, "linje": 66, "punkt": "4.1", "krav": "IK-002",
                     "type": "te", "kommentar": "Uklart hva som «skal» gjøres.", "forslag": "Ny tekst."}
    assert got["NHO-GENEO-001"]["type"] == "ge" and got["NHO-GENEO-001"]["punkt"] == "Generelt"
    assert sorted(d["kommentar"] for d in got.values() if d.get("avsnitt")) == sorted(TRAPS)
    assert all(d["krav"] == "IK-003" for d in got.values() if d.get("avsnitt"))


def test_reimport_adds_nothing_and_existing_records_are_never_overwritten(fresh_draft_repo, blank, tmp_path, capsys) -> None:
    folder = fresh_draft_repo / "kommentarer" / DRAFT
    folder.mkdir(parents=True)
    mine = 'id: "NHO-GENEO-001"\nutgave: "hoering-1"\nfra: "NHO Geneo"\npunkt: "4"\ntype: "ge"\nkommentar: "Fra før."\n'
    (folder / "NHO-GENEO-001.yaml").write_text(mine, encoding="utf-8")
    sheet = fill(blank, tmp_path / "fylt.xlsx", [("4.1 ", {"E": "te", "F": "En."}), ("4.2 ", {"E": "ed", "F": "To."})])
    assert les(fresh_draft_repo, sheet) == 0
    assert sorted(records(fresh_draft_repo)) == ["NHO-GENEO-001", "NHO-GENEO-002", "NHO-GENEO-003"]
    assert (folder / "NHO-GENEO-001.yaml").read_text(encoding="utf-8") == mine
    capsys.readouterr()
    assert les(fresh_draft_repo, sheet) == 0
    assert "0 nye kommentarer, 2 fantes fra før" in capsys.readouterr().out
    assert len(records(fresh_draft_repo)) == 3
    # the same sheet from another organisation is another organisation's comments
    assert les(fresh_draft_repo, sheet, fra="KS") == 0
    assert sorted(records(fresh_draft_repo))[:2] == ["KS-001", "KS-002"]


BAD = {
    "type": ([("4.1 ", {"E": "xx", "F": "k"})], None, "rad {row}, kolonne E («Type (ge/te/ed)»): feil [kommentar-type]", "4.1 "),
    "tom": ([("4.1 ", {"E": "te", "G": "forslag"})], None, "kolonne F («Kommentar»): feil [kommentar-tom]", "4.1 "),
    "punkt": ([(FIRST_ROW + 150, {"C": "99.9", "E": "te", "F": "k"})], None, "kolonne C («Punkt»): feil [kommentar-punkt-ukjent]", None),
    "id": ([(FIRST_ROW + 150, {"C": "4.1 IK-999", "E": "te", "F": "k"})], None, "feil [kommentar-krav-ukjent]", None),
    "id-og-punkt": ([(FIRST_ROW + 150, {"C": "4.2 IK-002", "E": "te", "F": "k"})], None, "feil [kommentar-krav-punkt]", None),
    "linje": ([("4.1 ", {"B": "tolv", "E": "te", "F": "k"})], None, "kolonne B («Linje»): feil [kommentar-linje]", "4.1 "),
    "kolonner": ([], lambda wb: wb[SHEET].cell(HEADER_ROW, 6, "Kommentarer"), "rad 4, kolonne F («Kommentar»): feil [kommentar-kolonner]", None),
    "annen-utgave": ([], lambda wb: wb[SHEET].__setitem__(DRAFT_CELL, "komiteutkast-1"), "rad 2, kolonne B («Linje»): feil [kommentar-annen-utgave]", None),
    "uten-utgave": ([], lambda wb: wb[SHEET].__setitem__(DRAFT_CELL, None), "feil [kommentar-uten-utgave]", None),
    "usynlig": ([("4.1 ", {"E": "te", "F": "skal\u202eikke"})], None,
                "rad {row}, kolonne F («Kommentar»): feil [kommentar-tegn] Teksten kan ikke lagres slik den står:", "4.1 "),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_sheet_names_sheet_row_and_column_and_imports_nothing(case, fresh_draft_repo, blank, tmp_path, capsys) -> None:
    edits, change, expected, prefix = BAD[case]
    good = [("Generelt", {"E": "ge", "F": "Denne raden er i orden."})]
    path = fill(blank, tmp_path / "feil.xlsx", good + edits, change)
    assert les(fresh_draft_repo, path) == 1
    out = capsys.readouterr().out
    row = row_of(openpyxl.load_workbook(path)[SHEET], prefix) if prefix else None
    assert "feil.xlsx: ark «Kommentarer»" in out
    assert expected.format(row=row) in out
    assert "Ingenting fra arket er importert." in out and "ingenting importert" in out
    assert records(fresh_draft_repo) == {}


def test_hostile_files_are_refused_before_reading(fresh_draft_repo, blank, tmp_path, capsys) -> None:
    bomb = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    assert les(fresh_draft_repo, bomb) == 1
    assert "[kommentar-fil-for-stor]" in capsys.readouterr().out

    entities = tmp_path / "entiteter.xlsx"
    with zipfile.ZipFile(blank) as src, zipfile.ZipFile(entities, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, sep, rest = data.partition(b"?>")
                doctype = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>'
                data = head + sep + doctype + rest if sep else doctype + data
            dst.writestr(info, data)
    assert les(fresh_draft_repo, entities) == 1
    assert "[kommentar-fil-mistenkelig]" in capsys.readouterr().out

    junk = tmp_path / "ikke.xlsx"
    junk.write_bytes(b"not a zip file at all")
    assert les(fresh_draft_repo, junk) == 1
    assert "[kommentar-fil-ulesbar]" in capsys.readouterr().out
    assert records(fresh_draft_repo) == {}


def test_sender_code_and_yaml_text() -> None:
    assert sender_code("NHO Geneo") == "NHO-GENEO"
    assert sender_code("Barneombudet (BO)") == "BARNEOMBUDET-BO"
    assert sender_code("Kirkens Bymisjon – Oslo") == "KIRKENS-BYMISJON-OSLO"
    assert sender_code("Fagforbundet Østfold") == "FAGFORBUNDET-ØSTFOLD"
    assert sender_code("!!!") == ""
    assert main(["kommentarer", "les", "x.xlsx", "--utgave", DRAFT, "--fra", "!!!"]) in (1, 2)
    text = record_text({"id": "A-001", "kommentar": "no\x07: x"})
    assert text == 'id: "A-001"\nkommentar: "no\\u0007: x"\n'


# --- Report ---------------------------------------------------------------------------------------------

def test_report_counts_lists_unhandled_and_returns_the_filled_template(fresh_draft_repo, blank, tmp_path, capsys) -> None:
    sheet = fill(blank, tmp_path / "fylt.xlsx", [("4.1 ", {"E": "te", "F": "En <b>kommentar</b> @team."}),
                                                  ("4.2 ", {"E": "ed", "F": "To."}), ("Forord", {"E": "ge", "F": "Tre."})])
    assert les(fresh_draft_repo, sheet) == 0
    path = next(p for p in (fresh_draft_repo / "kommentarer" / DRAFT).glob("*.yaml") if '"To."' in p.read_text("utf-8"))
    assert path.stem == "NHO-GENEO-003"  # Forord, 4.1, 4.2: in the order of the sheet
    path.write_text(path.read_text(encoding="utf-8") + 'behandling:\n  vedtak: akseptert\n  begrunnelse: "Rettet."\n'
                    '  dato: "2027-05-10"\n', encoding="utf-8")
    capsys.readouterr()
    root = ["--utgave", DRAFT, "--sti", str(fresh_draft_repo)]
    assert main(["kommentarer", "rapport", "--format", "json", *root]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["antall"] == 3 and data["per_type"] == {"ge": 1, "te": 1, "ed": 1}
    assert data["per_vedtak"]["akseptert"] == 1 and data["per_vedtak"]["ikke_behandlet"] == 2
    assert data["per_område"] == {"Internkontroll": 2, "Generelt og punktene før område-punktene": 1}
    assert [c["id"] for c in data["ikke_behandlet"]] == ["NHO-GENEO-001", "NHO-GENEO-002"]
    assert main(["kommentarer", "rapport", "--format", "markdown", *root]) == 0
    md = capsys.readouterr().out
    assert "<b>" not in md and "@team" not in md and "| akseptert | 1 |" in md
    assert main(["kommentarer", "rapport", "--format", "text", *root]) == 0
    assert "ikke behandlet: 2" in capsys.readouterr().out
    out = tmp_path / "tilbake.xlsx"
    assert main(["kommentarer", "rapport", "--format", "xlsx", "--ut", str(out), *root]) == 0
    ws = openpyxl.load_workbook(out)[SHEET]
    rows = {ws[f"F{r}"].value: ws[f"H{r}"].value for r in range(FIRST_ROW, ws.max_row + 1) if ws[f"F{r}"].value}
    assert rows["To."] == "Akseptert: Rettet. (10. mai 2027)"
    assert rows["Tre."] in (None, "")
    assert tuple(c.value for c in ws[HEADER_ROW][:8]) == HEADINGS


def test_kommentarer_without_action_and_unknown_draft(draft_repo, capsys) -> None:
    assert main(["kommentarer"]) == 2
    assert main(["kommentarer", "mal", "--utgave", "finnes-ikke", "--sti", str(draft_repo)]) == 2
    assert "fant ikke git-taggen «finnes-ikke»" in capsys.readouterr().err


def test_import_never_writes_through_a_linked_folder(fresh_draft_repo, blank, tmp_path, capsys) -> None:
    outside = tmp_path / "utenfor"
    outside.mkdir()
    (fresh_draft_repo / "kommentarer").symlink_to(outside, target_is_directory=True)
    sheet = fill(blank, tmp_path / "fylt.xlsx", [("4.1 ", {"E": "te", "F": "En."})])
    assert les(fresh_draft_repo, sheet) == 2
    assert "kan ikke skrives" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_dry_run_writes_nothing(fresh_draft_repo, blank, tmp_path, capsys) -> None:
    sheet = fill(blank, tmp_path / "fylt.xlsx", [("4.1 ", {"E": "te", "F": "En."})])
    assert main(["kommentarer", "les", str(sheet), "--utgave", DRAFT, "--fra", FRA, "--prøv",
                 "--sti", str(fresh_draft_repo)]) == 0
    assert "ingenting er skrevet" in capsys.readouterr().out
    assert records(fresh_draft_repo) == {}


# --- Property: no cell content crashes the import -----------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CELL = st.one_of(st.none(), st.integers(-10, 10**12), st.floats(allow_nan=True), st.booleans(),
                  st.text(max_size=40), st.sampled_from(["ge", "TE", " ed ", "4.1", "4.1 IK-002", "IK-003", "Tillegg A",
                                                         "Generelt", "0", "-1", "1e3", "=1+1"]))


@pytest.fixture(scope="module")
def places(draft_repo):
    from scripts.comments.importer import Places
    from scripts.document.outline import build_outline
    from scripts.document.source import load_source

    source = load_source(draft_repo, DRAFT)
    return Places(build_outline(source.repo, source.draft, source.version))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELL, min_size=8, max_size=9), max_size=6))
def test_any_cells_give_records_or_messages_never_a_crash(places, rows) -> None:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    from scripts.comments.importer import read_sheet
    from scripts.comments.template import HEADINGS as H

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws[DRAFT_CELL] = DRAFT
    for n, heading in enumerate(H, 1):
        ws.cell(HEADER_ROW, n, heading)
    for r, values in enumerate(rows, FIRST_ROW):
        for c, value in enumerate(values, 1):
            try:
                ws.cell(r, c, value)
            except (IllegalCharacterError, ValueError):
                pass  # a value no spreadsheet can hold never reaches the importer
    result = read_sheet(ws, "x.xlsx", DRAFT, places, FRA, set())
    for data in result.rows:
        text = record_text({"id": "NHO-GENEO-001", **data})
        loaded = load_content(f"kommentarer/{DRAFT}/NHO-GENEO-001.yaml", "kommentar", text.encode("utf-8"))
        assert loaded.valid, (data, loaded.findings)
        assert {k: v for k, v in loaded.data.items() if k != "id"} == data
    assert result.ok or result.rows == []


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029", "\x7f", "\x9f", "\ufeff", "\ufffe", "\t", "\r", "\\", '"',
                                  "\U0001f600", "\u202e", "\u200b"])
def test_written_text_reads_back_exactly_whatever_the_character(char) -> None:
    data = {"id": "A-001", "utgave": DRAFT, "fra": "A", "punkt": "4", "type": "ge", "kommentar": f"a{char}b{char}"}
    loaded = load_content(f"kommentarer/{DRAFT}/A-001.yaml", "kommentar", record_text(data).encode("utf-8"))
    assert loaded.data == data


def test_text_right_of_the_template_is_reported_not_dropped_silently(fresh_draft_repo, blank, tmp_path, capsys) -> None:
    sheet = fill(blank, tmp_path / "fylt.xlsx", [("4.1 ", {"E": "te", "F": "En.", "K": "egen notat"})])
    assert les(fresh_draft_repo, sheet) == 0
    out = capsys.readouterr().out
    assert "kolonne K: advarsel [kommentar-utenfor-skjemaet]" in out
    assert len(records(fresh_draft_repo)) == 1
