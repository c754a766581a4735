"""Write a synthetic, valid repository of N requirements in the real record format.

    python bench/generate.py --antall 10000 --ut /tmp/krav-10k [--frø 1] [--kilder 300]

The result follows the data model (mandat/, lovhjemler/<gruppe>/<id>.yaml,
krav/<område>/<ID>.yaml) and passes `krav sjekk` with zero errors: references resolve,
`avhenger_av` only points to requirements generated earlier (so the graph is acyclic),
parameter constraints all admit one common value (so nothing conflicts) and each type uses
its verbal form (krav: skal, anbefaling: bør, tillatelse: kan). The same seed always gives
byte-identical files. Texts are random combinations from word lists, so a near-duplicate
detector sees varied wording rather than one sentence repeated N times.

Used by bench/sjekk_bench.py and by tests that need a realistic repository.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

AREAS = [
    ("internkontroll", "Internkontroll", "IK"),
    ("forsvarlige-tjenester", "Forsvarlige tjenester", "FT"),
    ("kompetanse", "Kompetanse", "KO"),
    ("krav-til-boliger", "Krav til boliger", "BO"),
    ("tilsyn-og-kontroller", "Tilsyn og kontroller", "TK"),
    ("arbeidsforhold", "Arbeidsforhold", "AF"),
    ("bemanning", "Bemanning", "BE"),
    ("okonomi", "Økonomi", "OK"),
    ("informasjon-fra-lovverket", "Tilgjengeliggjøre informasjon fra lovverket", "LI"),
    ("kvalitetskrav", "Kvalitetskrav", "KV"),
    ("samhandling", "Samhandling", "SH"),
]

OBJECTIVES = [
    ("M1", "Sikre, videreutvikle og synliggjøre kvalitet i barnevernsinstitusjoner"),
    ("M2", "Gi barn og unge trygge og forutsigbare rammer under opphold"),
    ("M3", "Styrke medvirkning fra barn, unge og foreldre"),
    ("M4", "Gjøre krav fra lovverket lettere å finne og forstå"),
    ("M5", "Gi tilsynsmyndighetene et felles grunnlag for kontroll"),
    ("M6", "Legge til rette for god samhandling med andre tjenester"),
]

PARAMETERS = [
    ("bemanning.natt.vakne_voksne", "Antall våkne voksne på vakt om natten i hver avdeling", "personer", 1, 4),
    ("bemanning.dag.voksne_per_barn", "Antall voksne per barn på dagtid", "personer", 1, 3),
    ("bolig.rom.areal", "Minste areal på barnets eget rom", "m²", 8, 16),
    ("bolig.avdeling.plasser", "Antall plasser i én avdeling", "plasser", 2, 8),
    ("kompetanse.ansatte.andel_relevant_utdanning", "Andel ansatte med relevant høyere utdanning", "prosent", 40, 80),
    ("internkontroll.gjennomgang.intervall", "Tid mellom hver gjennomgang av internkontrollen", "måneder", 6, 24),
    ("tilsyn.besok.per_ar", "Antall tilsynsbesøk per år", "besøk", 2, 6),
    ("samhandling.moter.per_ar", "Antall samarbeidsmøter per år med barnevernstjenesten", "møter", 2, 12),
]

VERIFICATION = ["dokumentgjennomgang", "intervju", "observasjon", "stikkprøve", "statistikk", "egenerklæring"]

# Legal instruments: (group folder, id prefix, type, instrument id, short title, title, chapters).
# SYNTHETIC benchmark data, not legal facts: several ids and titles are invented or mismatched
# so the records have the real shape. Every generated title says so (see SYNTHETIC below), and
# nothing here may be copied into lovhjemler/.
SYNTHETIC = " (syntetisk testdata)"
INSTRUMENTS = [
    ("barnevernsloven", "bvl", "lov", "LOV-2021-06-18-97", "barnevernsloven", "Lov om barnevern (barnevernsloven)", 17),
    ("helsepersonelloven", "hpl", "lov", "LOV-1999-07-02-64", "helsepersonelloven",
     "Lov om helsepersonell m.v. (helsepersonelloven)", 13),
    ("arbeidsmiljoloven", "aml", "lov", "LOV-2005-06-17-62", "arbeidsmiljøloven",
     "Lov om arbeidsmiljø, arbeidstid og stillingsvern mv. (arbeidsmiljøloven)", 18),
    ("personopplysningsloven", "popplyl", "lov", "LOV-2018-06-15-38", "personopplysningsloven",
     "Lov om behandling av personopplysninger (personopplysningsloven)", 5),
    ("kvalitetsforskriften", "kvalf", "forskrift", "FOR-2022-12-16-2272", "kvalitetsforskriften",
     "Forskrift om krav til kvalitet og internkontroll i barnevernsinstitusjoner", 6),
    ("rettighetsforskriften", "rettf", "forskrift", "FOR-2022-12-16-2281", "rettighetsforskriften",
     "Forskrift om rettigheter og bruk av tvang under opphold i barnevernsinstitusjon", 9),
    ("tilsynsforskriften", "tilsf", "forskrift", "FOR-2022-12-16-2275", "tilsynsforskriften",
     "Forskrift om tilsyn med barnevernsinstitusjoner", 4),
    ("internkontrollforskriften", "ikf", "forskrift", "FOR-1996-12-06-1127", "internkontrollforskriften",
     "Forskrift om systematisk helse-, miljø- og sikkerhetsarbeid i virksomheter", 5),
]

GUIDANCE = [
    ("rapporter", "rap", "rapport", "Rapport", "https://www.bufdir.no/rapporter/"),
    ("veiledere", "veil", "veileder", "Veileder", "https://www.bufdir.no/veiledere/"),
]

# Word lists for requirement texts. None of these contain the modal verbs skal/bør/kan/må,
# so the verbal form of a text is decided only by the template chosen for its type.
SUBJECTS = ["Institusjonen", "Ledelsen", "Den faglige lederen", "Institusjonsleder", "Hver avdeling",
            "Virksomheten", "Styret", "Den ansvarlige for internkontrollen", "Miljøpersonalet", "Kontaktpersonen",
            "Turnusansvarlig", "Verneombudet", "Avdelingslederen", "Fagteamet", "Eieren av institusjonen"]
ACTIONS = ["ha skriftlige rutiner for", "dokumentere", "gjennomgå", "evaluere", "sørge for", "følge opp",
           "rapportere om", "planlegge", "sikre", "vurdere", "beskrive", "kartlegge", "legge til rette for",
           "informere barnet om", "drøfte med barnet", "samarbeide med barnevernstjenesten om", "revidere",
           "føre oversikt over", "avklare ansvaret for", "lære opp nyansatte i"]
OBJECTS = ["bruk av tvang", "barnets medvirkning", "klagesaker", "avvikshåndtering", "skolegang",
           "fritidsaktiviteter", "helsetjenester", "kontakt med familien", "inntak av nye barn", "utskriving",
           "ettervern", "rutiner for natten", "brannsikkerhet", "hygiene", "kosthold", "søvn og hvile",
           "digital sikkerhet", "taushetsplikt", "opplæring av vikarer", "veiledning av ansatte",
           "risikovurderinger", "kriseberedskap", "samtaler etter uønskede hendelser", "rommets innredning",
           "barnets økonomi", "lommepenger", "tolketjenester", "barnets språk og kultur", "religiøs praksis",
           "fysisk aktivitet", "tannhelse", "legemiddelhåndtering", "rusforebygging", "seksuell helse",
           "overganger mellom avdelinger", "kontakt med venner", "bruk av mobiltelefon", "besøk",
           "journalføring", "personvern", "nattevakt", "overlapp mellom vakter", "sykefravær",
           "arbeidstid", "lønnsvilkår", "budsjett", "innkjøp", "vedlikehold av bygget", "uteområder",
           "tilsynsrapporter", "brukerundersøkelser", "statistikk over avvik", "samarbeid med skolen",
           "samarbeid med helsetjenesten", "samarbeid med politiet", "informasjon om rettigheter"]
QUALIFIERS = ["minst én gang i året", "før hvert inntak", "innen to uker", "ved behov", "hver måned",
              "i samråd med barnet", "sammen med verneombudet", "etter hver alvorlig hendelse",
              "i tråd med internkontrollen", "slik at barnet forstår det", "skriftlig", "i journalen",
              "for hver avdeling", "for hvert barn", "på et språk barnet forstår", "uten unødig opphold",
              "når barnet ber om det", "i den individuelle planen", "på personalmøter", "i årsrapporten"]
PURPOSES = ["slik at barnet blir hørt", "for å forebygge skade", "for å sikre kontinuitet",
            "slik at tilsynet får innsyn", "for å styrke tilliten", "for å redusere bruk av tvang",
            "slik at ansatte vet hva som forventes", "for å oppdage svikt tidlig", "for å bedre tryggheten",
            "for å gi forutsigbare rammer", "slik at foreldrene holdes orientert", "for å lære av feil"]
REASONS = ["Tilsynsrapporter viser", "Erfaringer fra praksis viser", "Forskning tyder på",
           "Barn og unge har fortalt", "Brukerundersøkelser viser", "Høringssvar peker på",
           "Bufdir har påpekt", "Statens helsetilsyn har funnet", "Ansattes organisasjoner har meldt",
           "Fylkesmennene har rapportert"]
FINDINGS = ["at rutinene varierer mye mellom institusjonene", "at barn ofte ikke vet hvem de henvender seg til",
            "at dokumentasjonen er mangelfull", "at ansvaret er uklart fordelt", "at oppfølgingen stopper opp ved vaktskifter",
            "at avvik sjelden følges opp", "at medvirkning ofte blir tilfeldig", "at opplæringen av vikarer er svak",
            "at samarbeidet med skolen er for dårlig", "at lokalene ikke alltid passer barnas behov"]

TITLE_HEADS = ["Rutiner for", "Oppfølging av", "Dokumentasjon av", "Ansvar for", "Plan for", "Gjennomgang av",
               "Informasjon om", "Samarbeid om", "Opplæring i", "Vurdering av"]


def _scalar(value: object) -> str:
    """A one-line YAML scalar that reads back as the same text in the checker's loader."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    # JSON strings are valid double-quoted YAML; quote whenever a plain scalar could be misread.
    risky = (not text or text[0] in "-?:,[]{}#&*!|>'\"%@`§ " or text[-1] == " " or ": " in text
             or " #" in text or text.lower() in ("null", "true", "false", "~", "yes", "no", "on", "off")
             or text[0].isdigit())
    return json.dumps(text, ensure_ascii=False) if risky else text


