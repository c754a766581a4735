"""krav eksport and the static API: the export model, every format, the schemas and the round trip.

Golden files for the small fixture repository are in tests/export/fasit/;
`KRAV_OPPDATER_FASIT=1 pytest tests/export` rewrites them (review the diff).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scripts.export.model import INTERNAL_FIELDS

from scripts.export import api, formats
from scripts.export.cli import export_bytes
from scripts.export.model import Draft, build_export
from scripts.export.reimport import records_from_export, write_repository, yaml_text
from scripts.export.reqif_format import object_values, reqif_export, text_of_xhtml
from scripts.loading import load_repository

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
FIXTURE = HERE / "fixtures" / "liten"
GOLDEN = HERE / "fasit"
SCHEMAS = PROJECT / "schemas" / "eksport" / "v1"
DRAFT = Draft("arbeidsutkast", "v0-test", "2026-12-01")
UPDATE = os.environ.get("KRAV_OPPDATER_FASIT") == "1"
STRICTDOC = PROJECT / ".venv-strictdoc" / "bin" / "strictdoc"


def need_tool(path: Path, name: str) -> None:
    """A missing tool fails the test in CI (CI=true) and skips it locally."""
    if path.exists():
        return
    reason = f"{name} mangler ({path}); kjør «make strictdoc»"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def repo():
    return load_repository(FIXTURE)


@pytest.fixture(scope="module")
def model(repo):
    return build_export(repo, DRAFT)


def krav_by_id(model) -> dict:
    return {k["id"]: k for k in model["krav"]}


# --- Schemas ---------------------------------------------------------------------------------


def validator_for(schema_ref: str):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    resources = []
    for path in SCHEMAS.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    name = schema_ref.rsplit("/", 1)[-1]
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=registry)


def assert_valid(document: dict) -> None:
    errors = sorted(validator_for(document["$schema"]).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_export_schemas_are_valid_draft_2020_12():
    from jsonschema import Draft202012Validator

    names = sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
    assert names == ["eksport.schema.json", "felles.schema.json", "krav-enkelt.schema.json", "krav.schema.json",
                     "lovhjemler.schema.json", "omrader.schema.json", "utgave.schema.json"]
    for name in names:
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$id"].endswith("/api/v1/schema/" + name)


@pytest.mark.parametrize("root", [FIXTURE, PROJECT], ids=["fikstur", "innholdet"])
def test_every_api_file_matches_its_schema(root):
    files = api.api_files(load_repository(root), DRAFT)
    data_files = [p for p in files if not p.startswith("api/v1/schema/")]
    assert {"api/v1/krav.json", "api/v1/lovhjemler.json", "api/v1/omrader.json", "api/v1/utgave.json"} <= set(files)
    for path in data_files:
        document = json.loads(files[path])
        assert_valid(document)
        depth = path.count("/") - 2  # api/v1/krav/X.json names ../schema/...
        schema_path = os.path.normpath(os.path.join(os.path.dirname(path), document["$schema"]))
        assert schema_path.replace(os.sep, "/") in files, (path, depth, document["$schema"])
    assert len([p for p in data_files if p.startswith("api/v1/krav/")]) == len(load_repository(root).krav)


def test_json_export_matches_its_schema(repo):
    assert_valid(json.loads(export_bytes(repo, DRAFT, "json")))
    assert_valid(json.loads(export_bytes(load_repository(PROJECT), DRAFT, "json")))


def test_site_address_makes_schema_links_absolute(repo):
    files = api.api_files(repo, DRAFT, "https://eksempel.no/standard/")
    assert json.loads(files["api/v1/krav/IK-001.json"])["$schema"] == \
        "https://eksempel.no/standard/api/v1/schema/krav-enkelt.schema.json"


# --- The model ---------------------------------------------------------------------------------


def test_clause_numbers_are_the_sites(repo, model):
    from scripts.render.context import build_context

    ctx = build_context(repo, [])
    assert {k["id"]: k["punkt"] for k in model["krav"] if k["punkt"]} == ctx.clause_of
    assert [a["punkt"] for a in model["omrader"]] == ["4", "5"]
    assert krav_by_id(model)["IK-004"]["punkt"] == "4.3"


@pytest.mark.parametrize("root", [FIXTURE, PROJECT], ids=["fikstur", "innholdet"])
def test_one_numbering_for_site_exports_and_applicability(root):
    """scripts/applicability.py (issue 13) numbers clauses too; it must agree with scripts/numbering.py."""
    from scripts import applicability, numbering

    repo = load_repository(root)
    assert applicability.clause_numbers(repo) == numbering.clause_numbers(repo)


def test_provision_fields(model):
    item = krav_by_id(model)["IK-001"]
    assert item["verbform"] == "skal" and item["type"] == "krav" and item["utgave"] == "arbeidsutkast"
    assert item["lovhjemler"][0] == {"id": "bvl-10-1", "lenke": "https://lovdata.no/lov/2021-06-18-97/§10-1",
                                     "type": "lov", "bindende": True, "korttittel": "barnevernsloven",
                                     "paragraf": "§ 10-1"}
    assert krav_by_id(model)["IK-002"]["verbform"] == "bør"
    assert krav_by_id(model)["BE-001"]["gjelder_for"] == {"eierform": ["kommunal", "privat"], "institusjonstype": ["akutt"]}
    assert krav_by_id(model)["IK-004"]["gjelder_for"] is None  # absent: applies to all


def test_withdrawn_provision_is_exported_with_its_successor(model):
    item = krav_by_id(model)["IK-003"]
    assert item["status"] == "trukket" and item["punkt"] is None and item["erstattet_av"] == ["IK-004"]


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "reqif"])
def test_internal_notes_are_never_exported(repo, fmt):
    content = export_bytes(repo, DRAFT, fmt)
    if fmt == "xlsx":
        content = b"".join(zipfile.ZipFile(io.BytesIO(content)).read(n) for n in zipfile.ZipFile(io.BytesIO(content)).namelist())
    assert b"Intern merknad" not in content and "Overskriften er sett".encode() not in content
    for files in (api.api_files(repo, DRAFT),):
        assert not any(b"Intern merknad" in c for c in files.values())


def test_applicability_filter(repo):
    from scripts.export.cli import parse_gjelder

    def ids(text):
        wanted = parse_gjelder(text, repo)
        return {k["id"] for k in json.loads(export_bytes(repo, DRAFT, "json", wanted))["krav"]}

    assert "BE-001" in ids("eierform=privat")
    assert "BE-001" not in ids("eierform=statlig")
    assert "BE-001" not in ids("eierform=privat,institusjonstype=omsorg")
    assert "IK-001" in ids("eierform=statlig")


# --- Golden files ------------------------------------------------------------------------------


def golden(name: str, content: bytes) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    assert content == path.read_bytes(), f"{name} avviker fra fasit; KRAV_OPPDATER_FASIT=1 skriver den på nytt"


@pytest.mark.parametrize("fmt", ["json", "csv", "reqif"])
def test_golden_files(repo, fmt):
    golden(f"liten.{fmt}", export_bytes(repo, DRAFT, fmt))


def xlsx_cells(content: bytes) -> dict:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    return {sheet.title: [[c.value for c in row] for row in sheet.iter_rows()] for sheet in book.worksheets}


def test_golden_xlsx_cells(repo):
    cells = xlsx_cells(export_bytes(repo, DRAFT, "xlsx"))
    golden("liten.xlsx.json", formats.json_text(cells).encode())


def test_golden_api(repo):
    files = api.api_files(repo, DRAFT)
    golden("liten-api.json", formats.json_text({p: json.loads(c) for p, c in files.items()
                                                if not p.startswith("api/v1/schema/")}).encode())


# --- CSV and XLSX --------------------------------------------------------------------------------


def test_csv_is_what_excel_in_norway_expects(repo):
    content = export_bytes(repo, DRAFT, "csv")
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id;punkt;område;type;verbform;tittel;tekst")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    by_id = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    cell = by_id["IK-002"]["begrunnelse"]
    # «;», quotes and the line break survive inside one quoted cell; the formula is neutralised.
    assert cell == "'=HYPERLINK(\"http://x\"); opplæring tidlig «virker»\nny linje med <b>fet</b> & mer"
    raw = text.split("\r\n")
    assert any(line.startswith('IK-002;') and '"\'=HYPERLINK(""http://x""); opplæring' in line for line in raw)
    assert by_id["BE-001"]["gjelder_for"] == "eierform: kommunal, privat; institusjonstype: akutt"
    assert by_id["IK-001"]["gjelder_for"] == "alle"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_a_formula(start):
    cell = formats.safe_cell(start + "1+1")
    assert cell.startswith("'") or cell.startswith("\\")  # tab and CR become visible escapes
    assert formats.safe_cell("tekst " + start) == "tekst " + start.replace("\t", "\\t").replace("\r", "\\r")


def test_csv_makes_hidden_characters_visible():
    assert formats.safe_cell("a\u202eb\nc\u200bd") == "a\\u202eb\nc\\u200bd"


def test_xlsx_has_one_sheet_per_kind_and_text_cells(repo):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export_bytes(repo, DRAFT, "xlsx")))
    assert book.sheetnames == ["Krav", "Lovhjemler", "Områder", "Utgave"]
    sheet = book["Krav"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "IK-002")
    cell = row[header.index("begrunnelse")]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")  # text, never a formula
    assert sheet.max_row == 1 + len(load_repository(FIXTURE).krav)


# --- JSON --------------------------------------------------------------------------------------


def test_json_writes_hidden_characters_as_escapes():
    text = formats.json_text({"a": "x\u202ey\u2028z\u200b"})
    assert "\u202e" not in text and "\\u202e" in text and "\\u2028" in text
    assert json.loads(text) == {"a": "x\u202ey\u2028z\u200b"}


# --- ReqIF -------------------------------------------------------------------------------------


def parse_reqif(content: bytes, tmp_path: Path):
    from reqif.parser import ReqIFParser

    path = tmp_path / "standard.reqif"
    path.write_bytes(content)
    return ReqIFParser.parse(str(path))


def test_reqif_parses_back_to_the_same_content(repo, model, tmp_path):
    bundle = parse_reqif(export_bytes(repo, DRAFT, "reqif"), tmp_path)
    content = bundle.core_content.req_if_content
    types = {t.identifier: t for t in content.spec_types}
    enum_names = {v.identifier: v.long_name for t in content.data_types if hasattr(t, "values") and t.values
                  for v in t.values}

    def text(attribute) -> str:
        kind = attribute.attribute_type.name
        if kind == "ENUMERATION":
            return ", ".join(enum_names[v] for v in attribute.value)
        return attribute.value if kind == "STRING" else text_of_xhtml(attribute.value)

    got: dict[str, dict[str, str]] = {}
    for spec_object in content.spec_objects:
        names = {a.identifier: a.long_name for a in types[spec_object.spec_object_type].attribute_definitions}
        got[spec_object.identifier] = {names[a.definition_ref]: text(a) for a in spec_object.attributes}
    kinds = {(t.long_name, a.long_name): a.attribute_type.name for t in content.spec_types
             for a in (getattr(t, "attribute_definitions", None) or [])}
    assert kinds[("Bestemmelse", "type")] == kinds[("Bestemmelse", "status")] == "ENUMERATION"
    assert kinds[("Bestemmelse", "ReqIF.ForeignID")] == "STRING" and kinds[("Bestemmelse", "ReqIF.Text")] == "XHTML"
    expected = {}
    for kind, prefix, items in (("omrade", "OMRADE", model["omrader"]), ("krav", "KRAV", model["krav"]),
                                ("lovhjemmel", "KILDE", model["lovhjemler"])):
        for item in items:
            expected[f"{prefix}-{item['id']}"] = {k: v for k, v in object_values(kind, item).items() if v.strip()}
    assert got == expected
    relation_names = {t.identifier: t.long_name for t in content.spec_types if hasattr(t, "long_name")}
    relations = {(r.source, relation_names[r.relation_type_ref], r.target) for r in content.spec_relations}
    assert ("KRAV-IK-004", "erstatter", "KRAV-IK-003") in relations
    assert ("KRAV-IK-002", "avhenger_av", "KRAV-IK-001") in relations
    assert ("KRAV-IK-001", "hjemmel", "KILDE-bvl-10-1") in relations
    expected_count = sum(len(k["relasjoner"] or []) + len(k["lovhjemler"] or []) for k in model["krav"])
    assert len(content.spec_relations) == expected_count
    assert [s.long_name for s in content.specifications][1] == "Lovhjemler"


def test_reqif_keeps_hostile_text_as_text(model, tmp_path):
    hostile = json.loads(json.dumps(model))
    hostile["krav"][0]["tekst"] = 'a"/><x>&amp;\x01\x0b <![CDATA[y]]>\nz'
    bundle = parse_reqif(reqif_export(hostile, "T"), tmp_path)
    values = [text_of_xhtml(a.value) for o in bundle.core_content.req_if_content.spec_objects for a in o.attributes
              if a.attribute_type.name == "XHTML"]
    assert 'a"/><x>&amp;\\x01\\x0b <![CDATA[y]]>\nz' in values


def test_strictdoc_imports_the_reqif_export(repo, model, tmp_path):
    need_tool(STRICTDOC, "StrictDoc")
    source = tmp_path / "standard.reqif"
    source.write_bytes(export_bytes(repo, DRAFT, "reqif"))
    converted = tmp_path / "sdoc"
    done = subprocess.run([str(STRICTDOC), "convert", str(source), str(converted)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    exported = tmp_path / "eksport"
    done = subprocess.run([str(STRICTDOC), "export", str(converted), "--formats", "json", "--output-dir",
                           str(exported)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    index = json.loads((exported / "json" / "index.json").read_text(encoding="utf-8"))
    found: dict[str, str] = {}

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("UID"), str):
                found[node["UID"]] = node.get("STATEMENT") or ""
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(index)
    for item in model["krav"]:
        assert item["id"] in found, item["id"]
        assert " ".join(found[item["id"]].split()) == " ".join(item["tekst"].split())


# --- Round trip --------------------------------------------------------------------------------


def normal(data):
    """A record as the export keeps it: no internal fields, and null the same as absent."""
    if isinstance(data, dict):
        return {k: normal(v) for k, v in data.items() if v is not None and k not in INTERNAL_FIELDS}
    if isinstance(data, list):
        return [normal(v) for v in data]
    return data


@pytest.mark.parametrize("root", [FIXTURE, PROJECT], ids=["fikstur", "innholdet"])
def test_round_trip_gives_the_same_records(root, tmp_path):
    original = load_repository(root)
    document = json.loads(export_bytes(original, DRAFT, "json"))
    write_repository(document, tmp_path)
    back = load_repository(tmp_path)
    for kind in ("krav", "lovhjemler"):
        before = {i: normal(r.data) for i, r in getattr(original, kind).items()}
        after = {i: r.data for i, r in getattr(back, kind).items()}
        assert after == before
        assert all(r.valid for r in getattr(back, kind).values())
    assert [normal(a) for a in original.areas.values()] == list(back.areas.values())


def test_reimport_yaml_keeps_tricky_strings_as_text():
    from scripts.load import load_bytes

    tricky = {"a": ["no", "on", "2023-01-01", "010", "0o10", "1e3", "~", "null", "- x", "a: b", "#x", "x #y",
                    "«sitat»", "linje\nto", " ledende", "'", '"', "@x", "%x", "!x", "&x", "*x", "|", ">", "[", "{"]}
    assert load_bytes("x.yaml", yaml_text(tricky).encode()).data == tricky


def test_records_from_export_paths(model):
    paths = records_from_export(json.loads(json.dumps(model)))
    assert "krav/internkontroll/IK-001.yaml" in paths and "mandat/mandat.yaml" in paths


# --- The command ---------------------------------------------------------------------------------


def krav(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=cwd, capture_output=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(PROJECT)})


@pytest.mark.parametrize("args, words", [
    (["--format", "pdf"], "ugyldig valg"),
    (["--gjelder", "eierform"], "«--gjelder»: «eierform» er ikke et valg av formen «eierform=kommunal»"),
    (["--gjelder", "eierfrom=privat"], "«eierfrom» kan ikke velges. Mente du «eierform»?"),
    (["--gjelder", "eierform=privatt"], "«privatt» er ikke en eierform i mandatet. Mente du «privat»?"),
    (["--gjelder", "eierform=privat,eierform=statlig"], "«eierform» er valgt mer enn én gang"),
    (["--utgave", "finnes-ikke"], "«finnes-ikke» er ikke en utgave i utgaver/. Utgavene er «komiteutkast-1»."),
    (["--utgave", "../../etc"], "er ikke en utgave i utgaver/"),
    (["--format", "xlsx"], "skrives ikke til terminalen"),
    (["--ut", "/finnes/ikke/fil.json"], "kan ikke skrive til «/finnes/ikke/fil.json»"),
])
def test_bad_options_give_norwegian_messages(args, words):
    done = krav("eksport", str(FIXTURE), *args)
    assert done.returncode == 2, done.stderr
    message = done.stderr.decode()
    assert words in message and "Traceback" not in message


def test_invalid_records_are_not_exported(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "r")
    (tmp_path / "r" / "krav" / "internkontroll" / "IK-001.yaml").write_text("id: IK-001\n", encoding="utf-8")
    done = krav("eksport", str(tmp_path / "r"))
    assert done.returncode == 1 and "eksporten er stoppet: 1 fil i postene er ikke gyldige" in done.stderr.decode()


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "reqif"])
def test_command_writes_every_format(fmt, tmp_path):
    target = tmp_path / f"standard.{fmt}"
    done = krav("eksport", str(FIXTURE), "--format", fmt, "--ut", str(target))
    assert done.returncode == 0, done.stderr
    assert target.stat().st_size > 0


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_AUTHOR_DATE": "2027-01-15T12:00:00", "GIT_COMMITTER_DATE": "2027-01-15T12:00:00"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_published_draft_is_exported_from_its_tag(tmp_path):
    root = tmp_path / "r"
    shutil.copytree(FIXTURE, root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "utkast")
    git(root, "tag", "komiteutkast-1")
    record = root / "krav" / "internkontroll" / "IK-004.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Rutinene kan føres digitalt.",
                                                                  "Rutinene kan føres på papir."), encoding="utf-8")
    git(root, "commit", "-qam", "endret")
    now = json.loads(krav("eksport", str(root)).stdout)
    assert now["utgave"]["id"] == "arbeidsutkast"
    assert krav_by_id(now)["IK-004"]["tekst"] == "Rutinene kan føres på papir."
    done = krav("eksport", str(root), "--utgave", "komiteutkast-1")
    assert done.returncode == 0, done.stderr
    then = json.loads(done.stdout)
    assert then["utgave"]["id"] == "komiteutkast-1" and then["utgave"]["betegnelse"] == "prNS xxxx:2027"
    assert then["utgave"]["versjonsdato"] == "2027-01-15" and then["utgave"]["versjon"] == "komiteutkast-1"
    assert krav_by_id(then)["IK-004"]["tekst"] == "Rutinene kan føres digitalt."
    assert krav_by_id(then)["IK-004"]["utgave"] == "komiteutkast-1"
    assert_valid(then)
    git(root, "checkout", "-q", "komiteutkast-1")
    assert json.loads(krav("eksport", str(root)).stdout)["utgave"]["id"] == "komiteutkast-1"


def test_draft_without_a_tag_says_so(tmp_path):
    root = tmp_path / "r"
    shutil.copytree(FIXTURE, root)
    git(root, "init", "-q")
    done = krav("eksport", str(root), "--utgave", "komiteutkast-1")
    assert done.returncode == 2 and "har ingen git-tagg" in done.stderr.decode()


# --- Paths in the API ----------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", ["../../etc/passwd", "IK-001/../../x", "/abs", "IK-001.json", "", None,
                                     "ik-001", "IK-001\n", "..", "IK-0001/..", "IK-001\\..\\x"])
def test_hostile_ids_never_make_a_path(hostile):
    assert api.krav_file(hostile) is None


def test_api_paths_stay_inside_the_api(repo):
    for path in api.api_files(repo, DRAFT):
        assert path.startswith("api/v1/") and ".." not in path.split("/")
    assert api.krav_file("IK-001") == "api/v1/krav/IK-001.json"


def test_site_build_publishes_the_api(tmp_path):
    sys.path.insert(0, str(PROJECT / "tests" / "site"))
    from sitehelpers import build_site

    done = build_site(FIXTURE, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    api_dir = tmp_path / "site" / "api" / "v1"
    assert (api_dir / "krav" / "IK-001.json").is_file() and (api_dir / "schema" / "felles.schema.json").is_file()
    document = json.loads((api_dir / "krav.json").read_text(encoding="utf-8"))
    assert_valid(document)
    assert (tmp_path / "site" / "data-og-api" / "index.html").is_file()


def test_export_schema_enums_are_the_vocabulary():
    from scripts import vocabulary as v

    defs = json.loads((SCHEMAS / "felles.schema.json").read_text(encoding="utf-8"))["$defs"]
    krav = defs["krav"]["properties"]
    assert krav["type"]["enum"] == list(v.TYPES)
    assert krav["verbform"]["enum"] == [v.VERB_OF[t] for t in v.TYPES]
    assert krav["status"]["enum"] == list(v.STATUSES)
    assert krav["verifisering"]["items"]["enum"] == list(v.VERIFICATION_METHODS)
    assert krav["relasjoner"]["items"]["properties"]["type"]["enum"] == list(v.RELATION_TYPES)
    assert defs["lovhjemmel"]["properties"]["type"]["enum"] == [*v.SOURCE_KINDS, None]
    assert defs["utgave"]["properties"]["stadium"]["enum"] == [*v.STAGES, v.LIVING_DRAFT, None]


def test_reqif_export_conforms_to_the_reqif_xsd(repo, tmp_path):
    """Strict check against the ReqIF 1.2 XML Schema the `reqif` package ships (offline)."""
    tool = Path(sys.executable).parent / "reqif"
    assert tool.exists(), "the reqif package installs the «reqif» command"
    source = tmp_path / "standard.reqif"
    source.write_bytes(export_bytes(repo, DRAFT, "reqif"))
    done = subprocess.run([str(tool), "validate", "--use-reqif-schema", str(source)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 errors, 0 schema issues found, 0 semantic issues found" in done.stdout
