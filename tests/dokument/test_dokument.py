"""`krav dokument`: the consultation document read back from DOCX (python-docx) and PDF (pdftotext)."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import docx
import pytest
from utkast import DRAFT, ROOT, SECRET, git, need_tool

from scripts.cli import main
from scripts.document.outline import NO_NORMATIVE, VERB_MEANINGS, build_outline
from scripts.document.source import load_source
from scripts.loading import load_repository
from scripts.vocabulary import TYPES, VERB_OF, is_in_force

ARTEFACTS = ROOT / "test-artefakter"
ID = re.compile(r"[A-Z]{2,4}-\d{3,}")


def build(root: Path, out: Path, fmt: str = "docx", draft: str | None = DRAFT) -> Path:
    args = ["dokument", "--format", fmt, "--ut", str(out), "--sti", str(root)]
    if draft:
        args += ["--utgave", draft]
    assert main(args) == 0
    return out


@pytest.fixture(scope="module")
def document(draft_repo, tmp_path_factory):
    path = build(draft_repo, tmp_path_factory.mktemp("dok") / "utkast.docx")
    return docx.Document(str(path))


def headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def active_ids(root: Path) -> list[str]:
    repo = load_repository(root)
    return sorted(r.id for r in repo.krav.values() if is_in_force(r))


def test_clauses_in_the_order_of_a_standard(document, draft_repo) -> None:
    repo = load_repository(draft_repo)
    areas = [a["navn"] for a in repo.areas.values()]
    expected = ["Forord", "Innledning", "1\u2003Omfang", "2\u2003Normative referanser", "3\u2003Termer og definisjoner"]
    expected += [f"{n}\u2003{name}" for n, name in enumerate(areas, 4)]
    expected += ["Tillegg A\n(informativt)\nSporbarhet mellom bestemmelsene og lovgrunnlaget", "Bibliografi"]
    assert headings(document, 1) == expected


def test_every_active_provision_once_with_its_id_and_numbered_in_order(document, draft_repo) -> None:
    provisions = [h for h in headings(document, 2) if ID.search(h)]
    ids = [ID.search(h).group() for h in provisions]
    assert sorted(ids) == active_ids(draft_repo)
    assert len(ids) == len(set(ids))
    repo = load_repository(draft_repo)
    areas = list(repo.areas)
    for heading in provisions:
        number, ident, _title = heading.split("\u2003", 2)
        clause, sub = number.split(".")
        assert repo.krav[ident].get("område") == areas[int(clause) - 4]
    # numbered 4.1, 4.2 … without gaps within each clause
    by_clause: dict[str, list[int]] = {}
    for heading in provisions:
        clause, sub = heading.split("\u2003")[0].split(".")
        by_clause.setdefault(clause, []).append(int(sub))
    assert all(subs == list(range(1, len(subs) + 1)) for subs in by_clause.values())


def test_withdrawn_provisions_are_left_out(document, draft_repo) -> None:
    repo = load_repository(draft_repo)
    withdrawn = [r.id for r in repo.krav.values() if not is_in_force(r)]
    assert withdrawn  # the content has one (IK-001)
    text = "\n".join(headings(document, 2)) + "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for ident in withdrawn:
        assert ident not in text


def test_provision_text_verbal_form_and_rationale_as_informative_note(document, draft_repo) -> None:
    repo = load_repository(draft_repo)
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style.name != "Heading 2" or not ID.search(paragraph.text):
            continue
        record = repo.krav[ID.search(paragraph.text).group()]
        body = paragraphs[index + 1].text
        assert f" {VERB_OF[record.get('type')]} " in f" {body} "  # verbal form intact
        notes = [p for p in paragraphs[index + 1:index + 4] if p.style.name == "Merknad"]
        if record.get("begrunnelse"):
            assert notes and notes[0].text.startswith("MERKNAD\u2003")
            assert notes[0].runs[0].bold
    assert all(p.text.startswith(("MERKNAD", "Merknad 1 til termen")) for p in paragraphs if p.style.name == "Merknad")


def test_internal_notes_never_printed(document) -> None:
    assert SECRET not in all_text(document)


def test_record_text_is_text_and_control_characters_are_visible(document) -> None:
    text = all_text(document)
    assert "Testbestemmelse med <w:p> i tittelen" in text
    assert "<b>fet</b> og \\x07 bjelle" in text


def test_foreword_explains_the_verbal_forms_from_the_vocabulary(document) -> None:
    text = all_text(document)
    for kind in TYPES:
        assert f"«{VERB_OF[kind]}» (og «{VERB_OF[kind]} ikke») {VERB_MEANINGS[kind]}" in text
    assert set(VERB_MEANINGS) == set(TYPES)


def test_normative_references_only_standards_never_law(document, draft_repo) -> None:
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("2\u2003Normative referanser")
    end = paragraphs.index("3\u2003Termer og definisjoner")
    clause = "\n".join(paragraphs[start:end])
    assert "Teststandard for dokumenttestene" in clause
    assert "lov" not in clause.lower().replace("lovverket", "")
    # without a cited standard the clause says so
    outline = build_outline(load_repository(ROOT))
    assert outline.normative == []
    assert NO_NORMATIVE


def test_terms_bibliography_and_traceability(document) -> None:
    text = all_text(document)
    assert "3.1" in headings(document, 2)
    assert "testinstitusjon" in text and "Merknad 1 til termen" in text
    paragraphs = [p.text for p in document.paragraphs]
    bibliography = paragraphs[paragraphs.index("Bibliografi") + 1:]
    assert any("https://lovdata.no/" in p for p in bibliography)
    assert all(re.match(r"^\[\d+\]\u00a0", p) for p in bibliography if p)
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Punkt", "Id", "Bestemmelse", "Lovgrunnlag og kilder"]
    assert any("Utover lov" in row.cells[3].text for row in table.rows[1:])
    from docx.oxml.ns import qn

    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page


def test_title_page_names_designation_stage_dates_and_warns(document) -> None:
    first = [p.text for p in document.paragraphs[:12]]
    assert first[0] == "prNS xxxx:2027" and first[1] == "Høringsutkast"
    text = "\n".join(first)
    assert "1. april 2027" in text and "15. januar 2027" in text
    assert "ikke en norsk standard" in document.tables[0].rows[0].cells[0].text
    assert "Utkastet er på høring til og med 1. april 2027." in all_text(document)
    assert "prNS xxxx:2027 – høringsutkast, frist 1. april 2027" in document.sections[-1].header.paragraphs[0].text


def test_line_numbering_is_a_section_property(document) -> None:
    from docx.oxml.ns import qn

    body = document.sections[-1]._sectPr.find(qn("w:lnNumType"))
    assert body is not None and body.get(qn("w:countBy")) == "1" and body.get(qn("w:restart")) == "continuous"
    assert document.sections[0]._sectPr.find(qn("w:lnNumType")) is None  # the title page has none


def test_living_draft_without_utgave(draft_repo, tmp_path) -> None:
    doc = docx.Document(str(build(draft_repo, tmp_path / "a.docx", draft=None)))
    assert doc.paragraphs[0].text == "Arbeidsutkast"
    assert "ikke sendt på høring" in doc.sections[-1].header.paragraphs[0].text
    # utgaver/hoering-1.yaml is not committed: the version says so rather than name a commit alone
    assert "med lokale endringer" in doc.sections[-1].header.paragraphs[0].text


def test_utgave_is_built_from_its_tag_not_the_working_tree(fresh_draft_repo, tmp_path) -> None:
    root = fresh_draft_repo
    new = root / "krav" / "internkontroll" / "IK-100.yaml"
    new.write_text((root / "krav" / "internkontroll" / "IK-099.yaml").read_text(encoding="utf-8")
                   .replace("IK-099", "IK-100"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "after the draft")
    tagged = all_text(docx.Document(str(build(root, tmp_path / "t.docx"))))
    living = all_text(docx.Document(str(build(root, tmp_path / "l.docx", draft=None))))
    assert "IK-099" in tagged and "IK-100" not in tagged
    assert "IK-100" in living
    source = load_source(root, DRAFT)
    assert "IK-100" not in source.repo.krav and source.draft.id == DRAFT


def test_unknown_draft_is_a_norwegian_message(draft_repo, tmp_path, capsys) -> None:
    assert main(["dokument", "--utgave", "finnes-ikke", "--format", "docx", "--ut", str(tmp_path / "x.docx"),
                 "--sti", str(draft_repo)]) == 2
    assert "fant ikke git-taggen «finnes-ikke»" in capsys.readouterr().err
    assert main(["dokument", "--utgave=-x", "--format", "docx", "--sti", str(draft_repo)]) == 2
    assert "ikke en gyldig utgave-id" in capsys.readouterr().err


# --- PDF -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf(draft_repo, tmp_path_factory) -> Path:
    need_tool("soffice")
    need_tool("pdftotext")
    return build(draft_repo, tmp_path_factory.mktemp("pdf") / "utkast.pdf", "pdf")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout


def test_pdf_has_the_structure_and_visible_line_numbers(pdf, draft_repo) -> None:
    text = pdf_text(pdf)
    lines = text.splitlines()
    numbered = [int(m.group(1)) for line in lines if (m := re.match(r"^\s*(\d+)\s{2,}\S", line))]
    assert len(numbered) > 200 and numbered[:5] == [1, 2, 3, 4, 5]
    provisions = [m.groups() for line in lines if (m := re.match(r"^\s*\d+\s+(\d+\.\d+)\s+([A-Z]{2,4}-\d{3,})\s", line))]
    assert sorted(ident for _, ident in provisions) == active_ids(draft_repo)
    order = [re.search(rf"^\s*(\d+\s+)?{h}\s*$", text, re.M).start()
             for h in ("Forord", "Innledning", "1 Omfang", "2 Normative referanser", "3 Termer og definisjoner",
                       "4 Internkontroll", "5 Forsvarlige tjenester", "Tillegg A", "Bibliografi")]
    assert order == sorted(order)
    assert "(informativt)" in text and "MERKNAD" in text and SECRET not in text


def test_pdf_and_docx_are_one_document(pdf, document) -> None:
    text = " ".join(pdf_text(pdf).split())
    for heading in headings(document, 2)[:15]:
        assert " ".join(heading.replace("\u2003", " ").split()) in text


def test_first_pages_rendered_as_artefacts(pdf) -> None:
    need_tool("pdftoppm")
    ARTEFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "3", str(pdf), str(ARTEFACTS / "dokument-side")],
                   check=True, capture_output=True, timeout=120)
    pages = sorted(ARTEFACTS.glob("dokument-side-*.png"))
    assert len(pages) >= 3 and all(p.stat().st_size > 1000 for p in pages)


def test_any_record_text_makes_a_well_formed_document(tmp_path) -> None:
    """Every character XML 1.0 forbids becomes a visible escape; nothing a record says is markup."""
    from scripts.document.docx_writer import build_docx
    from scripts.loading import build_repository, load_content

    hostile = "".join(chr(c) for c in range(32)) + "\ufffe\uffff]]><w:body/>&amp;{{x}}"
    files = {
        "mandat/mandat.yaml": ("mandat", "tittel: T\nformål: F\nmål: []\nområder:\n  - id: internkontroll\n"
                                         "    navn: Internkontroll\n    prefiks: IK\n    beskrivelse: B\n"),
    }
    import json as _json

    files["krav/internkontroll/IK-001.yaml"] = ("krav", "id: IK-001\ntittel: " + _json.dumps(hostile) + "\n"
                                                "område: internkontroll\ntype: krav\ntekst: " + _json.dumps("Skal " + hostile)
                                                + "\nbegrunnelse: " + _json.dumps(hostile) + "\nutover_lov: true\nstatus: forslag\n")
    loaded = [load_content(rel, kind, text.encode("utf-8")) for rel, (kind, text) in files.items()]
    repo = build_repository(tmp_path, [], loaded)
    assert "IK-001" in repo.krav
    content = build_docx(build_outline(repo))
    doc = docx.Document(io.BytesIO(content))
    text = all_text(doc)
    assert "]]><w:body/>&amp;{{x}}" in text and "\\x00" in text and "\\ufffe" in text


@pytest.mark.parametrize("stadium, line, warned", [
    ("komitéutkast", "prNS xxxx:2027 – komitéutkast, 15. januar 2027", True),
    ("høring", "prNS xxxx:2027 – høringsutkast, frist 1. april 2027", True),
    ("fastsatt", "prNS xxxx:2027 – fastsatt standard, 15. januar 2027", False),
])
def test_every_stage_has_its_line_and_only_drafts_warn(stadium, line, warned) -> None:
    from scripts.repository import Record

    data = {"id": "u-1", "betegnelse": "prNS xxxx:2027", "stadium": stadium, "dato": "2027-01-15"}
    if stadium == "høring":
        data["høring"] = {"start": "2027-02-01", "frist": "2027-04-01"}
    outline = build_outline(load_repository(ROOT), Record("utgave", "utgaver/u-1.yaml", data, {}, True), "abc")
    assert outline.status_line == line
    assert (outline.warning is not None) == warned
    assert outline.stage == line.split(" – ")[1].split(",")[0].capitalize()