def _block(text: str, indent: str = "  ") -> str:
    """A folded block scalar (>-), the form committee members use for prose."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > 88:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">-\n" + "\n".join(indent + ln for ln in lines)


def _list(values: list[str]) -> str:
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


def _sentence(rng: random.Random, verb: str) -> str:
    subject = rng.choice(SUBJECTS)
    action = rng.choice(ACTIONS)
    obj = rng.choice(OBJECTS)
    parts = [subject, verb, action, obj]
    if rng.random() < 0.8:
        parts.append(rng.choice(QUALIFIERS))
    if rng.random() < 0.5:
        parts.append(rng.choice(PURPOSES))
    return " ".join(parts) + "."


def requirement_text(rng: random.Random, kind: str) -> str:
    verb = {"krav": "skal", "anbefaling": "bør", "tillatelse": "kan"}[kind]
    # One duty per provision (krav-flere-plikter): only the first sentence carries the verbal form.
    return " ".join(_sentence(rng, verb if n == 0 else "vil") for n in range(rng.randint(1, 3)))


def write_mandate(root: Path) -> None:
    lines = ["tittel: Standarder for barnevernsinstitusjoner",
             "formål: " + _block("Standarden skal gi et felles, etterprøvbart grunnlag for kvalitet i "
                                 "barnevernsinstitusjoner. Dette er et syntetisk mandat laget for ytelsesmåling."),
             "mål:"]
    for ident, text in OBJECTIVES:
        lines += [f"  - id: {ident}", f"    tekst: {_scalar(text)}"]
    lines.append("områder:")
    for ident, name, prefix in AREAS:
        lines += [f"  - id: {ident}", f"    navn: {_scalar(name)}", f"    prefiks: {prefix}",
                  f"    beskrivelse: {_scalar('Bestemmelser om ' + name.lower() + ' i institusjonen.')}"]
    lines.append("interessenter: [Bufdir, Statsforvalteren, NHO Geneo, Fellesorganisasjonen, Barneombudet]")
    (root / "mandat").mkdir(parents=True, exist_ok=True)
    (root / "mandat" / "mandat.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plines = []
    for name, description, unit, _, _ in PARAMETERS:
        plines += [f"- navn: {name}", f"  beskrivelse: {_scalar(description)}", f"  enhet: {_scalar(unit)}"]
    (root / "mandat" / "parametere.yaml").write_text("\n".join(plines) + "\n", encoding="utf-8")


def write_sources(root: Path, rng: random.Random, count: int) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Write `count` source records; return the binding and all source ids for each area."""
    by_area: dict[str, list[str]] = {area: [] for area, _, _ in AREAS}
    law_by_area: dict[str, list[str]] = {area: [] for area, _, _ in AREAS}
    area_ids = [a for a, _, _ in AREAS]
    n_guidance = max(2, count // 10)
    n_law = count - n_guidance
    made = 0
    # Binding law: sections § chapter-number spread over the instruments.
    for index in range(n_law):
        folder, short, kind, instrument, korttittel, title, chapters = INSTRUMENTS[index % len(INSTRUMENTS)]
        round_ = index // len(INSTRUMENTS)
        chapter = round_ % chapters + 1
        section = round_ // chapters + 1
        ident = f"{short}-{chapter}-{section}"
        areas = sorted(rng.sample(area_ids, rng.randint(1, 2)), key=area_ids.index)
        lines = [f"id: {ident}", f"type: {kind}", f"instrument: {instrument}", f"korttittel: {_scalar(korttittel)}",
                 f"tittel: {_scalar(title + SYNTHETIC)}", f"paragraf: {_scalar(f'§ {chapter}-{section}')}",
                 "sammendrag: " + _block(f"Bestemmelsen gjelder {rng.choice(OBJECTS)} og "
                                         f"{rng.choice(OBJECTS)} i institusjonen."),
                 'gyldig_fra: "2023-01-01"', f"områder: {_list(areas)}", *_verified(f"https://lovdata.no/{ident}")]
        _write(root / "lovhjemler" / folder / f"{ident}.yaml", lines)
        for area in areas:
            by_area[area].append(ident)
            law_by_area[area].append(ident)
        made += 1
    for index in range(n_guidance):
        folder, short, kind, label, base = GUIDANCE[index % len(GUIDANCE)]
        number = index // len(GUIDANCE) + 1
        ident = f"{short}-{2020 + number % 6}-{number}"
        areas = sorted(rng.sample(area_ids, rng.randint(1, 3)), key=area_ids.index)
        lines = [f"id: {ident}", f"type: {kind}", f"instrument: {_scalar(f'{label} {2020 + number % 6}:{number}')}",
                 f"tittel: {_scalar(f'{label} om {rng.choice(OBJECTS)} nr. {number}')}",
                 "sammendrag: " + _block(f"{label}en beskriver erfaringer med {rng.choice(OBJECTS)}."),
                 f"url: {base}{ident}", f"områder: {_list(areas)}", *_verified(f"{base}{ident}")]
        _write(root / "lovhjemler" / folder / f"{ident}.yaml", lines)
        for area in areas:
            by_area[area].append(ident)
    # An area nobody picked still needs a source to cite.
    for pools in (law_by_area, by_area):
        fallback = next(ids for ids in pools.values() if ids)
        for area in pools:
            if not pools[area]:
                pools[area] = list(fallback)
    return law_by_area, by_area


def _verified(url: str) -> list[str]:
    """A primary-source verification, so adopted provisions rest on verified sources."""
    return ["verifisert:", f"  - url: {url}", '    dato: "2026-11-20"', "    primærkilde: true"]


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_requirements(root: Path, rng: random.Random, count: int, laws: dict[str, list[str]],
                       sources: dict[str, list[str]]) -> list[str]:
    """Write `count` requirements spread over the areas; return their ids in generation order."""
    assignment = [AREAS[i % len(AREAS)] if i < len(AREAS) else rng.choice(AREAS) for i in range(count)]
    per_area: dict[str, int] = {}
    for area, _, _ in assignment:
        per_area[area] = per_area.get(area, 0) + 1
    width = max(3, len(str(max(per_area.values(), default=1))))
    counters = {area: 0 for area, _, _ in AREAS}
    cursor = {area: 0 for area, _, _ in AREAS}  # round robin: every source gets cited
    # One value per parameter that every constraint admits, so no two constraints conflict.
    target = {name: rng.randint(low, high) for name, _, _, low, high in PARAMETERS}
    made: list[str] = []
    for area, name, prefix in assignment:
        counters[area] += 1
        ident = f"{prefix}-{counters[area]:0{width}d}"
        kind = rng.choices(["krav", "anbefaling", "tillatelse"], weights=[70, 22, 8])[0]
        obj = rng.choice(OBJECTS)
        title = f"{rng.choice(TITLE_HEADS)} {obj}"
        if rng.random() < 0.5:
            title += f" {rng.choice(QUALIFIERS)}"
        # One binding source (lov/forskrift) first, then a source from the round robin over all
        # of the area's sources, so every source ends up cited somewhere.
        pool = sources[area]
        refs = [rng.choice(laws[area])]
        extra = pool[cursor[area] % len(pool)]
        cursor[area] += 1
        if extra not in refs:
            refs.append(extra)
        for extra in rng.sample(pool, min(len(pool), rng.randint(0, 1))):
            if extra not in refs:
                refs.append(extra)
        lines = [f"id: {ident}", f"tittel: {_scalar(title)}", f"område: {area}", f"type: {kind}",
                 "tekst: " + _block(requirement_text(rng, kind)),
                 "begrunnelse: " + _block(f"{rng.choice(REASONS)} {rng.choice(FINDINGS)}. "
                                          f"Bestemmelsen gjelder {obj}."),
                 f"lovhjemler: {_list(refs)}", "utover_lov: false",
                 f"mål: {_list(sorted(rng.sample([m for m, _ in OBJECTIVES], rng.randint(1, 2))))}",
                 f"verifisering: {_list(sorted(rng.sample(VERIFICATION, rng.randint(1, 3)), key=VERIFICATION.index))}"]
        if rng.random() < 0.08:
            pname, _, unit, low, high = rng.choice(PARAMETERS)
            value = target[pname]
            form = rng.choice(["min", "maks", "lik", "range"])
            lines += ["parametere:", f"  - navn: {pname}"]
            if form == "min":
                lines.append(f"    min: {rng.randint(low, value)}")
            elif form == "maks":
                lines.append(f"    maks: {rng.randint(value, high)}")
            elif form == "lik":
                lines.append(f"    lik: {value}")
            else:
                lines += [f"    min: {rng.randint(low, value)}", f"    maks: {rng.randint(value, high)}"]
            lines.append(f"    enhet: {_scalar(unit)}")
        relations = []
        if made and rng.random() < 0.3:
            relations.append(("avhenger_av", rng.choice(made[-200:])))  # earlier ids only: acyclic
        if made and rng.random() < 0.15:
            other = rng.choice(made)
            if all(other != r for _, r in relations):
                relations.append(("se_også", other))
        if relations:
            lines.append("relasjoner:")
            for rtype, other in relations:
                lines += [f"  - type: {rtype}", f"    krav: {other}"]
        lines.append(f"status: {rng.choice(['forslag', 'forslag', 'vedtatt'])}")
        if rng.random() < 0.3:
            lines.append(f"foreslått_av: {_scalar(rng.choice(['NHO Geneo', 'Bufdir', 'Fellesorganisasjonen', 'Barneombudet']))}")
        _write(root / "krav" / area / f"{ident}.yaml", lines)
        made.append(ident)
    return made


def generate(out: Path | str, count: int, seed: int = 1, sources: int = 300) -> Path:
    """Create (or replace) the synthetic repository at `out` and return its path."""
    out = Path(out)
    for top in ("krav", "lovhjemler", "mandat"):
        if (out / top).exists():
            shutil.rmtree(out / top)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    write_mandate(out)
    laws, by_area = write_sources(out, rng, sources)
    write_requirements(out, rng, count, laws, by_area)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lag et syntetisk repositorium med krav for ytelsesmåling.")
    parser.add_argument("--antall", type=int, required=True, help="antall krav")
    parser.add_argument("--ut", required=True, help="mappen repositoriet skrives til (overskrives)")
    parser.add_argument("--frø", dest="seed", type=int, default=1, help="frø for tilfeldige tall (standard: 1)")
    parser.add_argument("--kilder", type=int, default=300, help="antall lovhjemler (standard: 300)")
    args = parser.parse_args(argv)
    if args.antall < 0 or args.kilder < 2:
        parser.error("antall må være 0 eller mer, og kilder minst 2")
    generate(args.ut, args.antall, args.seed, args.kilder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
