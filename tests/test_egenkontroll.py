"""krav egenkontroll: the XLSX/JSON/CSV form, reading filled forms, sammenlign and samsvar."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from scripts.cli import main
from scripts.loading import load_repository
from scripts.selfassessment.form import COLUMNS, Standard, blank_form, to_csv, to_json
from scripts.selfassessment.read import read_form
from scripts.selfassessment.xlsx import FIRST_ROW, HEADER_ROW, write_form

FIXTURES = Path(__file__).parent / "fixtures"
MAKSIMAL = FIXTURES / "gyldig" / "maksimal"
TITLE = "Standarder for barnevernsinstitusjoner"
V1 = Standard(TITLE, "komiteutkast-1", "2027-01-15", "prNS xxxx:2027")
V2 = Standard(TITLE, "v0.2", "2027-06-01")
LETTER = {c.id: openpyxl.utils.get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}


@pytest.fixture()
def repo_dir(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(MAKSIMAL, target, ignore=shutil.ignore_patterns("forventet.txt"))
    return target


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def form_bytes(standard: Standard = V1, root: Path = MAKSIMAL, **kwargs) -> bytes:
    return write_form(blank_form(load_repository(root), standard=standard, **kwargs))


# --- The XLSX form ---------------------------------------------------------------------------------

def test_xlsx_form_has_drop_downs_formulas_protection_and_print_setup(tmp_path: Path) -> None:
    path = tmp_path / "skjema.xlsx"
    path.write_bytes(form_bytes())
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Egenkontroll", "Sammendrag", "Om skjemaet", "_skjema"]
    ws = wb["Egenkontroll"]
    last = FIRST_ROW + 3  # four provisions in force: IK-001, IK-002, IK-004, BE-001
    assert [ws.cell(HEADER_ROW, i + 1).value for i in range(len(COLUMNS))] == [c.header for c in COLUMNS]
    assert [ws[f"B{r}"].value for r in range(FIRST_ROW, last + 1)] == ["IK-001", "IK-002", "IK-004", "BE-001"]
    assert [ws[f"A{r}"].value for r in range(FIRST_ROW, last + 1)] == ["4.1", "4.2", "4.3", "5.1"]
    assert [ws[f"C{r}"].value for r in range(FIRST_ROW, last + 1)] == ["skal", "bør", "kan", "skal"]
    assert ws[f"F{FIRST_ROW}"].value == "dokumentgjennomgang, intervju"
    # Drop-down for the answer, date validation for the deadline.
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    answer = validations[f"{LETTER['vurdering']}{FIRST_ROW}:{LETTER['vurdering']}{last}"]
    assert answer.type == "list"
    assert answer.formula1 == '"oppfylt,delvis oppfylt,ikke oppfylt,ikke relevant"'
    assert answer.showErrorMessage
    deadline = validations[f"{LETTER['frist']}{FIRST_ROW}:{LETTER['frist']}{last}"]
    assert (deadline.type, deadline.operator, deadline.formula1) == ("date", "between", "DATE(2000,1,1)")
    assert ws[f"{LETTER['frist']}{FIRST_ROW}"].number_format == "DD.MM.YYYY"
    # «Ikke relevant» without a reason is highlighted.
    rules = {str(r.sqref): r for r in ws.conditional_formatting}
    reason_rule = rules[f"{LETTER['begrunnelse']}{FIRST_ROW}:{LETTER['begrunnelse']}{last}"].rules[0]
    assert reason_rule.formula == [f'AND($G{FIRST_ROW}="ikke relevant",LEN(TRIM($H{FIRST_ROW}))=0)']
    # Headers and the standard's text are protected; answer cells are not.
    assert ws.protection.sheet
    assert ws["A1"].protection.locked and ws[f"A{HEADER_ROW}"].protection.locked
    assert ws[f"E{FIRST_ROW}"].protection.locked
    for row in (FIRST_ROW, last):  # styles are copied from the first row to the others
        assert ws[f"E{row}"].protection.locked and ws[f"E{row}"].border.left.style == "thin"
        for column in ("vurdering", "begrunnelse", "dokumentasjon", "tiltak", "ansvarlig", "frist"):
            assert not ws[f"{LETTER[column]}{row}"].protection.locked, column
        assert ws[f"{LETTER['frist']}{row}"].number_format == "DD.MM.YYYY"
    # Printable: landscape, fitted to the width, headings repeated on every page.
    for sheet in ("Egenkontroll", "Sammendrag", "Om skjemaet"):
        page = wb[sheet]
        assert page.print_title_rows == f"$1:${HEADER_ROW}", sheet
        assert page.page_setup.orientation == "landscape"
        assert (page.page_setup.fitToWidth, page.page_setup.fitToHeight) == (1, 0)
        assert page.sheet_properties.pageSetUpPr.fitToPage
        # The standard's version and date on every sheet and every printed page.
        assert page["A2"].value == "Versjon komiteutkast-1 (prNS xxxx:2027), 15. januar 2027", sheet
        assert "versjon komiteutkast-1" in page.oddHeader.center.text
    # The summary counts itself.
    summary = wb["Sammendrag"]
    assert summary["B5"].value == "Internkontroll" and summary["B6"].value == "Bemanning"
    assert summary["C5"].value == f"=COUNTIF('Egenkontroll'!$A${FIRST_ROW}:$A${last},\"4.*\")"
    assert summary["D5"].value == (f"=COUNTIFS('Egenkontroll'!$A${FIRST_ROW}:$A${last},\"4.*\","
                                   f"'Egenkontroll'!$G${FIRST_ROW}:$G${last},\"oppfylt\")")
    assert summary["C7"].value.startswith("=COUNTIF(") and summary["B7"].value == "Alle"
    assert summary["B9"].value == "«Ikke relevant» uten begrunnelse"
    assert [summary[f"A{r}"].value for r in (12, 13, 14)] == ["skal", "bør", "kan"]
    assert summary["E13"].value == (f"=COUNTIFS('Egenkontroll'!$C${FIRST_ROW}:$C${last},\"bør\","
                                    f"'Egenkontroll'!$G${FIRST_ROW}:$G${last},\"delvis oppfylt\")")
    # The hidden marker identifies the standard and version.
    marker = wb["_skjema"]
    assert marker.sheet_state == "hidden"
    assert {r[0].value: r[1].value for r in marker.iter_rows()} == {
        "format": "krav-egenkontroll", "formatversjon": "1", "tittel": TITLE, "versjon": "komiteutkast-1",
        "dato": "2027-01-15", "betegnelse": "prNS xxxx:2027", "områder": None, "gjelder_for": None}


def test_record_text_never_becomes_a_formula(repo_dir: Path, tmp_path: Path) -> None:
    record = repo_dir / "krav" / "internkontroll" / "IK-001.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("tittel: Skriftlig internkontroll",
                                                                 'tittel: "=HYPERLINK(\\"http://x\\")"'),
                      encoding="utf-8")
    path = tmp_path / "f.xlsx"
    path.write_bytes(form_bytes(root=repo_dir))
    cell = openpyxl.load_workbook(path)["Egenkontroll"][f"D{FIRST_ROW}"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")
    csv_text = to_csv(blank_form(load_repository(repo_dir), standard=V1)).decode("utf-8-sig")
    assert '"\'=HYPERLINK(' in csv_text


def test_json_and_csv_forms_have_the_same_columns() -> None:
    form = blank_form(load_repository(MAKSIMAL), standard=V1)
    document = json.loads(to_json(form))
    assert document["format"] == "krav-egenkontroll" and document["formatversjon"] == 1
    assert document["standard"] == {"tittel": TITLE, "versjon": "komiteutkast-1", "dato": "2027-01-15",
                                    "betegnelse": "prNS xxxx:2027"}
    assert list(document["rader"][0]) == [c.id for c in COLUMNS]
    data = to_csv(form)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == f"krav-egenkontroll;1;{TITLE};komiteutkast-1;2027-01-15;prNS xxxx:2027;;"
    assert lines[1] == ";".join(c.header for c in COLUMNS)
    assert lines[2].startswith("4.1;IK-001;skal;Skriftlig internkontroll;")


# --- The filter by gjelder_for on the command line ---------------------------------------------------

def test_skjema_filters_by_gjelder_for(capsys, repo_dir: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "statlig.json"
    code, out, err = run(capsys, "egenkontroll", "skjema", "--sti", str(repo_dir), "--gjelder", "eierform=statlig",
                         "--ut", str(out_file))
    assert (code, err) == (0, "")
    assert out == f"Skrev {out_file}: skjema for egenkontroll med 3 bestemmelser ({TITLE}, versjon ukjent).\n"
    document = json.loads(out_file.read_text(encoding="utf-8"))
    assert [r["id"] for r in document["rader"]] == ["IK-002", "IK-004", "BE-001"]
    assert [r["punkt"] for r in document["rader"]] == ["4.2", "4.3", "5.1"]  # the standard's numbers
    assert document["utvalg"] == {"områder": [], "gjelder_for": {"eierform": "statlig"}}
    code, out, err = run(capsys, "egenkontroll", "skjema", "--sti", str(repo_dir), "--gjelder",
                         "eierform=kommunal,institusjonstype=akutt", "--område", "internkontroll",
                         "--ut", str(tmp_path / "k.csv"))
    assert code == 0
    rows = (tmp_path / "k.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    assert [r.split(";")[1] for r in rows[2:] if r] == ["IK-001", "IK-002", "IK-004"]
    code, out, err = run(capsys, "egenkontroll", "skjema", "--sti", str(repo_dir), "--gjelder", "eierform=kommunl")
    assert code == 2 and out == ""
    assert err == ("krav: «kommunl» er ikke en eierform i mandatet. Mente du «kommunal»? "
                   "Mandatets eierformer er «statlig», «kommunal» og «privat».\n")


def test_skjema_never_overwrites_without_asking(capsys, repo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "skjema.xlsx"
    target.write_bytes(b"utfylt")
    code, out, err = run(capsys, "egenkontroll", "skjema", "--sti", str(repo_dir), "--ut", str(target))
    assert code == 2 and target.read_bytes() == b"utfylt"
    assert err == f"krav: «{target}» finnes allerede; ingenting er skrevet. Bruk --overskriv for å skrive over den.\n"
    code, _, _ = run(capsys, "egenkontroll", "skjema", "--sti", str(repo_dir), "--ut", str(target), "--overskriv")
    assert code == 0 and target.read_bytes().startswith(b"PK")
    code, _, err = run(capsys, "egenkontroll", "skjema", "--sti", str(repo_dir), "--ut", str(target), "--overskriv",
                       "--format", "csv")
    assert (code, err) == (2, f"krav: «{target}» har endelsen .xlsx, men --format er csv; ingenting er skrevet.\n")


# --- Round trip: form -> filled in -> sammenlign / samsvar ------------------------------------------------

def fill_xlsx(path: Path, answers: dict[str, dict]) -> None:
    """Fill a form the way a person would in Excel: by cell, in the answer columns."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Egenkontroll"]
    for row in range(FIRST_ROW, ws.max_row + 1):
        ident = ws[f"B{row}"].value
        for column, value in answers.get(ident, {}).items():
            ws[f"{LETTER[column]}{row}"] = value
    wb.save(path)


