"""Issue 10: provenance of sources and the drafting rules (unit tests of the edges).

The fixtures (tests/fixtures/ugyldig/<rule>/) show each rule firing once in a repository;
these pin word boundaries, exemptions, exceptions and the one definition of "in force".
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from scripts.check import provenance, run_rules
from scripts.check.wording import EXCEPTABLE, duties, normative_word, vague_terms
from scripts.loading import load_repository
from scripts.repository import Record, Repository
from scripts.vocabulary import is_primary_verified, source_in_force, successor_of

ROOT = Path(__file__).resolve().parents[1]

MANDAT = {"tittel": "T", "formål": "F", "mål": [{"id": "M1", "tekst": "Mål"}],
          "områder": [{"id": "internkontroll", "navn": "Internkontroll", "prefiks": "IK"}]}
SEEN = [{"url": "https://lovdata.no/lov/2021-06-18-97/§10-1", "dato": "2026-11-20", "primærkilde": True}]
COPY = [{"url": "https://example.no/bvl", "dato": "2026-11-20", "primærkilde": False}]


def source(**fields) -> dict:
    data = {"id": "bvl-10-1", "type": "lov", "instrument": "LOV-2021-06-18-97", "tittel": "Lov",
            "paragraf": "§ 10-1", "sammendrag": "S", "områder": ["internkontroll"], "verifisert": SEEN}
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def krav(**fields) -> dict:
    data = {"id": "IK-001", "tittel": "T", "område": "internkontroll", "type": "krav",
            "tekst": "Institusjonen skal ha rutiner.", "lovhjemler": ["bvl-10-1"], "begrunnelse": "Fordi.",
            "verifisering": ["intervju"], "status": "vedtatt"}
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def repo_of(*krav_records: dict, sources: tuple[dict, ...] = (), vague: list | None = None,
            terms: tuple[dict, ...] = ()) -> Repository:
    records = [Record("mandat", "mandat/mandat.yaml", MANDAT)]
    if vague is not None:
        records.append(Record("vage-ord", "mandat/vage-ord.yaml", vague))
    for data in krav_records:
        records.append(Record("krav", f"krav/internkontroll/{data['id']}.yaml", data))
    for data in sources or (source(),):
        records.append(Record("lovhjemmel", f"lovhjemler/bvl/{data['id']}.yaml", data))
    for data in terms:
        records.append(Record("term", f"termer/{data['id']}.yaml", data))
    return Repository(Path("/ikke/brukt"), records, [])


def found(repo: Repository, rule: str | None = None) -> list[str]:
    return sorted(f.rule for f in run_rules(repo) if rule is None or f.rule == rule)


# --- The one definition of "in force" for sources ----------------------------------------------

DAY = datetime.date(2026, 6, 1)


@pytest.mark.parametrize("fields, expected", [
    ({}, True),
    ({"gyldig_fra": "2027-01-01"}, False),
    ({"gyldig_til": "2026-05-31"}, False),
    ({"gyldig_til": "2026-06-01"}, True),  # the last day is inclusive
    ({"erstattet_av": "FOR-2022-12-20-2358"}, False),  # replaced, last day unknown: no longer in force
    ({"erstattet_av": "FOR-2022-12-20-2358", "gyldig_til": "2026-12-31"}, True),  # replaced from a later day
    ({"erstattet_av": "FOR-2022-12-20-2358", "gyldig_til": "2022-12-31"}, False),
    ({"erstattet_av": "  "}, True),  # blank is no successor
])
def test_source_in_force(fields, expected):
    assert source_in_force(source(**fields), DAY) is expected
    assert source_in_force(Record("lovhjemmel", "x.yaml", source(**fields)), DAY) is expected


@pytest.mark.parametrize("seen, expected", [
    (SEEN, True), (COPY, False), (None, False), (COPY + SEEN, True),
    ([{"url": "https://lovdata.no/x", "dato": "2026-02-30", "primærkilde": True}], False),
    (["ikke en oppføring"], False),
])
def test_primary_verification(seen, expected):
    assert is_primary_verified(source(verifisert=seen)) is expected


def test_successor_of_tolerates_odd_values():
    assert successor_of(source(erstattet_av=" bvl-10-2 ")) == "bvl-10-2"
    assert successor_of(source(erstattet_av=12)) is None
    assert successor_of("ikke en post") is None


# --- Provenance rules ---------------------------------------------------------------------------

@pytest.mark.parametrize("status, seen, warned", [
    ("vedtatt", None, True), ("vedtatt", COPY, True), ("vedtatt", SEEN, False),
    ("forslag", None, False), ("trukket", None, False),
])
def test_adopted_requirement_needs_primary_verification(status, seen, warned):
    repo = repo_of(krav(status=status), sources=(source(verifisert=seen),))
    assert found(repo, "krav-vedtatt-uverifisert-kilde") == (["krav-vedtatt-uverifisert-kilde"] if warned else [])


def test_unknown_source_is_not_reported_twice():
    repo = repo_of(krav(lovhjemler=["finnes-ikke"]))
    assert found(repo, "krav-vedtatt-uverifisert-kilde") == []


@pytest.mark.parametrize("successor, rule", [
    ("bvl-10-2", None),  # a record id
    ("LOV-2021-06-18-97", None),  # an instrument
    ("FOR-2022-12-20-2385", "lovhjemmel-erstattet-ukjent"),
    ("bvl-10-1", "lovhjemmel-erstattet-seg-selv"),
])
def test_successor_must_be_known(successor, rule):
    old = source(erstattet_av=successor, gyldig_til="2022-12-31")
    new = source(id="bvl-10-2", paragraf="§ 10-2")
    found_rules = found(repo_of(sources=(old, new)))
    assert [r for r in found_rules if r.startswith("lovhjemmel-erstattet")] == ([rule] if rule else [])


def test_replaced_source_asks_for_its_last_day():
    old = source(id="bvl-10-2", paragraf="§ 10-2", erstattet_av="bvl-10-1")
    findings = [f for f in run_rules(repo_of(sources=(source(), old))) if f.rule == "lovhjemmel-erstattet-uten-dato"]
    assert len(findings) == 1 and "«bvl-10-1»" in findings[0].message and "gjett aldri" in findings[0].hint


@pytest.mark.parametrize("dato, reason", [
    ("2026-11-20", None), ("2026-12-02", None), ("2026-12-03", "fram i tid"), ("2999-01-01", "fram i tid"),
    ("2026-02-29", None),  # no such day: dato-ugyldig reports it
    ("1. mai", None),  # not a date at all: the schema reports it
])
def test_verification_dates(monkeypatch, dato, reason):
    monkeypatch.setattr(provenance, "today", lambda: datetime.date(2026, 12, 2))
    seen = [{"url": "https://lovdata.no/x", "dato": dato, "primærkilde": True}]
    findings = [f for f in run_rules(repo_of(sources=(source(verifisert=seen),))) if f.rule == "lovhjemmel-verifisert-dato"]
    assert [reason in f.message for f in findings] == ([True] if reason else [])


@pytest.mark.parametrize("url, primary, rule", [
    ("https://www.bvpro.no/barnevernsloven/10-1", True, "lovhjemmel-primaerkilde-kopi"),
    ("https://bvpro.no/x", True, "lovhjemmel-primaerkilde-kopi"),
    ("https://www.bvpro.no/x", False, None),  # a copy, honestly marked
    ("https://lovdata.no/lov/2021-06-18-97/§10-1", True, None),
    ("https://www.helsetilsynet.no/rapporter/x", True, None),  # a public body's own page
    ("https://notbvpro.no/x", True, None),  # only the host itself or its subdomains
])
def test_copies_are_not_primary_sources(url, primary, rule):
    seen = [{"url": url, "dato": "2026-11-20", "primærkilde": primary}]
    assert found(repo_of(sources=(source(verifisert=seen),)), "lovhjemmel-primaerkilde-kopi") == ([rule] if rule else [])


@pytest.mark.parametrize("url, warned", [
    ("https://regjeringen-prod.dxcloud.episerver.net/no/dokumenter/x/", True),
    ("https://vdocuments.mx/nou-2023-7.html", True),
    ("https://www.regjeringen.no/no/dokumenter/x/", False),
])
def test_source_links_avoid_mirrors(url, warned):
    repo = repo_of(sources=(source(type="forarbeid", instrument="NOU 2023:7", paragraf=None, url=url),))
    assert found(repo, "lovhjemmel-url-speil") == (["lovhjemmel-url-speil"] if warned else [])


# --- Vague terms (data, not code) -----------------------------------------------------------------

VAGUE = [{"ord": "jevnlig*", "hvorfor": "sier ikke hvor ofte.", "skriv_heller": "et intervall."},
         {"ord": "så snart som mulig", "hvorfor": "sier ikke når.", "skriv_heller": "en frist."},
         {"ord": "(.*)+$", "hvorfor": "en regex fra en fork", "skriv_heller": "ingenting."}]


@pytest.mark.parametrize("text, word", [
    ("Institusjonen skal jevnlig gå gjennom rutinene.", "jevnlig"),
    ("Institusjonen skal ha Jevnlige møter.", "Jevnlige"),
    ("Institusjonen skal svare så  snart\nsom mulig.", "så snart som mulig"),
    ("Institusjonen skal ha ujevnlige møter.", None),  # not inside another word
    ("Institusjonen skal svare så snart som mulige.", None),  # no star: the whole word only
    ("Institusjonen skal ha rutiner (.*)+$.", None),  # an entry that is not a word is ignored, not run
])
def test_vague_terms(text, word):
    findings = [f for f in run_rules(repo_of(krav(tekst=text), vague=VAGUE)) if f.rule == "tekst-vagt-ord"]
    assert [f.message.split("«")[2].split("»")[0] for f in findings] == ([word] if word else [])


def test_vague_terms_come_from_the_committee_list():
    repo = load_repository(ROOT)
    words = [item["ord"] for _, item in vague_terms(repo)]
    assert "jevnlig*" in words and "straks" in words
    assert len(vague_terms(repo_of(krav(), vague=VAGUE))) == 2  # the regex entry is refused


def test_vague_terms_need_no_list():
    assert found(repo_of(krav(tekst="Institusjonen skal jevnlig ha møter.")), "tekst-vagt-ord") == []


# --- One duty per provision ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, verb, expected", [
    ("Institusjonen skal ha rutiner.", "skal", None),
    ("Institusjonen skal ha rutiner, og skal følge dem.", "skal", 2),
    ("Institusjonen skal ha rutiner. Rutinene skal være skriftlige.", "skal", 2),
    ("Institusjonen skal ha en plan som viser hvordan manglene skal dekkes.", "skal", None),
    ("Institusjonen skal gi introduksjon om planene for barna de skal arbeide med.", "skal", None),
    ("Institusjonen skal evaluere planen, og evalueringen skal vise om tiltakene skal endres.", "skal", 2),
    ("Institusjonen skal ha rutiner for internkontroll; ledelsen godkjenner dem.", "skal", 2),
    ("Institusjonen skal:\n- ha rutiner\n- følge dem\n- rapportere", "skal", 3),
    ("Institusjonen bør ha faste møter og bør avtale rutiner.", "bør", 2),
    ("Institusjonen bør ha faste møter; skal ikke telles her.", "bør", 2),
    ("Skalaen er fin.", "skal", None),
])
def test_duties(text, verb, expected):
    result = duties(text, verb)
    assert (result[0] if result else None) == expected


def test_permissions_are_not_counted():
    repo = repo_of(krav(type="tillatelse", tekst="Institusjonen kan føre rutinene digitalt og kan skrive dem ut."))
    assert found(repo, "krav-flere-plikter") == []


def test_withdrawn_requirements_are_not_judged():
    repo = repo_of(krav(status="trukket", tekst="Institusjonen skal ha rutiner og skal følge dem."))
    assert found(repo, "krav-flere-plikter") == []


# --- Hidden requirements in the rationale ----------------------------------------------------------------

@pytest.mark.parametrize("text, word", [
    ("Rutinene skal være kjent.", "skal"),
    ("Personalet må følge barnet tett.", "må"),
    ("Loven krever at barnet skal få informasjon.", None),  # a reported rule
    ("Informasjon trengs for at medvirkningen skal være reell.", None),
    ("Paragrafen må kontrolleres mot Lovdata.", None),  # a working note, not a requirement
    ("Tilsyn finner mangler i måten rutinene følges.", None),
    ("Komiteen må ta stilling til om kravet skal gjelde akuttinstitusjoner.", None),  # the committee's own work
    ("Vi må finne forskriftens nummer.", None),
])
def test_normative_word(text, word):
    assert normative_word(text) == word


def test_merknad_may_hold_working_notes_but_not_requirements():
    ok = repo_of(krav(merknad="Overskriften må kontrolleres i Lovdata."))
    bad = repo_of(krav(merknad="Institusjonen skal også varsle foreldrene."))
    assert found(ok, "krav-normativ-begrunnelse") == []
    assert found(bad, "krav-normativ-begrunnelse") == ["krav-normativ-begrunnelse"]


# --- Working notes in published fields -------------------------------------------------------------------

@pytest.mark.parametrize("field, text, note", [
    ("begrunnelse", "Dette bør kontrolleres mot Lovdata.", "bør kontrolleres"),
    ("begrunnelse", "Om forskriften gjelder, er ikke verifisert.", "ikke verifisert"),
    ("begrunnelse", "Tallene er ikke kontrollert.", "ikke kontrollert"),
    ("tittel", "TODO: tittel", "TODO"),
    ("begrunnelse", "Tilsynet kontrollerte rutinene.", None),
    ("merknad", "Dette må sjekkes i Lovdata.", None),  # merknad is never published
])
def test_working_notes(field, text, note):
    findings = [f for f in run_rules(repo_of(krav(**{field: text}))) if f.rule == "tekst-arbeidsnotat"]
    assert [f"«{note}»" in f.message for f in findings] == ([True] if note else [])


def test_working_notes_in_sources_and_terms():
    repo = repo_of(sources=(source(sammendrag="Innholdet er ikke verifisert."),),
                   terms=({"id": "avvik", "term": "avvik", "definisjon": "mangel (TODO)"},))
    assert [f.file for f in run_rules(repo) if f.rule == "tekst-arbeidsnotat"] == [
        "lovhjemler/bvl/bvl-10-1.yaml", "termer/avvik.yaml"]


# --- Restating the law ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, restates", [
    ("Institusjonen skal følge kravene i barnevernsloven om internkontroll.", True),
    ("Institusjonen skal ha internkontroll som oppfyller kravene i forskrift om kvalitet.", True),
    ("Institusjonen skal sørge for at turnusen holder seg innenfor arbeidsmiljølovens regler.", True),
    ("Ansatte skal ha den utdanningen som til enhver tid følger av barnevernsloven.", True),
    ("Institusjonen skal følge opp barnet etter barnevernsloven § 10-14.", False),  # «følge opp» is a duty
    ("Kontaktpersonen følger barnet gjennom oppholdet etter barnevernsloven.", False),
    ("Institusjonen skal overholde de reglene som gjelder etter barnevernsloven.", True),
    ("Institusjonen skal føre protokoll over tvang innen 24 timer.", False),
])
def test_restating_the_law(text, restates):
    assert found(repo_of(krav(tekst=text)), "krav-gjentar-kilde") == (["krav-gjentar-kilde"] if restates else [])


# --- Reviewed exceptions -----------------------------------------------------------------------------------

@pytest.mark.parametrize("rule, fields", [
    ("krav-flere-plikter", {"tekst": "Institusjonen skal ha rutiner og skal følge dem."}),
    ("krav-normativ-begrunnelse", {"begrunnelse": "Rutinene skal være kjent."}),
    ("krav-gjentar-kilde", {"tekst": "Institusjonen skal følge barnevernsloven."}),
    ("tekst-vagt-ord", {"tekst": "Institusjonen skal jevnlig ha møter."}),
])
def test_an_exception_with_a_reason_silences_only_its_rule(rule, fields):
    assert rule in EXCEPTABLE
    plain = repo_of(krav(**fields), vague=VAGUE)
    excepted = repo_of(krav(**fields, unntak=[{"regel": rule, "begrunnelse": "Vurdert i møte 3."}]), vague=VAGUE)
    empty_reason = repo_of(krav(**fields, unntak=[{"regel": rule, "begrunnelse": " "}]), vague=VAGUE)
    assert rule in found(plain)
    assert rule not in found(excepted)
    assert rule in found(empty_reason)


def test_exceptions_name_a_rule_that_may_be_excepted():
    repo = repo_of(krav(unntak=[{"regel": "krav-vedtatt-uverifisert-kilde", "begrunnelse": "Nei."}]))
    assert found(repo, "krav-unntak-regel") == ["krav-unntak-regel"]


def test_odd_values_never_crash_the_new_rules():
    odd = [None, 3, [], {}, "", "  ", ["x"], {"a": 1}]
    for value in odd:
        repo = repo_of(krav(tekst=value, begrunnelse=value, merknad=value, unntak=value, lovhjemler=value),
                       sources=(source(verifisert=value, erstattet_av=value, gyldig_til=value),),
                       vague=value if isinstance(value, list) else [value],
                       terms=({"id": "t", "term": value, "definisjon": value},))
        list(run_rules(repo))


def test_strict_check_fails_on_an_adopted_requirement_with_unverified_sources():
    import subprocess
    import sys

    folder = ROOT / "tests" / "fixtures" / "ugyldig" / "krav-vedtatt-uverifisert-kilde"
    run = [sys.executable, "-m", "scripts", "sjekk", str(folder), "--uten-mellomlager"]
    relaxed = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    strict = subprocess.run(run + ["--streng"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert relaxed.returncode == 0 and strict.returncode == 1
    assert "[krav-vedtatt-uverifisert-kilde]" in strict.stdout


def test_cached_findings_are_not_reused_on_another_day(monkeypatch):
    from scripts import cache

    digests = {"krav/internkontroll/IK-001.yaml": b"x"}
    today = cache.fingerprint("verktøy", list(digests), digests)
    monkeypatch.setattr(cache, "_today", lambda: "2999-01-01")
    assert cache.fingerprint("verktøy", list(digests), digests) != today


def test_wording_helpers_never_crash_on_arbitrary_text():
    from hypothesis import given, settings, strategies as st

    from scripts.check.terms import definition_problem
    from scripts.check.wording import restatement

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
    def run(text):
        duties(text, "skal")
        normative_word(text)
        restatement(text)
        definition_problem(text)

    run()
