"""The YAML loader: the traps committee members fall into are findings, never silent changes.

Plus property tests: no bytes make `load_bytes` raise, and no text in a requirement file
makes `check_path` raise (one bad file never stops the check of the others).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.check import check_path
from scripts.load import MAX_FILE_BYTES, load_bytes
from scripts.loading import load_record

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "gyldig" / "minimal"


def rules(document) -> list[str]:
    return [f.rule for f in document.findings]


def load(text: str | bytes):
    return load_bytes("krav/internkontroll/IK-001.yaml", text.encode("utf-8") if isinstance(text, str) else text)


# --- YAML 1.1 surprises stay text --------------------------------------------------------

def test_norway_problem_words_stay_text() -> None:
    document = load("a: no\nb: yes\nc: on\nd: off\ne: No\nf: Y\ng: n\n")
    assert document.data == {"a": "no", "b": "yes", "c": "on", "d": "off", "e": "No", "f": "Y", "g": "n"}
    assert document.findings == []


def test_dates_and_times_stay_text() -> None:
    document = load("a: 2023-01-01\nb: 2023-01-01T10:00:00Z\nc: 12:30\n")
    assert document.data == {"a": "2023-01-01", "b": "2023-01-01T10:00:00Z", "c": "12:30"}


def test_yaml_12_core_scalars_are_typed() -> None:
    document = load("a: true\nb: false\nc: null\nd: ~\ne: 12\nf: 1.5\ng: 0o17\nh: 0x1F\n")
    assert document.data == {"a": True, "b": False, "c": None, "d": None, "e": 12, "f": 1.5, "g": 15, "h": 31}


def test_leading_zero_number_is_quoted_as_written(tmp_path: Path) -> None:
    """`tittel: 010` is not silently 8 or 10: the message quotes «010» and says how to write text."""
    rel = "krav/internkontroll/IK-001.yaml"
    text = (MINIMAL / rel).read_text(encoding="utf-8").replace("tittel: Skriftlig internkontroll", "tittel: 010")
    (tmp_path / rel).parent.mkdir(parents=True)
    (tmp_path / rel).write_text(text, encoding="utf-8")
    record, findings = load_record(tmp_path, rel, "krav")
    assert record.data["tittel"] == 10 and record.raw[("tittel",)] == "010"
    [finding] = findings
    assert finding.rule == "skjema-type"
    assert "tallet 010" in finding.message
    assert '"010"' in finding.hint


# --- Structure traps ----------------------------------------------------------------------

def test_duplicate_key_keeps_the_first_and_reports_the_second() -> None:
    document = load("status: vedtatt\ntittel: T\nstatus: forslag\n")
    assert document.data == {"status": "vedtatt", "tittel": "T"}
    [finding] = document.findings
    assert (finding.rule, finding.line, finding.column) == ("yaml-duplikat-nokkel", 3, 1)
    assert "«status»" in finding.message


def test_alias_is_reported_where_it_is_used() -> None:
    document = load("a: &x hei\nb: *x\n")
    assert document.data == {"a": "hei", "b": None}
    [finding] = document.findings
    assert (finding.rule, finding.line) == ("yaml-alias", 2)


def test_merge_key_with_alias_is_reported() -> None:
    assert "yaml-alias" in rules(load("a: &x {b: 1}\nc:\n  <<: *x\n"))


def test_merge_key_without_alias_is_reported() -> None:
    assert rules(load("a: 1\n<<: {b: 2}\n")) == ["yaml-alias"]


BILLION_LAUGHS = "".join(
    ["a0: &a0 [" + ", ".join(["lol"] * 9) + "]\n"]
    + [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]\n" for n in range(1, 10)]
)


def test_billion_laughs_is_not_expanded() -> None:
    document = load(BILLION_LAUGHS)
    assert "yaml-alias" in rules(document)
    # Nothing was expanded (9**9 items otherwise): every alias became an empty value. This is a
    # structural check, not a timing one: benchmarks live in bench/, not in the tests.
    assert document.data["a9"] == [None] * 9


def test_explicit_tags_are_refused_and_never_executed() -> None:
    document = load("a: !!python/object/apply:os.system [echo hei]\nb: !!int '3'\n")
    assert rules(document) == ["yaml-tagg", "yaml-tagg"]
    assert document.data["b"] == "3"


def test_tab_is_reported_at_its_line_and_column() -> None:
    document = load("id: IK-001\nverifisering:\n\t- intervju\n")
    assert rules(document) == ["yaml-tabulator"]
    assert (document.findings[0].line, document.findings[0].column) == (3, 1)


def test_tab_inside_text_is_still_reported() -> None:
    document = load("tittel: Skriftlig\tinternkontroll\n")
    assert rules(document) == ["yaml-tabulator"]
    assert document.findings[0].column == 18


def test_bom_is_reported_and_the_rest_still_read() -> None:
    document = load(b"\xef\xbb\xbfid: IK-001\n")
    assert rules(document) == ["fil-bom"]
    assert document.data == {"id": "IK-001"}


def test_non_utf8_is_reported_with_position() -> None:
    document = load("id: IK-001\ntittel: Følge opp\n".encode("latin-1"))
    [finding] = document.findings
    assert (finding.rule, finding.line, finding.column) == ("fil-ikke-utf8", 2, 10)
    assert "0xf8" in finding.message
    assert document.data is None


@pytest.mark.parametrize("content", [b"", b"\n\n", b"   \n", b"# bare en kommentar\n", b"\xef\xbb\xbf"])
def test_empty_files(content: bytes) -> None:
    assert "fil-tom" in rules(load(content))


@pytest.mark.parametrize("content", [b"---\n", b"null\n", b"~\n", b"--- # tom\n"])
def test_null_document_is_reported_as_empty(tmp_path: Path, content: bytes) -> None:
    """A file whose only value is null loads as nothing; the check still reports it (fil-tom)."""
    shutil.copytree(MINIMAL, tmp_path / "repo")
    (tmp_path / "repo/krav/internkontroll/IK-002.yaml").write_bytes(content)
    _, findings = check_path(tmp_path / "repo")
    assert [(f.rule, f.file) for f in findings] == [("fil-tom", "krav/internkontroll/IK-002.yaml")]


def test_multiple_documents_are_a_syntax_error() -> None:
    document = load("a: 1\n---\nb: 2\n")
    assert rules(document) == ["yaml-syntaks"] and "flere YAML-dokumenter" in document.findings[0].message


def test_unclosed_quote_is_a_syntax_error() -> None:
    assert rules(load('tittel: "Skriftlig\n')) == ["yaml-syntaks"]


def test_colon_in_plain_text_explains_quoting() -> None:
    document = load("tekst: Merk: institusjonen skal ha rutiner\n")
    assert rules(document) == ["yaml-syntaks"]


def test_oversize_file_is_refused_before_parsing() -> None:
    document = load(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    assert rules(document) == ["fil-for-stor"]


def test_deep_nesting_does_not_crash() -> None:
    document = load("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert rules(document) == ["yaml-syntaks"]


def test_complex_key_is_reported() -> None:
    assert rules(load("? [a, b]\n: c\nd: e\n")) == ["yaml-nokkel"]


@pytest.mark.parametrize("kind,text,expected", [
    ("krav", "- id: IK-001\n", "yaml-toppniva"),
    ("krav", "bare tekst\n", "yaml-toppniva"),
    ("parametere", "navn: a.b\n", "yaml-toppniva"),
    ("lovhjemmel", "- a\n- b\n", "yaml-toppniva"),
])
def test_wrong_top_level(tmp_path: Path, kind: str, text: str, expected: str) -> None:
    rel = "krav/internkontroll/IK-001.yaml"
    (tmp_path / rel).parent.mkdir(parents=True)
    (tmp_path / rel).write_text(text, encoding="utf-8")
    record, findings = load_record(tmp_path, rel, kind)
    assert [f.rule for f in findings] == [expected]
    assert record.data is None


def test_html_stays_text() -> None:
    document = load("tekst: <script>alert(1)</script> skal vises som tekst\n")
    assert document.data["tekst"] == "<script>alert(1)</script> skal vises som tekst"


def test_one_bad_file_does_not_hide_the_others(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "repo")
    root = tmp_path / "repo"
    (root / "krav/internkontroll/IK-002.yaml").write_bytes(b"id: [\n")
    (root / "krav/internkontroll/IK-003.yaml").write_text("id: IK-003\n", encoding="utf-8")
    _, findings = check_path(root)
    files = {f.file for f in findings}
    assert files == {"krav/internkontroll/IK-002.yaml", "krav/internkontroll/IK-003.yaml"}


# --- Property tests ------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_load_bytes_never_raises_on_bytes(content: bytes) -> None:
    document = load_bytes("x.yaml", content)
    # A document that is only null loads as None without a finding: check/files.py reports it.
    assert all(f.file == "x.yaml" and f.level in ("feil", "advarsel") for f in document.findings)


YAMLISH = st.lists(
    st.one_of(
        st.sampled_from([
            "id: ", "IK-001", "IK-002", "tittel: ", "område: ", "internkontroll", "type: ", "krav", "anbefaling",
            "tillatelse", "tekst: ", "skal", "bør", "kan", "må", "lovhjemler: ", "bvl-10-1", "utover_lov: ",
            "status: ", "vedtatt", "forslag", "trukket", "verifisering: ", "intervju", "relasjoner:", "parametere:",
            "- type: avhenger_av", "  krav: ", "- navn: bemanning.natt.vakne_voksne", "  min: ", "  maks: ",
            "  lik: ", "  enhet: personer", "mål: ", "M1", "\n", "\n  ", "\n- ", "  ", "- ", ": ", ", ", "[", "]",
            "{", "}", "&a ", "*a", "<<: ", "!!str ", "!x ", "? ", "'", '"', "#", "\t", "no", "010", "2023-01-01",
            "1e3", "-", "|", ">-", "---", "...", "%YAML 1.2", "\ufeff", "null", "~", "true", "0x1F", "é", "ø",
        ]),
        st.text(max_size=6),
    ),
    max_size=60,
).map("".join)


def _temp_repo() -> Path:
    root = Path(tempfile.mkdtemp(prefix="krav-hypothesis-"))
    shutil.copytree(MINIMAL, root, dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def temp_repo():
    root = _temp_repo()
    yield root
    shutil.rmtree(root, ignore_errors=True)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH)
def test_check_path_never_raises_on_yamlish_text(temp_repo: Path, text: str) -> None:
    (temp_repo / "krav/internkontroll/IK-002.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    _, findings = check_path(temp_repo)
    assert all(f.file for f in findings if f.rule.startswith(("yaml-", "fil-")))


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", "skal", "IK-001", "bvl-10-1", "M1", "trukket", "avhenger_av", "erstatter", "lov",
                       "LOV-2021-06-18-97", "§ 10-1", "kapittel 3", "2023-01-01", "internkontroll"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["krav", "type", "navn", "min", "maks", "lik", "enhet"]), children, max_size=4),
    max_leaves=12,
)
KRAV_FIELDS = ["id", "tittel", "område", "type", "tekst", "begrunnelse", "lovhjemler", "utover_lov", "mål",
               "verifisering", "parametere", "relasjoner", "status", "foreslått_av"]
SOURCE_FIELDS = ["id", "type", "instrument", "tittel", "paragraf", "sammendrag", "url", "gyldig_fra", "gyldig_til",
                 "områder"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(krav=st.dictionaries(st.sampled_from(KRAV_FIELDS), VALUES, max_size=10),
       source=st.dictionaries(st.sampled_from(SOURCE_FIELDS), VALUES, max_size=8))
def test_check_path_never_raises_on_odd_records(temp_repo: Path, krav: dict, source: dict) -> None:
    """Well-formed YAML with any shape of field values: every rule must cope."""
    (temp_repo / "krav/internkontroll/IK-002.yaml").write_text(yaml.safe_dump(krav, allow_unicode=True), encoding="utf-8")
    (temp_repo / "lovhjemler/bvl/bvl-10-2.yaml").write_text(yaml.safe_dump(source, allow_unicode=True), encoding="utf-8")
    check_path(temp_repo)


@pytest.mark.parametrize("text", ["tekst: Institusjonen skal: gjøre noe\n", "id: 1\ntittel: T\n  område: x\n"])
def test_colon_or_indent_error_explains_both_causes(text: str) -> None:
    [finding] = load_bytes("x.yaml", text.encode()).findings
    assert finding.rule == "yaml-syntaks"
    assert "anførselstegn" in finding.message and "innrykket" in finding.message


def test_many_alias_uses_in_a_list_are_reported_once_per_place() -> None:
    text = "a: &x [1]\nb: [*x, *x, *x, *x]\n"
    findings = [f for f in load_bytes("x.yaml", text.encode()).findings if f.rule == "yaml-alias"]
    assert len(findings) == len({(f.line, f.column) for f in findings}) == 1