@pytest.fixture()
def rounds(repo_dir: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """Round 1: an XLSX form of version 1, filled in. Round 2: a JSON form of version 2, in
    which IK-002's text changed and IK-005 is new, filled in."""
    before = tmp_path / "runde1.xlsx"
    before.write_bytes(form_bytes(V1, repo_dir))
    fill_xlsx(before, {
        "IK-001": {"vurdering": "delvis oppfylt", "tiltak": "Oppdatere rutinene", "ansvarlig": "Leder",
                   "frist": dt.date(2027, 3, 31)},
        "IK-002": {"vurdering": "ikke oppfylt"},
        "IK-004": {"vurdering": "oppfylt", "dokumentasjon": "Kvalitetshåndbok kap. 2"},
        "BE-001": {"vurdering": "oppfylt", "dokumentasjon": "Turnusplan 2027"},
    })
    record = repo_dir / "krav" / "internkontroll" / "IK-002.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("første uken", "første måneden"), encoding="utf-8")
    (repo_dir / "krav" / "internkontroll" / "IK-005.yaml").write_text(
        "id: IK-005\ntittel: Ledelsens gjennomgang\nområde: internkontroll\ntype: krav\n"
        "tekst: Ledelsen skal gå gjennom internkontrollen hvert år.\nutover_lov: true\n"
        "verifisering: [dokumentgjennomgang]\nstatus: forslag\n", encoding="utf-8")
    form = blank_form(load_repository(repo_dir), standard=V2)
    answers = {"IK-001": {"vurdering": "oppfylt", "dokumentasjon": "Kvalitetshåndbok kap. 1"},
               "IK-002": {"vurdering": "delvis"},
               "IK-004": {"vurdering": "ikke_relevant", "begrunnelse": "Vi fører rutinene på papir @alle"},
               "IK-005": {"vurdering": "ikke_oppfylt", "tiltak": "Sette av møte", "ansvarlig": "Styret",
                          "frist": "2027-09-01"},
               "BE-001": {"vurdering": "delvis", "tiltak": "Ny turnus <b>nå</b>", "frist": "2027-08-15"}}
    for row in form.rows:
        row.update(answers.get(row["id"], {}))
    after = tmp_path / "runde2.json"
    after.write_text(to_json(form), encoding="utf-8")
    return before, after, repo_dir


SAMMENLIGN_TEXT = f"""\
Sammenligning av to runder egenkontroll
FØR:   {{before}}: {TITLE} (prNS xxxx:2027), versjon komiteutkast-1, 15. januar 2027
ETTER: {{after}}: {TITLE}, versjon v0.2, 1. juni 2027
Vurderinger FØR:   oppfylt 2, delvis oppfylt 1, ikke oppfylt 1, ikke relevant 0, ikke vurdert 0.
Vurderinger ETTER: oppfylt 1, delvis oppfylt 2, ikke oppfylt 1, ikke relevant 1, ikke vurdert 0.
Endringer: dårligere 1, bedre 1, endret i standarden 1, ny i standarden 1, kan ikke sammenlignes 1.

Dårligere (1):
  5.1 BE-001 Våkne voksne om natten: oppfylt → delvis oppfylt

Bedre (1):
  4.1 IK-001 Skriftlig internkontroll: delvis oppfylt → oppfylt

Endret i standarden (1):
  4.2 IK-002 Opplæring i rutinene: ikke oppfylt → delvis oppfylt (teksten er endret)

Ny i standarden (1):
  4.4 IK-005 Ledelsens gjennomgang: ikke vurdert → ikke oppfylt

Kan ikke sammenlignes (1):
  4.3 IK-004 Digitale rutiner: oppfylt → ikke relevant
"""


def test_round_trip_sammenlign_text(capsys, rounds) -> None:
    before, after, root = rounds
    code, out, err = run(capsys, "egenkontroll", "sammenlign", str(before), str(after), "--sti", str(root))
    assert (code, err) == (0, "")
    assert out == SAMMENLIGN_TEXT.format(before=before, after=after)


def test_round_trip_sammenlign_markdown_and_xlsx(capsys, rounds, tmp_path: Path) -> None:
    before, after, root = rounds
    code, out, err = run(capsys, "egenkontroll", "sammenlign", str(before), str(after), "--sti", str(root),
                         "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "# Sammenligning av to runder egenkontroll"
    assert "| 4\\.2 | IK\\-002 | Opplæring i rutinene | ikke oppfylt | delvis oppfylt | endret i standarden: " \
           "teksten er endret |" in lines
    assert "| Dårligere | 1 |" in lines
    target = tmp_path / "sammenligning.xlsx"
    code, out, err = run(capsys, "egenkontroll", "sammenlign", str(before), str(after), "--sti", str(root),
                         "--format", "xlsx", "--ut", str(target))
    assert (code, out, err) == (0, "", "")
    ws = openpyxl.load_workbook(target)["Sammenligning"]
    assert [c.value for c in ws[4]] == ["Punkt", "Id", "Tittel", "Før", "Etter", "Endring"]
    assert [c.value for c in ws[5]] == ["4.1", "IK-001", "Skriftlig internkontroll", "delvis oppfylt", "oppfylt", "bedre"]
    assert ws.print_title_rows == "$1:$4" and ws["A2"].value == "Versjon v0.2, 1. juni 2027"


SAMSVAR_TEXT = f"""\
Samsvarsmatrise
Standard: {TITLE}, versjon v0.2, 1. juni 2027
Skjema: {{after}}
Utvalg: alle områder, for alle eierformer og institusjonstyper
Vurderinger: oppfylt 1, delvis oppfylt 2, ikke oppfylt 1, ikke relevant 1, ikke vurdert 0.

4.1 IK-001 (skal) Skriftlig internkontroll: oppfylt. Dokumentasjon: Kvalitetshåndbok kap. 1
4.2 IK-002 (bør) Opplæring i rutinene: delvis oppfylt. Dokumentasjon: –
4.3 IK-004 (kan) Digitale rutiner: ikke relevant. Dokumentasjon: –
    Begrunnelse: Vi fører rutinene på papir @alle
4.4 IK-005 (skal) Ledelsens gjennomgang: ikke oppfylt. Dokumentasjon: –
5.1 BE-001 (skal) Våkne voksne om natten: delvis oppfylt. Dokumentasjon: –

Avvik og mangler (3):
  4.2 IK-002 Opplæring i rutinene: delvis oppfylt (ingen tiltak er beskrevet)
  4.4 IK-005 Ledelsens gjennomgang: ikke oppfylt (tiltak: Sette av møte; ansvarlig: Styret; frist: 1. september 2027)
  5.1 BE-001 Våkne voksne om natten: delvis oppfylt (tiltak: Ny turnus <b>nå</b>; frist: 15. august 2027)
"""


def test_round_trip_samsvar(capsys, rounds, tmp_path: Path) -> None:
    before, after, root = rounds
    code, out, err = run(capsys, "egenkontroll", "samsvar", str(after), "--sti", str(root))
    assert (code, err) == (0, "")
    assert out == SAMSVAR_TEXT.format(after=after)
    code, out, err = run(capsys, "egenkontroll", "samsvar", str(after), "--sti", str(root), "--format", "markdown")
    assert code == 0
    assert "| 4\\.3 | IK\\-004 | kan | Digitale rutiner | ikke relevant | begrunnelse: Vi fører rutinene på papir " \
           "&#64;alle |" in out  # record and form text is shown as text: no mention, no HTML
    assert "Ny turnus &lt;b&gt;nå&lt;/b&gt;" in out
    target = tmp_path / "samsvar.xlsx"
    code, out, err = run(capsys, "egenkontroll", "samsvar", str(before), "--sti", str(root), "--format", "xlsx",
                         "--ut", str(target))
    assert (code, err) == (0, "")
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Samsvarsmatrise", "Avvik og mangler"]
    matrix = wb["Samsvarsmatrise"]
    assert [c.value for c in matrix[7]] == ["4.3", "IK-004", "kan", "Digitale rutiner", "oppfylt",
                                            "Kvalitetshåndbok kap. 2", None]
    gaps = wb["Avvik og mangler"]
    assert [c.value for c in gaps[5]] == ["4.1", "IK-001", "Skriftlig internkontroll", "delvis oppfylt",
                                          "Oppdatere rutinene", "Leder", "31. mars 2027"]
    assert gaps.max_row == 6 and gaps["D6"].value == "ikke oppfylt"


def test_the_three_formats_read_the_same(rounds, tmp_path: Path) -> None:
    before, after, root = rounds
    repo = load_repository(root)
    first = read_form(after, repo)
    assert first.ok, [p.format() for p in first.problems]
    (tmp_path / "same.csv").write_bytes(to_csv(first.form))
    (tmp_path / "same.xlsx").write_bytes(write_form(first.form))
    for name in ("same.csv", "same.xlsx"):
        again = read_form(tmp_path / name, repo)
        assert again.ok, [p.format() for p in again.problems]
        assert again.form.rows == first.form.rows, name
        assert again.form.standard == first.form.standard


# --- Bad files ------------------------------------------------------------------------------------------------

def messages(path: Path, root: Path = MAKSIMAL) -> list[str]:
    reading = read_form(path, load_repository(root), label=path.name)
    assert not reading.ok
    return [p.format() for p in reading.problems]


def edited_form(tmp_path: Path, edit, name: str = "skjema.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(form_bytes())
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def test_bad_answers_reasons_ids_and_deadlines_name_sheet_row_and_column(tmp_path: Path) -> None:
    def edit(wb):
        ws = wb["Egenkontroll"]
        ws[f"G{FIRST_ROW}"] = "delvis ok"
        ws[f"G{FIRST_ROW + 1}"] = "ikke relevant"
        ws[f"B{FIRST_ROW + 2}"] = "IK-044"
        ws[f"L{FIRST_ROW + 3}"] = "neste uke"
        ws[f"I{FIRST_ROW + 5}"] = "Notat uten id"
    assert messages(edited_form(tmp_path, edit)) == [
        "skjema.xlsx: ark «Egenkontroll», rad 5, kolonne «Vurdering» (G): feil [egenkontroll-ukjent-vurdering] "
        "«delvis ok» er ikke en vurdering. Mente du «delvis oppfylt»?\n"
        "    Velg en av «oppfylt», «delvis oppfylt», «ikke oppfylt» og «ikke relevant».",
        "skjema.xlsx: ark «Egenkontroll», rad 6, kolonne «Begrunnelse (ikke relevant)» (H): feil "
        "[egenkontroll-mangler-begrunnelse] Vurderingen er «ikke relevant», men kolonnen «Begrunnelse (ikke relevant)» "
        "er tom.\n    Skriv hvorfor bestemmelsen ikke gjelder for institusjonen.",
        "skjema.xlsx: ark «Egenkontroll», rad 8, kolonne «Frist» (L): feil [egenkontroll-ugyldig-frist] "
        "«neste uke» er ikke en dato.\n    Skriv fristen som dato, for eksempel «31.03.2027» eller «2027-03-31».",
        "skjema.xlsx: ark «Egenkontroll», rad 10, kolonne «Id» (B): feil [egenkontroll-mangler-id] Raden har svar, "
        "men ingen id i kolonnen «Id».\n    Skriv inn id-en til bestemmelsen raden gjelder.",
        "skjema.xlsx: ark «Egenkontroll», rad 7, kolonne «Id» (B): feil [egenkontroll-ukjent-id] Id-en «IK-044» er ikke "
        "en bestemmelse i standarden. Mente du «IK-004»?",
    ]


def test_wrong_columns(tmp_path: Path) -> None:
    def edit(wb):
        ws = wb["Egenkontroll"]
        ws[f"J{HEADER_ROW}"] = "Tiltak og plan"
    assert messages(edited_form(tmp_path, edit)) == [
        "skjema.xlsx: ark «Egenkontroll», rad 4, kolonne «Tiltak og plan» (J): feil [egenkontroll-kolonne-ukjent] "
        "Kolonnen «Tiltak og plan» hører ikke til skjemaet. Mente du «Tiltak»?\n"
        "    Overskriftsraden skal ha kolonnene «Punkt», «Id», «Type», «Tittel», «Tekst», «Slik kontrolleres det», "
        "«Vurdering», «Begrunnelse (ikke relevant)», «Dokumentasjon», «Tiltak», «Ansvarlig» og «Frist»; skriv egne "
        "merknader i «Dokumentasjon» eller «Tiltak».",
        "skjema.xlsx: ark «Egenkontroll», rad 4: feil [egenkontroll-kolonne-mangler] Kolonnen «Tiltak» mangler i "
        "overskriftsraden.\n    Overskriftsraden skal ha kolonnene «Punkt», «Id», «Type», «Tittel», «Tekst», "
        "«Slik kontrolleres det», «Vurdering», «Begrunnelse (ikke relevant)», «Dokumentasjon», «Tiltak», «Ansvarlig» "
        "og «Frist».",
    ]


def test_a_column_twice(tmp_path: Path) -> None:
    def edit(wb):
        wb["Egenkontroll"][f"M{HEADER_ROW}"] = "tiltak"
    assert messages(edited_form(tmp_path, edit)) == [
        "skjema.xlsx: ark «Egenkontroll», rad 4, kolonne «tiltak» (M): feil [egenkontroll-kolonne-dobbel] Kolonnen "
        "«tiltak» står mer enn én gang i overskriftsraden.\n    Slett den ene kolonnen, eller flytt innholdet til "
        "«Dokumentasjon» eller «Tiltak»."]


def test_a_form_for_another_standard(tmp_path: Path) -> None:
    def edit(wb):
        wb["_skjema"]["B3"] = "Standard for skoler"
    assert messages(edited_form(tmp_path, edit)) == [
        "skjema.xlsx: feil [egenkontroll-annen-standard] Skjemaet er laget for standarden «Standard for skoler», "
        f"ikke for «{TITLE}».\n    Bruk et skjema laget fra denne standarden."]


def test_a_workbook_without_the_marker(tmp_path: Path) -> None:
    path = tmp_path / "egen.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Id"
    wb.save(path)
    assert messages(path) == [
        "egen.xlsx: feil [egenkontroll-ikke-skjema] Filen er ikke et egenkontrollskjema fra standarden: merket "
        "«krav-egenkontroll» mangler (det skjulte arket «_skjema»).\n    Lag skjemaet med «krav egenkontroll skjema» "
        "(eller eksporter det fra sjekklisten på nettstedet) og fyll ut det."]


def zip_of(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_files_that_are_not_workbooks(tmp_path: Path) -> None:
    (tmp_path / "tekst.xlsx").write_text("Vurdering;Id\n", encoding="utf-8")
    (tmp_path / "zip.xlsx").write_bytes(zip_of({"readme.txt": b"hei"}))
    (tmp_path / "kort.xlsx").write_bytes(form_bytes()[:2000])
    (tmp_path / "skjema.pdf").write_bytes(b"%PDF-1.7")
    assert messages(tmp_path / "tekst.xlsx") == [
        "tekst.xlsx: feil [egenkontroll-ikke-xlsx] Filen er ikke en Excel-arbeidsbok (.xlsx): den er ikke en "
        "zip-pakke slik en arbeidsbok er.\n    Åpne filen i Excel eller LibreOffice og lagre den som "
        "«Excel-arbeidsbok (.xlsx)»."]
    assert messages(tmp_path / "zip.xlsx")[0].startswith(
        "zip.xlsx: feil [egenkontroll-ikke-xlsx] Filen er ikke en Excel-arbeidsbok (.xlsx): zip-pakken har ingen "
        "arbeidsbok i seg.")
    assert messages(tmp_path / "kort.xlsx")[0].startswith(
        "kort.xlsx: feil [egenkontroll-ikke-xlsx] Filen er ikke en Excel-arbeidsbok (.xlsx): zip-pakken er skadet")
    assert messages(tmp_path / "skjema.pdf")[0].startswith(
        "skjema.pdf: feil [egenkontroll-filtype] Filen har endelsen «.pdf»; et skjema er en .xlsx-, .json- eller "
        ".csv-fil.")
    assert messages(tmp_path / "finnes-ikke.xlsx") == [
        "finnes-ikke.xlsx: feil [egenkontroll-ulesbar] Filen kan ikke leses: den finnes ikke."]


def test_hostile_zips_are_refused_before_parsing(tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.xlsx"
    bomb.write_bytes(zip_of({"[Content_Types].xml": b"<a/>", "xl/workbook.xml": b"<a/>",
                             "xl/worksheets/sheet1.xml": b"0" * (101 * 1024 * 1024)}))
    assert bomb.stat().st_size < 1024 * 1024  # small on disk, huge unpacked
    assert messages(bomb)[0].startswith("bombe.xlsx: feil [egenkontroll-farlig-pakke] Arbeidsboken leses ikke "
                                        "fordi den pakker seg ut til 101 MiB (grensen er 100 MiB).")
    many = tmp_path / "mange.xlsx"
    many.write_bytes(zip_of({f"x/{n}.xml": b"" for n in range(600)}))
    assert "den har 600 deler" in messages(many)[0]
    climb = tmp_path / "klatre.xlsx"
    climb.write_bytes(zip_of({"[Content_Types].xml": b"<a/>", "xl/workbook.xml": b"<a/>", "../../etc/x": b""}))
    assert "delen «../../etc/x» har et navn som peker ut av pakken" in messages(climb)[0]
    # Entity expansion inside the workbook's XML: defusedxml stops it.
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
                         for n in range(1, 9))
              + b']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol8;</workbook>')
    real = zipfile.ZipFile(io.BytesIO(form_bytes()))
    parts = {name: real.read(name) for name in real.namelist()}
    parts["xl/workbook.xml"] = laughs
    entity = tmp_path / "entiteter.xlsx"
    entity.write_bytes(zip_of(parts))
    assert messages(entity)[0].startswith("entiteter.xlsx: feil [egenkontroll-farlig-pakke] Arbeidsboken leses ikke "
                                          "fordi XML-en i den bruker entiteter eller DTD-er")


def test_bad_json_and_csv(tmp_path: Path) -> None:
    form = blank_form(load_repository(MAKSIMAL), standard=V1)
    (tmp_path / "syntaks.json").write_text('{"format": "krav-egenkontroll",\n "rader": [}', encoding="utf-8")
    assert messages(tmp_path / "syntaks.json") == [
        "syntaks.json: feil [egenkontroll-json-syntaks] Filen er ikke gyldig JSON: en verdi mangler (linje 2, tegn 12)."]
    document = json.loads(to_json(form))
    document["rader"][1]["vurdering"] = "ja"
    document["rader"][2]["kommentar"] = "ekstra"
    (tmp_path / "felt.json").write_text(json.dumps(document), encoding="utf-8")
    assert messages(tmp_path / "felt.json") == [
        "felt.json: rad 3 i «rader», felt «kommentar»: feil [egenkontroll-felt-ukjent] Feltet «kommentar» hører "
        "ikke til en rad i skjemaet.\n    En rad har feltene «punkt», «id», «type», «tittel», «tekst», "
        "«verifisering», «vurdering», «begrunnelse», «dokumentasjon», «tiltak», «ansvarlig» og «frist»; skriv egne "
        "merknader i «dokumentasjon» eller «tiltak».",
        "felt.json: rad 2 i «rader», felt «vurdering»: feil [egenkontroll-ukjent-vurdering] «ja» er ikke en "
        "vurdering.\n    Velg en av «oppfylt», «delvis oppfylt», «ikke oppfylt» og «ikke relevant».",
    ]
    (tmp_path / "latin1.csv").write_bytes(to_csv(form).decode("utf-8-sig").encode("latin-1", "replace"))
    assert messages(tmp_path / "latin1.csv")[0].startswith(
        "latin1.csv: feil [egenkontroll-tegnkoding] Filen er ikke UTF-8-tekst (byte 0x")
    (tmp_path / "uten-merke.csv").write_text("Punkt;Id\n4.1;IK-001\n", encoding="utf-8")
    assert messages(tmp_path / "uten-merke.csv")[0].startswith(
        "uten-merke.csv: rad 1: feil [egenkontroll-ikke-skjema] Filen er ikke et egenkontrollskjema fra standarden: "
        "merket «krav-egenkontroll» mangler på første linje.")
    (tmp_path / "ark.csv").write_text("Egenkontroll: Standarder for barnevernsinstitusjoner;;\nVersjon v1;;\n",
                                      encoding="utf-8")
    assert "filen ser ut som arket «Egenkontroll» lagret som CSV: les inn .xlsx-filen i stedet" in \
        messages(tmp_path / "ark.csv")[0]


def test_cli_reports_bad_forms_without_traceback(capsys, tmp_path: Path) -> None:
    def edit(wb):
        wb["Egenkontroll"][f"G{FIRST_ROW}"] = "kanskje"
    path = edited_form(tmp_path, edit)
    code, out, err = run(capsys, "egenkontroll", "samsvar", str(path), "--sti", str(MAKSIMAL))
    assert code == 1 and out == ""
    assert err.splitlines()[-1] == f"krav: {path} kan ikke brukes: 1 feil. Rett skjemaet og prøv igjen."
    assert "Traceback" not in err
    other = tmp_path / "annen.json"
    document = json.loads(to_json(blank_form(load_repository(MAKSIMAL), standard=V1)))
    other.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run(capsys, "egenkontroll", "sammenlign", str(path), str(other), "--sti", str(MAKSIMAL))
    assert code == 1
    code, out, err = run(capsys, "egenkontroll", "samsvar", str(other), "--sti", str(MAKSIMAL), "--format", "xlsx")
    assert (code, err) == (2, "krav: --format xlsx trenger --ut FIL (en arbeidsbok skrives ikke til skjermen).\n")


# --- Arbitrary input never crashes the reader ---------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_VALID = {}


def _valid(kind: str) -> bytes:
    if kind not in _VALID:
        form = blank_form(load_repository(MAKSIMAL), standard=V1)
        _VALID[kind] = {"xlsx": lambda: write_form(form), "json": lambda: to_json(form).encode("utf-8"),
                        "csv": lambda: to_csv(form)}[kind]()
    return _VALID[kind]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["xlsx", "json", "csv"]), cuts=st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=8)),
                                                                  max_size=4))
