"""Unit tests for the rules of `krav sjekk` and for the Lovdata links they rely on.

The fixtures (test_fixtures.py) show each rule firing once in a whole repository; these
tests pin the edges: word boundaries, exemptions, link forms, and tolerance of odd data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import lovdata
from scripts.check import RULES, check_repository
from scripts.check.drafting import find_word
from scripts.findings import FEIL
from scripts.messages import MESSAGES
from scripts.repository import Record, Repository

MANDAT = {
    "tittel": "T", "formål": "F",
    "mål": [{"id": "M1", "tekst": "Mål"}],
    "områder": [{"id": "internkontroll", "navn": "Internkontroll", "prefiks": "IK"}],
}
PARAMETERE = [{"navn": "bemanning.natt.vakne_voksne", "beskrivelse": "B", "enhet": "personer"}]
BVL = {"id": "bvl-10-1", "type": "lov", "instrument": "LOV-2021-06-18-97", "tittel": "Lov",
       "paragraf": "§ 10-1", "sammendrag": "S", "områder": ["internkontroll"],
       "verifisert": [{"url": "https://lovdata.no/lov/2021-06-18-97/§10-1", "dato": "2026-11-20", "primærkilde": True}]}


def krav(**fields) -> dict:
    record = {"id": "IK-001", "tittel": "T", "område": "internkontroll", "type": "krav",
              "tekst": "Institusjonen skal ha rutiner.", "lovhjemler": ["bvl-10-1"],
              "verifisering": ["intervju"], "status": "vedtatt"}
    record.update(fields)
    return {k: v for k, v in record.items() if v is not None}


def repo_of(*krav_records: dict, sources: tuple[dict, ...] = (BVL,), folders: dict[str, str] | None = None) -> Repository:
    folders = folders or {}
    records = [Record("mandat", "mandat/mandat.yaml", MANDAT), Record("parametere", "mandat/parametere.yaml", PARAMETERE)]
    for number, data in enumerate(krav_records):
        ident = data.get("id") if isinstance(data.get("id"), str) else f"X{number}"
        records.append(Record("krav", f"krav/internkontroll/{ident}.yaml", data))
    for number, data in enumerate(sources):
        ident = data.get("id") if isinstance(data.get("id"), str) else f"x{number}"
        records.append(Record("lovhjemmel", f"lovhjemler/{folders.get(ident, 'bvl')}/{ident}.yaml", data))
    return Repository(Path("/ikke/brukt"), records, [])


def rules_found(repo: Repository) -> list[str]:
    from scripts.check import run_rules

    return sorted(f.rule for f in run_rules(repo))


# --- The registry and the catalogue --------------------------------------------------------

def test_every_registered_rule_id_is_in_the_catalogue() -> None:
    for registered in RULES:
        assert registered.doc, registered.func.__name__
        for rule_id in registered.ids:
            assert rule_id in MESSAGES, rule_id
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule_id), rule_id


def test_every_check_id_is_reported_by_someone() -> None:
    """Catalogue ids of kind sjekk come from the loader/schema (fil-, yaml-, skjema-, tegn-) or a rule."""
    registered = {rule_id for r in RULES for rule_id in r.ids}
    for rule_id, entry in MESSAGES.items():
        if entry.kind == "sjekk" and not rule_id.startswith(("fil-", "yaml-", "skjema-", "tegn-")):
            assert rule_id in registered, rule_id


def test_catalogue_entries_are_norwegian_sentences() -> None:
    for rule_id, entry in MESSAGES.items():
        assert entry.level in ("feil", "advarsel"), rule_id
        assert entry.beskrivelse.endswith("."), rule_id
        assert "{" not in entry.beskrivelse, rule_id


# --- Drafting ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,word,found", [
    ("Institusjonen skal ha rutiner.", "skal", "skal"),
    ("Skal institusjonen ha rutiner?", "skal", "Skal"),
    ("Institusjonen SKAL ha rutiner.", "skal", "SKAL"),
    ("Tjenesten skalerer.", "skal", None),
    ("Rutinene må følges.", "må", "må"),
    ("På en god måte.", "må", None),
    ("Det kan skje.", "kan", "kan"),
    ("Kanskje.", "kan", None),
    ("Ansatte bør/skal vite det.", "bør", "bør"),
    ("«Skal»-krav.", "skal", "Skal"),
])
def test_find_word_matches_whole_words_only(text: str, word: str, found: str | None) -> None:
    assert find_word(text, word) == found


def test_each_type_needs_its_own_verb() -> None:
    assert rules_found(repo_of(krav(type="anbefaling", tekst="Institusjonen bør ha rutiner."))) == []
    assert rules_found(repo_of(krav(type="tillatelse", tekst="Institusjonen kan ha rutiner."))) == []
    assert rules_found(repo_of(krav(type="anbefaling", tekst="Institusjonen kan ha rutiner."))) == ["tekst-verbform-mangler"]
    assert rules_found(repo_of(krav(type="tillatelse", tekst="Institusjonen kan og skal ha rutiner, og bør."))) == [
        "tekst-verbform-motstrid", "tekst-verbform-motstrid"]


def test_drafting_finding_points_at_tekst_and_quotes_the_word() -> None:
    from scripts.check import run_rules

    [finding] = list(run_rules(repo_of(krav(tekst="Rutinene må finnes, og de skal følges."))))
    assert finding.rule == "tekst-ma" and finding.path == ("tekst",) and "«må»" in finding.message


# --- Basis ---------------------------------------------------------------------------------

def test_basis_rules() -> None:
    assert rules_found(repo_of(krav(lovhjemler=[]))) == ["krav-uten-hjemmel"]
    assert rules_found(repo_of(krav(lovhjemler=None))) == ["krav-uten-hjemmel"]
    assert rules_found(repo_of(krav(lovhjemler=[], utover_lov=True))) == []
    assert rules_found(repo_of(krav(utover_lov=True))) == []  # going beyond law with a basis is fine
    assert rules_found(repo_of(krav(lovhjemler=[], status="trukket"))) == []


def test_non_binding_basis_warns_only_for_krav() -> None:
    nou = {"id": "nou-2023-7", "type": "forarbeid", "tittel": "NOU", "sammendrag": "S", "url": "https://x.no/",
           "verifisert": BVL["verifisert"]}
    sources = (BVL, nou)
    folders = {"nou-2023-7": "nou"}
    assert rules_found(repo_of(krav(lovhjemler=["nou-2023-7"]), sources=sources, folders=folders)) == ["krav-bare-veiledende"]
    assert rules_found(repo_of(krav(lovhjemler=["nou-2023-7", "bvl-10-1"]), sources=sources, folders=folders)) == []
    anbefaling = krav(type="anbefaling", tekst="De bør ha rutiner.", lovhjemler=["nou-2023-7"])
    assert rules_found(repo_of(anbefaling, sources=sources, folders=folders)) == []
    # An unknown id is reported by the reference rule, not guessed at here.
    assert rules_found(repo_of(krav(lovhjemler=["nou-2023-7", "ukjent"]), sources=sources, folders=folders)) == [
        "krav-ukjent-lovhjemmel"]


# --- Lifecycle -----------------------------------------------------------------------------

def test_lifecycle_rules() -> None:
    assert rules_found(repo_of(krav(status="forslag", begrunnelse="Fordi."))) == []
    assert rules_found(repo_of(krav(status="forslag", verifisering=None))) == ["status-forslag-ufullstendig"]
    assert rules_found(repo_of(krav(verifisering=None))) == ["status-vedtatt-uten-verifisering"]
    assert rules_found(repo_of(krav(verifisering=None, status="trukket"))) == []
    withdrawn = krav(id="IK-002", status="trukket")
    depends = krav(relasjoner=[{"type": "avhenger_av", "krav": "IK-002"}])
    assert rules_found(repo_of(depends, withdrawn)) == ["relasjon-avhenger-trukket"]
    # A withdrawn requirement may depend on another withdrawn one.
    assert rules_found(repo_of(krav(status="trukket", relasjoner=[{"type": "avhenger_av", "krav": "IK-002"}]),
                               withdrawn)) == []
    replaces = krav(relasjoner=[{"type": "erstatter", "krav": "IK-002"}])
    assert rules_found(repo_of(replaces, withdrawn)) == []
    # A replacement of a requirement that is still active is the analysis' analyse-erstatter-aktiv.
    assert rules_found(repo_of(replaces, krav(id="IK-002"))) == []


# --- Legal sources -------------------------------------------------------------------------

@pytest.mark.parametrize("data,url", [
    ({"type": "lov", "instrument": "LOV-2021-06-18-97", "paragraf": "§ 10-1"}, "https://lovdata.no/lov/2021-06-18-97/§10-1"),
    ({"type": "lov", "instrument": "LOV-2021-06-18-97", "paragraf": "§ 12-3 a"}, "https://lovdata.no/lov/2021-06-18-97/§12-3a"),
    ({"type": "forskrift", "instrument": "FOR-2022-12-16-2272", "paragraf": "§ 3"}, "https://lovdata.no/forskrift/2022-12-16-2272/§3"),
    ({"type": "lov", "instrument": "LOV-2021-06-18-97"}, "https://lovdata.no/dokument/NL/lov/2021-06-18-97"),
    ({"type": "forskrift", "instrument": "FOR-2022-12-16-2272"}, "https://lovdata.no/dokument/SF/forskrift/2022-12-16-2272"),
    ({"type": "lov", "instrument": "LOV-2021-06-18-97", "paragraf": "kapittel 10"}, "https://lovdata.no/dokument/NL/lov/2021-06-18-97/KAPITTEL_10"),
    ({"type": "forskrift", "instrument": "FOR-2022-12-16-2272", "paragraf": "kapittel 2"}, "https://lovdata.no/dokument/SF/forskrift/2022-12-16-2272/KAPITTEL_2"),
    ({"type": "forskrift", "instrument": "LOV-2021-06-18-97"}, None),  # wrong form for the type
    ({"type": "lov"}, None),
    ({"type": "rapport", "instrument": "LOV-2021-06-18-97"}, None),
    ({"type": "lov", "instrument": "LOV-2021-06-18-97", "paragraf": "artikkel 3"}, None),
    (None, None),
    (["ikke", "en", "post"], None),
])
def test_lovdata_url(data, url) -> None:
    assert lovdata.lovdata_url(data) == url


def test_link_prefers_the_stored_url() -> None:
    report = {"type": "rapport", "url": "https://www.helsetilsynet.no/r"}
    assert lovdata.link(report) == "https://www.helsetilsynet.no/r"
    assert lovdata.link({"type": "rapport"}) is None
    assert lovdata.link({"type": "lov", "instrument": "LOV-2021-06-18-97"}) == "https://lovdata.no/dokument/NL/lov/2021-06-18-97"


def test_stored_url_equivalents() -> None:
    data = {"type": "lov", "instrument": "LOV-2021-06-18-97", "paragraf": "§ 10-1"}
    accepted = lovdata.accepted_urls(data)
    assert lovdata.same_url("https://lovdata.no/lov/2021-06-18-97/%C2%A710-1", accepted)
    assert not lovdata.same_url("https://lovdata.no/lov/2021-06-18-97/§10-2", accepted)
    whole = lovdata.accepted_urls({"type": "lov", "instrument": "LOV-2025-06-20-39"})
    assert lovdata.same_url("https://lovdata.no/dokument/LTI/lov/2025-06-20-39", whole)


def test_legal_rules() -> None:
    def source(**fields):
        data = dict(BVL)
        data.update(fields)
        return {k: v for k, v in data.items() if v is not None}

    assert rules_found(repo_of(krav(), sources=(source(instrument=None),))) == ["lovhjemmel-instrument-mangler"]
    assert rules_found(repo_of(krav(), sources=(source(instrument="FOR-2021-06-18-97"),))) == ["lovhjemmel-instrument-format"]
    assert rules_found(repo_of(krav(), sources=(source(gyldig_fra="2024-01-01", gyldig_til="2023-01-01"),))) == [
        "lovhjemmel-gyldighet"]
    assert rules_found(repo_of(krav(), sources=(source(url="https://lovdata.no/lov/2021-06-18-97/§10-1"),))) == []
    assert rules_found(repo_of(krav(), sources=(source(url="https://lovdata.no/lov/2021-06-18-97/§1-1"),))) == [
        "lovhjemmel-url-avvik"]
    assert rules_found(repo_of(krav(), sources=(source(områder=["internkontrol"]),))) == ["lovhjemmel-ukjent-omrade"]
    # paragraf on a non-binding source is fine; it only needs a url.
    nou = {"id": "nou", "type": "forarbeid", "tittel": "N", "sammendrag": "S", "paragraf": "kapittel 9"}
    assert rules_found(repo_of(krav(), sources=(BVL, nou), folders={"nou": "nou"})) == ["lovhjemmel-url-mangler"]


def test_instrument_folders() -> None:
    second = dict(BVL, id="bvl-10-2", paragraf="§ 10-2")
    third = dict(BVL, id="bvl-10-3", paragraf="§ 10-3")
    found = rules_found(repo_of(krav(), sources=(BVL, second, third), folders={"bvl-10-3": "annen"}))
    assert found == ["lovhjemmel-instrument-mapper"]
    regulation = dict(BVL, id="fbi-3", type="forskrift", instrument="FOR-2022-12-16-2272", paragraf="§ 3")
    assert rules_found(repo_of(krav(), sources=(BVL, second, regulation))) == ["lovhjemmel-mappe-instrument"]
    # Non-binding records beside a law do not count as a second instrument.
    prop = {"id": "prop", "type": "forarbeid", "instrument": "Prop. 133 L", "tittel": "P", "sammendrag": "S",
            "url": "https://x.no/"}
    assert rules_found(repo_of(krav(), sources=(BVL, prop))) == []


# --- Mandate and parameters ----------------------------------------------------------------

def test_parameter_limits() -> None:
    def limited(**limits):
        return krav(parametere=[dict(navn="bemanning.natt.vakne_voksne", enhet="personer", **limits)])

    assert rules_found(repo_of(limited(min=1, maks=1))) == []
    assert rules_found(repo_of(limited(lik=2))) == []
    assert rules_found(repo_of(limited(min=2.5, maks=2))) == ["krav-parameter-min-over-maks"]
    assert rules_found(repo_of(limited(lik=2, min=1))) == ["krav-parameter-lik-og-grense"]
    assert rules_found(repo_of(limited())) == ["krav-parameter-uten-grense"]
    assert rules_found(repo_of(limited(min="to", maks=1))) == []  # the schema reports the text


# --- Robustness ----------------------------------------------------------------------------

ODD_VALUES = [None, True, 0, 1.5, "", "tekst", [], [None], [[1]], {}, {"a": None}, [{"krav": ["IK-001"]}],
              [{"navn": {"x": 1}, "min": [], "maks": None, "lik": True}]]


@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
def test_rules_tolerate_odd_field_values(value) -> None:
    """Rules read records the schema may have rejected: no shape of data may crash them."""
    keys = ["id", "tekst", "type", "status", "lovhjemler", "utover_lov", "relasjoner", "parametere", "verifisering",
            "område", "mål", "begrunnelse"]
    records = [krav(**{key: value}) for key in keys]
    source_keys = ["id", "type", "instrument", "paragraf", "url", "gyldig_fra", "gyldig_til", "områder"]
    sources = tuple(dict(BVL, **{key: value}) for key in source_keys)
    repo = repo_of(*records, sources=sources)
    repo.mandat.data = {"områder": value, "mål": value}
    check_repository(repo)  # must not raise
    bad = Repository(Path("/ikke/brukt"), [Record("krav", "krav/a/B.yaml", value), Record("lovhjemmel", "lovhjemler/a/b.yaml", value),
                                          Record("mandat", "mandat/mandat.yaml", value),
                                          Record("parametere", "mandat/parametere.yaml", value)], [])
    check_repository(bad)


def test_unreadable_files_do_not_trigger_content_rules() -> None:
    from scripts.findings import make

    unreadable = make("yaml-syntaks", "krav/internkontroll/IK-001.yaml", 1, 1, detalj="x")
    repo = Repository(Path("/ikke/brukt"), [Record("mandat", "mandat/mandat.yaml", MANDAT),
                                          Record("krav", "krav/internkontroll/IK-001.yaml", None)], [unreadable])
    assert rules_found(repo) == []
    # Without a loader finding, a file with no data is reported as empty rather than skipped.
    repo.findings = []
    assert rules_found(repo) == ["fil-tom"]


def test_severities_follow_the_brief() -> None:
    errors = ["tekst-verbform-mangler", "tekst-verbform-motstrid", "krav-uten-hjemmel", "status-vedtatt-uten-verifisering",
              "lovhjemmel-instrument-mangler", "lovhjemmel-instrument-format", "lovhjemmel-gyldighet",
              "lovhjemmel-url-avvik", "lovhjemmel-instrument-mapper", "lovhjemmel-mappe-instrument",
              "lovhjemmel-ukjent-omrade", "mandat-omrade-unik", "mandat-prefiks-unik", "mandat-mal-unik",
              "parameter-unik", "krav-parameter-lik-og-grense", "krav-parameter-min-over-maks",
              "krav-parameter-uten-grense"]
    warnings = ["tekst-ma", "krav-bare-veiledende", "status-forslag-ufullstendig", "relasjon-avhenger-trukket",
                "lovhjemmel-url-mangler"]
    assert all(MESSAGES[r].level == FEIL for r in errors)
    assert all(MESSAGES[r].level == "advarsel" for r in warnings)


@pytest.mark.parametrize("verb, kind", [("skal", "krav"), ("bør", "anbefaling"), ("kan", "tillatelse")])
def test_verb_written_as_type_suggests_the_type(tmp_path: Path, verb: str, kind: str) -> None:
    from scripts.schema import validate

    data = {"id": "IK-001", "tittel": "T", "område": "internkontroll", "type": verb,
            "tekst": "Institusjonen skal.", "status": "forslag"}
    [finding] = validate("krav", data, "krav/internkontroll/IK-001.yaml", {})
    assert finding.rule == "skjema-verdi" and f"Mente du «{kind}»?" in finding.message
