"""Shape checks for the repository content: mandat/, lovhjemler/ and krav/.

Uses plain PyYAML only, so it runs independently of the tooling in scripts/.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MANDAT = ROOT / "mandat"
LOVHJEMLER = ROOT / "lovhjemler"
KRAV = ROOT / "krav"

EXPECTED_AREAS = [
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
KRAV_TYPES = {"krav", "anbefaling", "tillatelse"}
STATUSES = {"forslag", "vedtatt", "trukket"}
VERIFISERING = {"dokumentgjennomgang", "intervju", "observasjon", "stikkprøve", "statistikk", "egenerklæring"}
RELATION_TYPES = {"avhenger_av", "erstatter", "konflikt_med", "se_også"}
SOURCE_TYPES = {"lov", "forskrift", "forarbeid", "rundskriv", "veileder", "rapport", "standard"}
BINDING = {"lov", "forskrift"}
INSTRUMENT_RE = re.compile(r"^(LOV|FOR)-\d{4}-\d{2}-\d{2}-\d+$")
PARAGRAF_RE = re.compile(r"^(§ \d+(-\d+)?( [a-z])?|kapittel \d+( [A-Z])?)$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PARAM_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
KRAV_KEYS = {"id", "tittel", "område", "type", "tekst", "begrunnelse", "lovhjemler", "utover_lov", "mål",
             "verifisering", "parametere", "relasjoner", "status", "foreslått_av"}
LH_KEYS = {"id", "type", "instrument", "korttittel", "tittel", "paragraf", "overskrift", "sammendrag", "url",
           "gyldig_fra", "gyldig_til", "kontrollert", "områder", "merknad"}


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys, anchors and aliases."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise AssertionError(f"duplisert nøkkel {key!r} på linje {key_node.start_mark.line + 1}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise AssertionError("alias er ikke tillatt")
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise AssertionError("anker er ikke tillatt")
        return super().compose_node(parent, index)


def _load(path: Path):
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{path}: byte-order mark"
    text = raw.decode("utf-8")
    assert "\t" not in text, f"{path}: tabulator"
    assert text.strip(), f"{path}: tom fil"
    return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass


def _yaml_files(folder: Path):
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in {".yaml", ".yml"})


@pytest.fixture(scope="module")
def mandat():
    return _load(MANDAT / "mandat.yaml")


@pytest.fixture(scope="module")
def parametere():
    return _load(MANDAT / "parametere.yaml")


@pytest.fixture(scope="module")
def kilder():
    records = {}
    for path in _yaml_files(LOVHJEMLER):
        data = _load(path)
        assert isinstance(data, dict), path
        assert data["id"] not in records, f"{path}: id {data['id']} finnes fra før"
        records[data["id"]] = (path, data)
    return records


@pytest.fixture(scope="module")
def krav():
    records = {}
    for path in _yaml_files(KRAV):
        data = _load(path)
        assert isinstance(data, dict), path
        assert data["id"] not in records, f"{path}: id {data['id']} finnes fra før"
        records[data["id"]] = (path, data)
    return records


def _active(krav):
    return {kid: (p, d) for kid, (p, d) in krav.items() if d["status"] != "trukket"}


# ------------------------------------------------------------------ mandat


def test_mandat_has_the_eleven_areas_in_order(mandat):
    got = [(a["id"], a["navn"], a["prefiks"]) for a in mandat["områder"]]
    assert got == EXPECTED_AREAS
    for area in mandat["områder"]:
        assert isinstance(area["beskrivelse"], str) and area["beskrivelse"].strip()


def test_mandat_top_level_keys(mandat):
    required = {"tittel", "formål", "mål", "områder", "interessenter"}
    assert required <= set(mandat) <= required | {"eierformer", "institusjonstyper"}  # gjelder_for vocabulary
    assert isinstance(mandat["tittel"], str) and mandat["tittel"].strip()
    assert isinstance(mandat["formål"], str) and mandat["formål"].strip()
    assert mandat["interessenter"] and all(isinstance(s, str) and s.strip() for s in mandat["interessenter"])
    ids = [m["id"] for m in mandat["mål"]]
    assert ids == [f"M{i}" for i in range(1, len(ids) + 1)]
    assert all(isinstance(m["tekst"], str) and m["tekst"].strip() for m in mandat["mål"])


def test_parametere_declared(parametere):
    assert isinstance(parametere, list) and len(parametere) >= 3
    names = [p["navn"] for p in parametere]
    assert len(names) == len(set(names))
    for p in parametere:
        assert set(p) == {"navn", "beskrivelse", "enhet"}, p
        assert PARAM_RE.match(p["navn"]), p["navn"]
        assert isinstance(p["enhet"], str) and p["enhet"].strip()


def test_mandat_folder_does_not_reference_shared():
    for folder in (MANDAT, LOVHJEMLER, KRAV):
        for path in folder.rglob("*"):
            if path.is_file():
                assert "../shared" not in path.read_text(encoding="utf-8"), path


# ------------------------------------------------------------------ lovhjemler


def test_lovhjemler_filename_is_id_and_shape(kilder, mandat):
    area_ids = {a["id"] for a in mandat["områder"]}
    for rid, (path, d) in kilder.items():
        assert path.stem == rid, path
        assert SLUG_RE.match(rid), rid
        assert set(d) <= LH_KEYS, (path, set(d) - LH_KEYS)
        assert d["type"] in SOURCE_TYPES, path
        for key in ("korttittel", "tittel", "sammendrag"):
            assert isinstance(d.get(key), str) and d[key].strip(), (path, key)
        if "paragraf" in d:
            assert PARAGRAF_RE.match(d["paragraf"]), (path, d["paragraf"])
        if "overskrift" in d:
            assert isinstance(d["overskrift"], str) and d["overskrift"].strip(), path
        for key in ("gyldig_fra", "gyldig_til", "kontrollert"):
            if key in d:
                assert isinstance(d[key], str) and DATE_RE.match(d[key]), (path, key, d[key])
        if "gyldig_fra" in d and "gyldig_til" in d:
            assert d["gyldig_fra"] <= d["gyldig_til"], path
        # Sources whose current status is unverified carry no areas (kept for recognition only).
        assert set(d.get("områder", [])) <= area_ids, (path, d.get("områder"))
        assert d.get("områder") or "merknad" in d, (path, "a source without areas must say why")


def test_binding_sources_have_lovdata_instrument(kilder):
    for rid, (path, d) in kilder.items():
        if d["type"] in BINDING:
            assert INSTRUMENT_RE.match(d.get("instrument", "")), (path, d.get("instrument"))
            assert "url" not in d, f"{path}: lov/forskrift skal ikke ha url (avledes av instrument)"
        else:
            assert d.get("url", "").startswith("https://") or d.get("url", "").startswith("http://"), path


def test_records_sharing_an_instrument_share_a_folder(kilder):
    folders = defaultdict(set)
    for rid, (path, d) in kilder.items():
        if d.get("instrument"):
            folders[d["instrument"]].add(path.parent.name)
    for instrument, names in folders.items():
        assert len(names) == 1, (instrument, names)


# ------------------------------------------------------------------ krav


def test_every_area_has_at_least_four_requirements(mandat, krav):
    area_ids = [a["id"] for a in mandat["områder"]]
    folders = sorted(p.name for p in KRAV.iterdir() if p.is_dir())
    assert sorted(area_ids) == folders
    per_area = defaultdict(int)
    for _, d in _active(krav).values():
        per_area[d["område"]] += 1
    for area in area_ids:
        assert len(_yaml_files(KRAV / area)) >= 4, area
        assert per_area[area] >= 4, area


def test_requirement_shape(mandat, krav):
    prefix = {a["id"]: a["prefiks"] for a in mandat["områder"]}
    for kid, (path, d) in krav.items():
        assert path.stem == kid, path
        assert set(d) <= KRAV_KEYS, (path, set(d) - KRAV_KEYS)
        assert d["område"] == path.parent.name, path
        assert re.fullmatch(rf"{prefix[d['område']]}-\d{{3,}}", kid), path
        assert d["type"] in KRAV_TYPES, path
        assert d["status"] in STATUSES, path
        assert isinstance(d["tittel"], str) and d["tittel"].strip(), path
        assert isinstance(d["tekst"], str) and d["tekst"].strip(), path
        assert isinstance(d["utover_lov"], bool), path
        assert isinstance(d["lovhjemler"], list), path
        if not d["lovhjemler"]:
            assert d["utover_lov"] is True, f"{path}: uten lovhjemler skal utover_lov være true"
        assert d.get("verifisering"), f"{path}: verifisering mangler"
        assert set(d["verifisering"]) <= VERIFISERING, path


def test_verbal_forms(krav):
    def has(word, text):
        return re.search(rf"(?<!\w){word}(?!\w)", text, flags=re.IGNORECASE) is not None

    for kid, (path, d) in krav.items():
        text = d["tekst"]
        assert not has("må", text), f"{path}: «må» brukes ikke i kravtekst"
        if d["type"] == "krav":
            assert has("skal", text), f"{path}: krav skal bruke «skal»"
            assert not has("bør", text), path
        elif d["type"] == "anbefaling":
            assert has("bør", text), f"{path}: anbefaling skal bruke «bør»"
            assert not has("skal", text), path
        else:
            assert has("kan", text), f"{path}: tillatelse skal bruke «kan»"
            assert not has("skal", text) and not has("bør", text), path


def test_cited_sources_exist(krav, kilder):
    for kid, (path, d) in krav.items():
        for ref in d["lovhjemler"]:
            assert ref in kilder, f"{path}: ukjent lovhjemmel {ref}"
            assert (LOVHJEMLER / kilder[ref][0].parent.name / f"{ref}.yaml").is_file()


def test_active_requirements_do_not_cite_repealed_sources(krav, kilder):
    for kid, (path, d) in _active(krav).items():
        for ref in d["lovhjemler"]:
            assert "gyldig_til" not in kilder[ref][1], f"{path}: viser til opphevet kilde {ref}"


def test_objectives_are_served(mandat, krav):
    ids = {m["id"] for m in mandat["mål"]}
    served = set()
    for kid, (path, d) in krav.items():
        assert set(d.get("mål") or []) <= ids, path
        if d["status"] != "trukket":
            assert d.get("mål"), f"{path}: mål mangler"
            served |= set(d["mål"])
    assert ids == served, f"mål uten krav: {sorted(ids - served)}"


def test_parameters_are_declared_with_matching_units(krav, parametere):
    units = {p["navn"]: p["enhet"] for p in parametere}
    for kid, (path, d) in krav.items():
        for c in d.get("parametere") or []:
            assert c["navn"] in units, (path, c["navn"])
            assert c["enhet"] == units[c["navn"]], (path, c)
            bounds = {"min", "maks", "lik"} & set(c)
            assert bounds, path
            for b in bounds:
                assert isinstance(c[b], (int, float)) and not isinstance(c[b], bool), (path, b)


def test_relations(krav):
    graph = defaultdict(set)
    for kid, (path, d) in krav.items():
        for rel in d.get("relasjoner") or []:
            assert rel["type"] in RELATION_TYPES, path
            assert rel["krav"] in krav, (path, rel)
            assert rel["krav"] != kid, f"{path}: relasjon til seg selv"
            if rel["type"] == "avhenger_av":
                graph[kid].add(rel["krav"])

    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                raise AssertionError(f"syklus i avhenger_av: {' -> '.join(trail + [nxt])}")
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in list(graph):
        if node not in state:
            visit(node, [node])


def test_withdrawn_requirements_have_a_successor(krav):
    withdrawn = {kid for kid, (_, d) in krav.items() if d["status"] == "trukket"}
    assert withdrawn, "innholdet skal ha minst ett trukket krav"
    replaced = {
        rel["krav"]
        for _, d in krav.values()
        for rel in d.get("relasjoner") or []
        if rel["type"] == "erstatter"
    }
    assert withdrawn <= replaced, f"trukket uten etterfølger: {sorted(withdrawn - replaced)}"


def test_no_parameter_conflicts_between_active_requirements(krav):
    ranges = defaultdict(list)
    for kid, (_, d) in _active(krav).items():
        for c in d.get("parametere") or []:
            lo = c.get("lik", c.get("min", float("-inf")))
            hi = c.get("lik", c.get("maks", float("inf")))
            ranges[c["navn"]].append((kid, lo, hi))
    for name, items in ranges.items():
        lo = max(i[1] for i in items)
        hi = min(i[2] for i in items)
        assert lo <= hi, (name, items)