def test_damaged_forms_give_messages_not_exceptions(tmp_path_factory, kind: str, cuts) -> None:
    data = bytearray(_valid(kind))
    for at, chunk in cuts:
        at %= len(data)
        data[at:at + len(chunk)] = chunk
    path = tmp_path_factory.mktemp("f") / f"skjema.{kind}"
    path.write_bytes(bytes(data))
    reading = read_form(path, load_repository(MAKSIMAL))
    assert reading.form is not None or reading.problems
    for problem in reading.problems:
        assert problem.format().count("\n") <= 1


def test_the_form_names_the_published_draft_when_head_is_its_tag(repo_dir: Path) -> None:
    import subprocess

    from scripts.selfassessment.form import standard_of

    (repo_dir / "utgaver").mkdir(exist_ok=True)  # the maximal fixture has drafts already
    (repo_dir / "utgaver" / "komiteutkast-1.yaml").write_text(
        'id: komiteutkast-1\nbetegnelse: prNS xxxx:2027\nstadium: komitéutkast\ndato: "2027-01-15"\n', encoding="utf-8")
    git = ["git", "-C", str(repo_dir), "-c", "user.name=t", "-c", "user.email=t@example.invalid",
           "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "utkast"], check=True)
    repo = load_repository(repo_dir)
    plain = standard_of(repo, repo_dir)
    assert plain.betegnelse is None and len(plain.versjon) >= 7  # an abbreviated commit id
    subprocess.run([*git, "tag", "komiteutkast-1"], check=True)
    tagged = standard_of(repo, repo_dir)
    assert tagged == Standard(TITLE, "komiteutkast-1", "2027-01-15", "prNS xxxx:2027")


def test_a_real_process_reports_a_hostile_file_in_norwegian(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "skjema.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    done = subprocess.run([sys.executable, "-m", "scripts", "egenkontroll", "samsvar", str(bad), "--sti", str(MAKSIMAL)],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1], timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == (
        f"{bad}: feil [egenkontroll-ikke-xlsx] Filen er ikke en Excel-arbeidsbok (.xlsx): zip-pakken er skadet eller "
        "ufullstendig.\n    Åpne filen i Excel eller LibreOffice og lagre den som «Excel-arbeidsbok (.xlsx)».\n"
        f"krav: {bad} kan ikke brukes: 1 feil. Rett skjemaet og prøv igjen.\n")
