"""`krav endringer` and the change-report core (scripts/changes/) on temporary git repositories.

Every change class has a fixture pair: the `maksimal` fixture repository committed as BASE
(tag «base») and one edit committed as HEAD, with the exact expected text report. Then:
deletions and id reuse refused, shallow clones, Markdown escaping, JSON shape, findings
introduced and resolved, and the working tree as HEAD.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from gitrepo import Repo, git
from scripts.changes import compare, compare_revisions, load_revision, load_worktree, render
from scripts.cli import main
from scripts.loading import load_repository

IK1 = "krav/internkontroll/IK-001.yaml"
IK2 = "krav/internkontroll/IK-002.yaml"
IK4 = "krav/internkontroll/IK-004.yaml"
BE1 = "krav/bemanning/BE-001.yaml"
BVL = "lovhjemler/bvl/bvl.yaml"
MANDAT = "mandat/mandat.yaml"
PARAM = "mandat/parametere.yaml"

# name -> edits: (file, old, new) replaces text; (file, None, text) writes a file; (file,) deletes it
CASES = {
    "verbform-skjerpet": [(IK2, "type: anbefaling", "type: krav"), (IK2, "Nyansatte bør", "Nyansatte skal")],
    "verbform-svekket": [(BE1, "type: krav", "type: anbefaling"), (BE1, "Det skal", "Det bør")],
    "type-endret": [(IK4, "type: tillatelse", "type: regel")],
    "parameter-skjerpet": [(BE1, "min: 2", "min: 3")],
    "parameter-lempet": [(IK1, "maks: 12", "maks: 24")],
    "parameter-endret": [(IK2, "lik: 12", "lik: 6")],
    "parameter-lagt-til": [(IK4, "status: vedtatt", "parametere:\n  - navn: bemanning.natt.vakne_voksne\n    min: 1\n    enhet: personer\nstatus: vedtatt")],
    "parameter-fjernet": [(BE1, "parametere:\n  - navn: bemanning.natt.vakne_voksne\n    min: 2\n    enhet: personer\n", "")],
    "parameter-enhet-endret": [(IK1, "enhet: måneder", "enhet: uker")],
    "parameter-grense-fjernet": [(IK1, "    min: 1\n", "")],
    "hjemmel-lagt-til": [(IK4, "lovhjemler: [bvl-kap10]", "lovhjemler: [bvl-kap10, bvl-10-1]")],
    "hjemmel-fjernet": [(IK1, "lovhjemler: [bvl-10-1, nou-2023-7]", "lovhjemler: [bvl-10-1]")],
    "status-endret": [(BE1, "status: forslag", "status: vedtatt")],
    "trukket": [(IK2, "status: forslag", "status: trukket")],
    "tekst-omformulert": [(IK1, "minst én gang i året", "minst to ganger i året")],
    "tittel-endret": [(IK4, "tittel: Digitale rutiner", "tittel: Elektroniske rutiner")],
    "omrade-flyttet": [(IK4, "område: internkontroll", "område: bemanning"), ("move", IK4, "krav/bemanning/IK-004.yaml")],
    "relasjon-lagt-til": [(BE1, "status: forslag", "relasjoner:\n  - type: se_også\n    krav: IK-001\nstatus: forslag")],
    "relasjon-fjernet": [(IK4, "  - type: konflikt_med\n    krav: IK-002\n", "")],
    "felt-endret": [(IK1, "verifisering: [dokumentgjennomgang, intervju]", "verifisering: [dokumentgjennomgang, observasjon]"),
                    (IK1, "Tilsyn finner ofte", "Tilsynet finner ofte")],
    "lagt-til": [("krav/bemanning/BE-002.yaml", None, "id: BE-002\ntittel: Vikarer\nområde: bemanning\ntype: anbefaling\ntekst: Vikarer bør kjenne rutinene.\nlovhjemler: [bvl]\nstatus: forslag\n")],
    "slettet": [(IK2,)],
    "kilde-endret": [(BVL, "sammendrag: Hovedloven for barnevernet.", "sammendrag: Loven om barnevern.")],
    "kilde-slettet": [("lovhjemler/nou/nou-2023-7.yaml",)],
    "term-lagt-til": [("termer/institusjon.yaml", None, "id: institusjon\nterm: institusjon\ndefinisjon: sted der barn bor\n")],
    "omrade-endret": [(MANDAT, "navn: Bemanning", "navn: Bemanning og vakter")],
    "omrade-lagt-til": [(MANDAT, "interessenter:", "  - id: kompetanse\n    navn: Kompetanse\n    prefiks: KO\n    beskrivelse: Utdanning.\ninteressenter:")],
    "mal-slettet": [(MANDAT, "  - id: M2\n    tekst: Gjøre kravene i lovverket tilgjengelige\n", "")],
    "parameter-deklarasjon-endret": [(PARAM, "Tid mellom hver gjennomgang av rutinene", "Tid mellom gjennomgangene")],
}


EXPECTED = {
    'verbform-skjerpet': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-002 Opplæring i rutinene (krav/internkontroll/IK-002.yaml)\n      Verbform skjerpet: bør → skal (anbefaling → krav)\n      Tekst omformulert: Nyansatte [-bør-] {+skal+} få opplæring i rutinene i løpet av den første uken.\n',
    'verbform-svekket': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  BE-001 Våkne voksne om natten (krav/bemanning/BE-001.yaml)\n      Verbform svekket: skal → bør (krav → anbefaling)\n      Tekst omformulert: Det [-skal-] {+bør+} være minst to våkne voksne på vakt om natten i hver avdeling.\n',
    'type-endret': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-004 Digitale rutiner (krav/internkontroll/IK-004.yaml)\n      Type endret: tillatelse → regel\n',
    'parameter-skjerpet': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  BE-001 Våkne voksne om natten (krav/bemanning/BE-001.yaml)\n      Parametergrense skjerpet: bemanning.natt.vakne_voksne min 2 → 3 personer\n',
    'parameter-lempet': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-001 Skriftlig internkontroll (krav/internkontroll/IK-001.yaml)\n      Parametergrense lempet: internkontroll.gjennomgang.intervall maks 12 → 24 måneder\n',
    'parameter-endret': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-002 Opplæring i rutinene (krav/internkontroll/IK-002.yaml)\n      Parametergrense endret: internkontroll.gjennomgang.intervall lik 12 → 6 måneder\n',
    'parameter-lagt-til': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-004 Digitale rutiner (krav/internkontroll/IK-004.yaml)\n      Parametergrense lagt til: bemanning.natt.vakne_voksne min 1 personer\n',
    'parameter-fjernet': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  BE-001 Våkne voksne om natten (krav/bemanning/BE-001.yaml)\n      Parametergrense fjernet: bemanning.natt.vakne_voksne min 2 personer\n',
    'parameter-enhet-endret': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-001 Skriftlig internkontroll (krav/internkontroll/IK-001.yaml)\n      Enhet endret for internkontroll.gjennomgang.intervall: måneder → uker\n',
    'parameter-grense-fjernet': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-001 Skriftlig internkontroll (krav/internkontroll/IK-001.yaml)\n      Parametergrense lempet: internkontroll.gjennomgang.intervall min 1 → (ingen) måneder\n',
    'hjemmel-lagt-til': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-004 Digitale rutiner (krav/internkontroll/IK-004.yaml)\n      Hjemmel lagt til: bvl-10-1\n',
    'hjemmel-fjernet': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-001 Skriftlig internkontroll (krav/internkontroll/IK-001.yaml)\n      Hjemmel fjernet: nou-2023-7\n',
    'status-endret': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  BE-001 Våkne voksne om natten (krav/bemanning/BE-001.yaml)\n      Status endret: forslag → vedtatt\n',
    'trukket': 'Endringer fra base til HEAD\n\nBestemmelser: 1 trukket\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nTrukne bestemmelser:\n  IK-002 Opplæring i rutinene (krav/internkontroll/IK-002.yaml)\n      Status endret: forslag → trukket\n',
    'tekst-omformulert': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-001 Skriftlig internkontroll (krav/internkontroll/IK-001.yaml)\n      Tekst omformulert: Institusjonen skal ha skriftlige rutiner for internkontroll som gjennomgås minst [-én gang-] {+to ganger+} i året.\n',
    'tittel-endret': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 0 bestemmelser (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 1.\n\nEndrede bestemmelser:\n  IK-004 Elektroniske rutiner (krav/internkontroll/IK-004.yaml)\n      Tittel endret: [-Digitale-] {+Elektroniske+} rutiner\n',
    'omrade-flyttet': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-004 Digitale rutiner (krav/bemanning/IK-004.yaml)\n      Flyttet til et annet område: internkontroll → bemanning\n      Filen er flyttet: krav/internkontroll/IK-004.yaml → krav/bemanning/IK-004.yaml\n',
    'relasjon-lagt-til': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  BE-001 Våkne voksne om natten (krav/bemanning/BE-001.yaml)\n      Relasjon lagt til: se_også IK-001\n',
    'relasjon-fjernet': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-004 Digitale rutiner (krav/internkontroll/IK-004.yaml)\n      Relasjon fjernet: konflikt_med IK-002\n',
    'felt-endret': 'Endringer fra base til HEAD\n\nBestemmelser: 1 endret\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nEndrede bestemmelser:\n  IK-001 Skriftlig internkontroll (krav/internkontroll/IK-001.yaml)\n      Felt endret: «begrunnelse»: [-Tilsyn-] {+Tilsynet+} finner ofte at rutinene finnes, men ikke er kjent eller fulgt.\n      Felt endret: «verifisering» lagt til observasjon; fjernet intervju\n',
    'lagt-til': 'Endringer fra base til HEAD\n\nBestemmelser: 1 ny\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\nNye bestemmelser:\n  BE-002 Vikarer (krav/bemanning/BE-002.yaml)\n',
    'slettet': 'Endringer fra base til HEAD\n\nBestemmelser: 1 slettet\nNormative endringer: 1 bestemmelse (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\nkrav/internkontroll/IK-002.yaml: feil [endring-slettet] Bestemmelse «IK-002» er slettet.\n    Id-er er permanente: gjenopprett filen og sett «status: trukket» (en etterfølger viser tilbake med en relasjon av typen «erstatter»).\n\nSlettede bestemmelser:\n  IK-002 Opplæring i rutinene (krav/internkontroll/IK-002.yaml)\n',
    'kilde-endret': 'Endringer fra base til HEAD\n\nKilder: 1 endret\n\nEndrede kilder:\n  bvl barnevernsloven (lovhjemler/bvl/bvl.yaml)\n      Felt endret: «sammendrag»: [-Hovedloven for barnevernet.-] {+Loven om barnevern.+}\n',
    'kilde-slettet': 'Endringer fra base til HEAD\n\nKilder: 1 slettet\nlovhjemler/nou/nou-2023-7.yaml: feil [endring-slettet] Kilde «nou-2023-7» er slettet.\n    Id-er er permanente: gjenopprett filen; en kilde som ikke lenger gjelder, får «gyldig_til» og eventuelt «erstattet_av».\n\nSlettede kilder:\n  nou-2023-7 Trygg barndom, sikker fremtid kapittel 9 (lovhjemler/nou/nou-2023-7.yaml)\n',
    'term-lagt-til': 'Endringer fra base til HEAD\n\nTermer: 1 ny\n\nNye termer:\n  institusjon sted der barn bor (termer/institusjon.yaml)\n',
    'omrade-endret': 'Endringer fra base til HEAD\n\nOmråder i mandatet: 1 endret\n\nEndrede områder i mandatet:\n  bemanning Bemanning og vakter (mandat/mandat.yaml)\n      Felt endret: «navn»: Bemanning {+og vakter+}\n',
    'omrade-lagt-til': 'Endringer fra base til HEAD\n\nOmråder i mandatet: 1 ny\n\nNye områder i mandatet:\n  kompetanse Kompetanse (mandat/mandat.yaml)\n',
    'mal-slettet': 'Endringer fra base til HEAD\n\nMål i mandatet: 1 slettet\nmandat/mandat.yaml: feil [endring-slettet] Mål «M2» er slettet.\n    Id-er er permanente: sett målet tilbake i mandat/mandat.yaml; bestemmelser viser til det med id-en.\n\nSlettede mål i mandatet:\n  M2 Gjøre kravene i lovverket tilgjengelige (mandat/mandat.yaml)\n',
    'parameter-deklarasjon-endret': 'Endringer fra base til HEAD\n\nParametere: 1 endret\n\nEndrede parametere:\n  internkontroll.gjennomgang.intervall Tid mellom gjennomgangene (mandat/parametere.yaml)\n      Felt endret: «beskrivelse»: Tid mellom [-hver gjennomgang av rutinene-] {+gjennomgangene+}\n',
}


def _apply(repo: Repo, edits: list[tuple]) -> None:
    for edit in edits:
        if edit[0] == "move":
            git(repo.root, "mv", edit[1], edit[2])
        elif len(edit) == 1:
            repo.delete(edit[0])
        elif edit[1] is None:
            repo.write(edit[0], edit[2])
        else:
            repo.replace(*edit)


def test_every_case_has_an_expected_report() -> None:
    assert sorted(CASES) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(CASES))
def test_change_class_report_is_exact(repo: Repo, name: str) -> None:
    _apply(repo, CASES[name])
    repo.commit(name)
    report = compare_revisions(repo.root, "base", "HEAD", findings=False)
    assert render.text(report) == EXPECTED[name]


def test_every_change_code_is_covered() -> None:
    """Each classified change code appears in some expected report (ugyldig has its own test)."""
    from scripts.changes import CODES

    text = "".join(EXPECTED.values())
    labels = {code: label for code, label in CODES.items() if code not in ("ugyldig", "felt-lagt-til", "felt-fjernet")}
    assert [code for code, label in labels.items() if label not in text] == []


# --- The command line ------------------------------------------------------------------------------

def test_deletion_is_an_error_exit_1(repo: Repo, capsys) -> None:
    repo.delete(IK2)
    repo.commit("delete")
    assert main(["endringer", "base", "HEAD", "--sti", str(repo.root), "--uten-funn"]) == 1
    out = capsys.readouterr().out
    assert "feil [endring-slettet] Bestemmelse «IK-002» er slettet." in out


def test_no_changes_exit_0(repo: Repo, capsys) -> None:
    assert main(["endringer", "base", "--sti", str(repo.root)]) == 0
    out = capsys.readouterr().out
    assert out == ("Endringer fra base til arbeidskopien\n\nIngen poster er lagt til, endret, trukket eller slettet.\n\n"
                   "Nye funn: 0, løste funn: 0.\n")


def test_working_tree_is_the_default_head(repo: Repo, capsys) -> None:
    repo.replace(BE1, "min: 2", "min: 3")  # not committed
    assert main(["endringer", "base", "--sti", str(repo.root), "--uten-funn"]) == 0
    assert "Parametergrense skjerpet: bemanning.natt.vakne_voksne min 2 → 3 personer" in capsys.readouterr().out


def test_unknown_base_says_what_to_do_in_one_line(repo: Repo, capsys) -> None:
    assert main(["endringer", "finnes-ikke", "--sti", str(repo.root)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("krav: git har ikke revisjonen «finnes-ikke»; hent den først")


def test_a_revision_that_looks_like_an_option_is_refused(repo: Repo, capsys) -> None:
    assert main(["endringer", "--sti", str(repo.root), "--", "--output=/tmp/x"]) == 2
    assert "git har ikke revisjonen «--output=/tmp/x»" in capsys.readouterr().err


def test_outside_git_is_one_line(tmp_path, capsys) -> None:
    import shutil

    from gitrepo import MAKSIMAL

    shutil.copytree(MAKSIMAL, tmp_path / "r")
    assert main(["endringer", "main", "--sti", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "er ikke i et git-repositorium" in err


def test_without_git_program(repo: Repo, capsys, monkeypatch) -> None:
    from scripts.changes import git as git_module

    monkeypatch.setattr(git_module.shutil, "which", lambda name: None)
    assert main(["endringer", "base", "--sti", str(repo.root)]) == 2
    assert capsys.readouterr().err == "krav: fant ikke programmet «git»; «krav endringer» leser revisjonene fra git.\n"


def test_shallow_clone_needs_the_base_fetched(repo: Repo, tmp_path, capsys) -> None:
    base = git(repo.root, "rev-parse", "base").strip()
    repo.replace(BE1, "min: 2", "min: 3")
    repo.commit("head")
    clone = tmp_path / "klone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    assert main(["endringer", base, "HEAD", "--sti", str(clone), "--uten-funn"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "git fetch --depth=1 origin" in err
    git(clone, "fetch", "-q", "--depth=1", "origin", base)
    assert main(["endringer", base, "HEAD", "--sti", str(clone), "--uten-funn"]) == 0
    assert "min 2 → 3 personer" in capsys.readouterr().out


def test_subfolder_of_a_git_repository(tmp_path, capsys) -> None:
    """The standard's root need not be git's top level (paths are relative to the root)."""
    outer = tmp_path / "ytre"
    outer.mkdir()
    Repo(outer / "standard")  # its own .git; make it a plain folder in a bigger repository instead
    subprocess.run(["rm", "-rf", str(outer / "standard" / ".git")], check=True)
    git(outer, "init", "-q", "-b", "main")
    git(outer, "add", "-A")
    git(outer, "commit", "-q", "-m", "base")
    (outer / "standard" / BE1).write_text((outer / "standard" / BE1).read_text().replace("min: 2", "min: 3"))
    assert main(["endringer", "HEAD", "--sti", str(outer / "standard"), "--uten-funn"]) == 0
    assert "min 2 → 3 personer" in capsys.readouterr().out


# --- Formats ----------------------------------------------------------------------------------------

HOSTILE = "<img src=x onerror=alert(1)> **fet** [lenke](https://evil.example) @komiteen #12 `kode`"


def test_markdown_shows_record_text_as_text(repo: Repo) -> None:
    repo.replace(IK4, "tittel: Digitale rutiner", f"tittel: \"{HOSTILE}\"")
    repo.write("krav/bemanning/BE-009.yaml", f"id: BE-009\ntittel: \"@all <script>x</script>\"\nområde: bemanning\n"
                                             "type: krav\ntekst: Det skal være @alle.\nlovhjemler: [bvl]\nstatus: forslag\n")
    repo.commit("hostile")
    md = render.markdown(compare_revisions(repo.root, "base", "HEAD"))
    assert "<img" not in md and "<script" not in md and "@komiteen" not in md and "@all" not in md
    assert "](https" not in md and "**fet**" not in md and " #12" not in md
    assert "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;" in md and "&#64;komiteen" in md
    assert md.startswith(render.COMMENT_MARKER + "\n## Endringer i standarden: `base` → `HEAD`\n")


def test_markdown_report_is_exact(repo: Repo) -> None:
    repo.replace(BE1, "min: 2", "min: 3")
    repo.delete(IK2)
    repo.commit("head")
    md = render.markdown(compare_revisions(repo.root, "base", "HEAD", findings=False))
    assert md == (
        "<!-- krav-endringer -->\n"
        "## Endringer i standarden: `base` → `HEAD`\n\n"
        "> **Feil:** Bestemmelse «IK\\-002» er slettet\\. Id\\-er er permanente\\: gjenopprett filen og sett «status\\: "
        "trukket» \\(en etterfølger viser tilbake med en relasjon av typen «erstatter»\\)\\.\n\n"
        "| | Nye | Endrede | Trukne | Slettede |\n|---|---:|---:|---:|---:|\n| Bestemmelser | 0 | 1 | 0 | 1 |\n\n"
        "**Normative endringer:** 2 bestemmelser (endrer hva som kreves, anbefales eller tillates); redaksjonelle: 0.\n\n"
        "| Endring i bestemmelsene | Antall | Bestemmelser |\n|---|---:|---|\n"
        "| Parametergrense skjerpet | 1 | BE\\-001 |\n\n"
        "### Endrede bestemmelser\n\n"
        "- **BE\\-001** Våkne voksne om natten (`krav/bemanning/BE-001.yaml`)\n"
        "  - Parametergrense skjerpet: bemanning\\.natt\\.vakne\\_voksne min 2 → 3 personer\n\n"
        "### Slettede bestemmelser\n\n"
        "- **IK\\-002** Opplæring i rutinene (`krav/internkontroll/IK-002.yaml`)\n")


def test_markdown_is_cut_to_the_comment_limit(repo: Repo) -> None:
    for n in range(2, 200):
        repo.write(f"krav/bemanning/BE-{n:03d}.yaml", f"id: BE-{n:03d}\ntittel: Krav nummer {n} {'ord ' * 30}\n"
                                                       "område: bemanning\ntype: krav\ntekst: Det skal være slik.\n"
                                                       "lovhjemler: [bvl]\nstatus: forslag\n")
    repo.commit("many")
    md = render.markdown(compare_revisions(repo.root, "base", "HEAD", findings=False), limit=5000)
    assert len(md) <= 5000 and "Rapporten er forkortet" in md


def test_json_is_stable_and_complete(repo: Repo) -> None:
    repo.replace(BE1, "min: 2", "min: 3")
    repo.commit("head")
    document = json.loads(render.as_json(compare_revisions(repo.root, "base", "HEAD")))
    assert document["format"] == render.JSON_FORMAT == 1
    assert document["base"]["ref"] == "base" and len(document["base"]["commit"]) == 40
    assert document["head"]["ref"] == "HEAD"
    assert document["feil"] == 0 and document["normative"] == 1
    assert document["antall"]["krav"] == {"lagt-til": 0, "endret": 1, "trukket": 0, "slettet": 0}
    assert document["poster"] == [{
        "art": "krav", "id": "BE-001", "handling": "endret", "nivå": None, "normativ": True, "fil": BE1, "fil_før": BE1,
        "tittel": "Våkne voksne om natten",
        "endringer": [{"kode": "parameter-skjerpet", "felt": "parametere", "før": 2, "etter": 3,
                       "navn": "bemanning.natt.vakne_voksne", "grense": "min", "enhet": "personer"}]}]
    assert document["funn"] == {"sammenlignet": True, "nye": [], "løste": []}


def test_json_cli(repo: Repo, capsys) -> None:
    repo.replace(IK1, "minst én gang i året", "minst to ganger i året")
    assert main(["endringer", "base", "--format", "json", "--sti", str(repo.root), "--uten-funn"]) == 0
    document = json.loads(capsys.readouterr().out)
    change = document["poster"][0]["endringer"][0]
    assert change["kode"] == "tekst-omformulert"
    assert change["ord"][-2:] == [["+", "to ganger"], ["=", "i året."]]
    assert document["funn"]["sammenlignet"] is False


def test_step_summary(repo: Repo, tmp_path, capsys, monkeypatch) -> None:
    summary = tmp_path / "sammendrag.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    repo.replace(BE1, "min: 2", "min: 3")
    assert main(["endringer", "base", "--sti", str(repo.root), "--sammendrag", "--uten-funn"]) == 0
    assert summary.read_text(encoding="utf-8").startswith("## Endringer i standarden")


# --- Findings ----------------------------------------------------------------------------------------

def test_findings_introduced_and_resolved(repo: Repo) -> None:
    repo.replace(IK4, "lovhjemler: [bvl-kap10]", "lovhjemler: [bvl-kap10, finnes-ikke]")
    repo.commit("broken")
    git(repo.root, "tag", "broken")
    repo.replace(IK4, "lovhjemler: [bvl-kap10, finnes-ikke]", "lovhjemler: [bvl-kap10]")
    repo.commit("fixed")
    introduced = compare_revisions(repo.root, "base", "broken")
    assert [f.rule for f in introduced.introduced] == ["krav-ukjent-lovhjemmel"] and introduced.resolved == []
    resolved = compare_revisions(repo.root, "broken", "HEAD")
    assert [f.rule for f in resolved.resolved] == ["krav-ukjent-lovhjemmel"] and resolved.introduced == []
    text = render.text(introduced)
    assert "Nye funn: 1, løste funn: 0." in text
    assert "krav/internkontroll/IK-004.yaml:3:25: feil [krav-ukjent-lovhjemmel]" in text or "[krav-ukjent-lovhjemmel]" in text


def test_analysis_findings_are_compared(repo: Repo) -> None:
    repo.replace(IK2, "lik: 12", "lik: 24")  # outside BE/IK-001's bounds 1..12: a parameter conflict
    repo.commit("conflict")
    report = compare_revisions(repo.root, "base", "HEAD")
    assert report.introduced and all(f.file for f in report.introduced)


def test_finding_match_ignores_line_numbers() -> None:
    from scripts.changes import finding_delta
    from scripts.findings import Finding

    a = Finding("r", "feil", "f.yaml", 3, 1, "melding")
    b = Finding("r", "feil", "f.yaml", 9, 1, "melding")
    assert finding_delta([a], [b]) == ([], [])
    assert finding_delta([a], [a, b]) == ([b], [])


def test_broken_file_in_head_is_changed_not_deleted(repo: Repo) -> None:
    repo.write(IK4, "id: [IK-004\n")
    repo.commit("broken")
    report = compare_revisions(repo.root, "base", "HEAD")
    assert [(r.id, r.action, [c.code for c in r.changes]) for r in report.records] == [("IK-004", "endret", ["ugyldig"])]
    assert report.errors == [] and report.introduced


def test_fields_added_and_removed(repo: Repo) -> None:
    repo.replace(IK1, "foreslått_av: NHO Geneo\n", "merknad: Sjekk tallene.\n")
    repo.commit("fields")
    report = compare_revisions(repo.root, "base", "HEAD", findings=False)
    assert [c.code for c in report.records[0].changes] == ["felt-fjernet", "felt-lagt-til"]
    assert "Felt lagt til: «merknad» = Sjekk tallene." in render.text(report)


# --- Loading revisions --------------------------------------------------------------------------------

def test_revision_loads_like_the_files_on_disk(repo: Repo) -> None:
    from_git = load_revision(repo.root, "base")
    from_disk = load_repository(repo.root)
    assert [(r.file, r.kind, r.data, r.valid) for r in from_git.records] == \
           [(r.file, r.kind, r.data, r.valid) for r in from_disk.records]
    assert from_git.findings == from_disk.findings
    assert len(from_git.revision) == 40


def test_unchanged_files_are_shared(repo: Repo) -> None:
    base = load_revision(repo.root, "base")
    repo.replace(BE1, "min: 2", "min: 3")
    head = load_worktree(repo.root, reuse=base)
    assert head.loaded_by_rel[IK1] is base.loaded_by_rel[IK1]
    assert head.loaded_by_rel[BE1] is not base.loaded_by_rel[BE1]
    report = compare(base, head, findings=False)
    assert [r.id for r in report.records] == ["BE-001"]


def test_revision_respects_the_size_limit(repo: Repo) -> None:
    from scripts import gate

    repo.write("krav/bemanning/BE-002.yaml", "id: BE-002\n" + "# fyll\n" * (gate.MAX_FILE_BYTES // 7 + 10))
    repo.commit("large")
    head = load_revision(repo.root, "HEAD")
    assert [f.rule for f in head.findings] == ["fil-for-stor"]


def test_revision_applies_the_gate_placement_rules(repo: Repo) -> None:
    repo.write("krav/bemanning/notat.txt", "x")
    repo.write("krav/README.md", "# dokumentasjon")
    repo.commit("misplaced")
    head = load_revision(repo.root, "HEAD")
    assert [f.rule for f in head.findings] == ["fil-plassering"]
    assert [f.rule for f in load_repository(repo.root).findings] == ["fil-plassering"]


def test_symbolic_link_in_a_revision_is_never_followed(repo: Repo) -> None:
    import os

    os.symlink("/etc/passwd", repo.path("krav/bemanning/BE-005.yaml"))
    repo.commit("link")
    head = load_revision(repo.root, "HEAD")
    assert [f.rule for f in head.findings] == ["fil-ulesbar"]
    assert all("root:" not in str(r.data) for r in head.records)


# --- Ids are permanent ---------------------------------------------------------------------------------

def test_reused_id_is_reported_by_sjekk(repo: Repo, capsys) -> None:
    repo.delete(IK2)
    repo.commit("delete IK-002")
    repo.write(IK2, "id: IK-002\ntittel: Noe helt annet\nområde: internkontroll\ntype: krav\n"
                    "tekst: Institusjonen skal gjøre noe annet.\nlovhjemler: [bvl]\nstatus: forslag\n")
    assert main(["sjekk", str(repo.root), "--uten-mellomlager"]) == 1
    out = capsys.readouterr().out
    assert (f"{IK2}: feil [krav-id-gjenbrukt] Id-en «IK-002» ble brukt av en post som er slettet («{IK2}»); "
            "en id brukes aldri om igjen.") in out


def test_restored_record_is_not_a_reuse(repo: Repo, capsys) -> None:
    original = repo.read(IK2)
    repo.delete(IK2)
    repo.commit("delete IK-002")
    repo.write(IK2, original)
    repo.commit("restore IK-002")
    assert main(["sjekk", str(repo.root), "--uten-mellomlager"]) == 0
    assert "krav-id-gjenbrukt" not in capsys.readouterr().out


def test_moved_record_is_not_a_reuse(repo: Repo, capsys) -> None:
    git(repo.root, "mv", IK4, "krav/bemanning/IK-004.yaml")
    repo.commit("move")
    main(["sjekk", str(repo.root), "--uten-mellomlager"])
    assert "krav-id-gjenbrukt" not in capsys.readouterr().out


def test_krav_ny_skips_ids_of_deleted_files(repo: Repo, capsys) -> None:
    repo.delete(IK4)
    repo.delete("krav/internkontroll/IK-003.yaml")
    repo.commit("delete IK-003 and IK-004")
    assert main(["ny", "internkontroll", "--sti", str(repo.root)]) == 0
    assert "IK-005" in capsys.readouterr().out


def test_history_is_skipped_without_git(tmp_path, capsys, monkeypatch) -> None:
    import shutil

    from gitrepo import MAKSIMAL
    from scripts.changes import git as git_module

    shutil.copytree(MAKSIMAL, tmp_path / "r")
    assert main(["sjekk", str(tmp_path / "r"), "--uten-mellomlager"]) == 0
    monkeypatch.setattr(git_module.shutil, "which", lambda name: None)
    assert main(["sjekk", str(tmp_path / "r"), "--uten-mellomlager"]) == 0
    assert main(["ny", "internkontroll", "--sti", str(tmp_path / "r")]) == 0
    assert "IK-005" in capsys.readouterr().out


def test_findings_are_the_same_with_and_without_a_child_process(repo: Repo, monkeypatch) -> None:
    repo.replace(IK4, "lovhjemler: [bvl-kap10]", "lovhjemler: [bvl-kap10, finnes-ikke]")
    repo.commit("broken")
    forked = compare_revisions(repo.root, "HEAD", "base")
    monkeypatch.setenv("KRAV_PARALLELL", "0")
    serial = compare_revisions(repo.root, "HEAD", "base")
    assert forked.resolved == serial.resolved and [f.rule for f in serial.resolved] == ["krav-ukjent-lovhjemmel"]


def test_unknown_head_stops_the_child(repo: Repo, capsys) -> None:
    assert main(["endringer", "base", "finnes-ikke", "--sti", str(repo.root)]) == 2
    assert "«finnes-ikke»" in capsys.readouterr().err


def test_text_report_keeps_one_item_per_line(repo: Repo) -> None:
    repo.replace(IK4, "tittel: Digitale rutiner", 'tittel: "Digitale\\nrutiner \\e[31mrød\\u202e"')
    repo.commit("control characters")
    text = render.text(compare_revisions(repo.root, "base", "HEAD", findings=False))
    assert "\x1b" not in text and "\u202e" not in text
    assert "IK-004 Digitale\\nrutiner \\x1b[31mrød\\u202e (krav/internkontroll/IK-004.yaml)" in text


def test_this_repository_at_head_loads_from_git_without_findings() -> None:
    from gitrepo import ROOT

    head = load_revision(ROOT, "HEAD")
    assert head.findings == [] and len(head.krav) > 0
    report = compare(head, head, findings=False)
    assert report.records == [] and render.text(report).endswith("Ingen poster er lagt til, endret, trukket eller slettet.\n")


def test_github_format_annotates_deletions_and_new_findings(repo: Repo, tmp_path, capsys, monkeypatch) -> None:
    summary = tmp_path / "sammendrag.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    repo.delete(IK2)
    repo.commit("delete")
    assert main(["endringer", "base", "HEAD", "--sti", str(repo.root), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=krav/internkontroll/IK-002.yaml,title=endring-slettet::"
                          "Bestemmelse «IK-002» er slettet.%0AId-er er permanente")
    assert "title=krav-ukjent-relasjon" in out  # IK-004 still points at IK-002
    assert summary.read_text(encoding="utf-8").startswith("## Endringer i standarden")


def test_a_stale_branch_that_deleted_a_record_is_no_reuse(repo: Repo, capsys) -> None:
    git(repo.root, "checkout", "-q", "-b", "gammel")
    repo.delete(IK2)
    repo.commit("delete IK-002 on a branch that is never merged")
    git(repo.root, "checkout", "-q", "main")
    repo.replace(IK2, "tittel: Opplæring i rutinene", "tittel: Opplæring i rutinene for nyansatte")
    repo.commit("retitle IK-002 on main")
    assert main(["sjekk", str(repo.root), "--uten-mellomlager"]) == 0
    assert "krav-id-gjenbrukt" not in capsys.readouterr().out
    assert main(["ny", "internkontroll", "--sti", str(repo.root)]) == 0  # krav ny still skips every branch's ids
    assert "IK-005" in capsys.readouterr().out


def test_published_drafts_and_comments_are_compared_and_never_deleted(repo: Repo) -> None:
    repo.write("utgaver/komiteutkast-1.yaml", 'id: komiteutkast-1\nbetegnelse: prNS xxxx:2027\n'
                                              'stadium: komitéutkast\ndato: "2027-01-15"\n')
    comment = ('id: NHO-GENEO-001\nutgave: komiteutkast-1\nfra: NHO Geneo\npunkt: "4.1"\nkrav: IK-001\n'
               'type: te\nkommentar: Fristen bør være kortere.\n')
    repo.write("kommentarer/komiteutkast-1/NHO-GENEO-001.yaml", comment)
    repo.commit("utkast og kommentar")
    git(repo.root, "tag", "utkast")
    repo.write("kommentarer/komiteutkast-1/NHO-GENEO-001.yaml",
               comment + "behandling:\n  vedtak: akseptert\n  begrunnelse: Enig.\n")
    repo.delete("utgaver/komiteutkast-1.yaml")
    repo.commit("behandlet, og utkastet slettet ved en feil")
    report = compare_revisions(repo.root, "utkast", "HEAD", findings=False)
    assert [(r.kind, r.id, r.action) for r in report.records] == [
        ("utgave", "komiteutkast-1", "slettet"), ("kommentar", "komiteutkast-1/NHO-GENEO-001", "endret")]
    assert [c.code for c in report.records[1].changes] == ["felt-lagt-til"]
    text = render.text(report)
    assert ("utgaver/komiteutkast-1.yaml: feil [endring-slettet] Utgave «komiteutkast-1» er slettet.\n"
            "    Id-er er permanente: gjenopprett filen; en publisert utgave endres eller slettes aldri") in text
