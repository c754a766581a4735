"""The standard's vocabulary: every domain fact the tool knows, defined once.

Record kinds and where they live, requirement types with their verbal forms and Norwegian
names, statuses and what "in force" (gjeldende) means, relation types, source kinds and which
are binding, verification methods, draft stages, comment types and dispositions,
self-assessment answers, and the Norwegian way to write numbers and dates.

Check rules, analysis, the site, documents and exports import these names; none of them
re-types a status or a verbal form. `tests/test_vocabulary.py` proves that the JSON Schemas'
enums say the same as this module.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Iterable

# --- Severities of a finding -------------------------------------------------------------------------

FEIL = "feil"  # blocks: the repository is not valid
ADVARSEL = "advarsel"  # informs: worth a look, does not fail the run (unless --streng)
LEVELS = (FEIL, ADVARSEL)

# --- Record kinds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of record: its schema name, top-level folder and how deep its files sit."""

    name: str  # schema file schemas/<name>.schema.json and Record.kind
    folder: str  # top-level folder
    depth: int  # folders between the top-level folder and the file (0: directly inside)
    layout: str  # how a contributor reads the rule, shown in misplaced-file messages
    label: str  # Norwegian name, singular
    top: type = dict  # what the file holds at top level


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("krav", "krav", 1, "krav/<område>/<ID>.yaml", "krav"),
    Kind("lovhjemmel", "lovhjemler", 1, "lovhjemler/<gruppe>/<id>.yaml", "lovhjemmel"),
    Kind("term", "termer", 0, "termer/<id>.yaml", "term"),
    Kind("utgave", "utgaver", 0, "utgaver/<id>.yaml", "utgave"),
    Kind("kommentar", "kommentarer", 1, "kommentarer/<utgave>/<ID>.yaml", "kommentar"),
    Kind("mandat", "mandat", 0, "mandat/mandat.yaml", "mandat"),
    Kind("parametere", "mandat", 0, "mandat/parametere.yaml", "parameterliste", list),
    Kind("vage-ord", "mandat", 0, "mandat/vage-ord.yaml", "ordliste over vage ord", list),
)}
MANDAT_FILE = "mandat/mandat.yaml"
PARAMETERE_FILE = "mandat/parametere.yaml"
VAGE_ORD_FILE = "mandat/vage-ord.yaml"  # optional: the committee's list of vague terms
SINGLE_FILES = {MANDAT_FILE: "mandat", PARAMETERE_FILE: "parametere", VAGE_ORD_FILE: "vage-ord"}
RECORD_DIRS = tuple(dict.fromkeys(k.folder for k in KINDS.values()))  # top-level folders, in order
KIND_BY_FOLDER = {k.folder: k for k in KINDS.values() if k.name not in SINGLE_FILES.values()}
ID_KINDS = tuple(k for k in KINDS if k not in SINGLE_FILES.values())  # file named after its id

# Fields that hold a calendar date («ÅÅÅÅ-MM-DD»), per kind; "*" stands for every item of a list.
DATE_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "lovhjemmel": (("gyldig_fra",), ("gyldig_til",), ("kontrollert",), ("verifisert", "*", "dato")),
    "utgave": (("dato",), ("høring", "start"), ("høring", "frist")),
    "kommentar": (("behandling", "dato"),),
}

# --- Requirement types and verbal forms ----------------------------------------------------------


@dataclass(frozen=True)
class ReqType:
    id: str
    verb: str  # the verbal form the text must use (ISO/IEC Directives Part 2)
    name: str  # "Krav"
    plural: str  # "krav", "anbefalinger"
    forbidden: tuple[str, ...]  # verbal forms this type must not use


REQUIREMENT_TYPES: dict[str, ReqType] = {t.id: t for t in (
    ReqType("krav", "skal", "Krav", "krav", ()),
    ReqType("anbefaling", "bør", "Anbefaling", "anbefalinger", ("skal",)),
    ReqType("tillatelse", "kan", "Tillatelse", "tillatelser", ("skal", "bør")),
)}
TYPES = tuple(REQUIREMENT_TYPES)
VERB_OF = {t.id: t.verb for t in REQUIREMENT_TYPES.values()}
TYPE_OF_VERB = {t.verb: t.id for t in REQUIREMENT_TYPES.values()}
# How binding each verbal form is: a change from bør to skal makes a provision stricter.
STRENGTH = {"tillatelse": 0, "anbefaling": 1, "krav": 2}


def type_name(type_id: str, count: int | None = None) -> str:
    """«Krav», or with a count «1 krav», «14 anbefalinger»."""
    entry = REQUIREMENT_TYPES.get(type_id)
    if entry is None:
        return str(type_id)
    if count is None:
        return entry.name
    return f"{format_number(count)} {entry.id if count == 1 else entry.plural}"


# --- Statuses ---------------------------------------------------------------------------------------

STATUSES = ("forslag", "vedtatt", "trukket")
STATUS_NAMES = {"forslag": "Forslag", "vedtatt": "Vedtatt", "trukket": "Trukket"}
WITHDRAWN = "trukket"
ADOPTED = "vedtatt"
PROPOSED = "forslag"
# «Gjeldende» (in force): a provision that is part of the draft, i.e. any status but withdrawn.


def is_in_force(record) -> bool:
    """Whether a requirement record is part of the standard (not withdrawn).

    Accepts a Record or a plain dict. A record whose status is missing or misspelt counts as in
    force, so a typo never makes a provision silently disappear from the checks or the site.
    """
    data = getattr(record, "data", record)
    return isinstance(data, dict) and data.get("status") != WITHDRAWN


# --- Relations ------------------------------------------------------------------------------------------

RELATION_TYPES = ("avhenger_av", "erstatter", "konflikt_med", "se_også")
RELATION_OUT = {"avhenger_av": "Avhenger av", "erstatter": "Erstatter",
                "konflikt_med": "I konflikt med", "se_også": "Se også"}
RELATION_IN = {"avhenger_av": "Andre krav som avhenger av dette", "erstatter": "Erstattet av",
               "konflikt_med": "Andre krav som oppgir konflikt med dette", "se_også": "Nevnt under «se også» i"}

# --- Sources ----------------------------------------------------------------------------------------------

SOURCE_KINDS = ("lov", "forskrift", "forarbeid", "rundskriv", "veileder", "rapport", "standard")
BINDING_KINDS = ("lov", "forskrift")  # only these are binding law
NON_BINDING_KINDS = tuple(k for k in SOURCE_KINDS if k not in BINDING_KINDS)
SOURCE_KIND_NAMES = {"lov": "Lov", "forskrift": "Forskrift", "forarbeid": "Forarbeid", "rundskriv": "Rundskriv",
                     "veileder": "Veileder", "rapport": "Rapport", "standard": "Standard"}


def is_binding(kind: object) -> bool:
    return kind in BINDING_KINDS


# --- Verification -----------------------------------------------------------------------------------------

VERIFICATION_METHODS = ("dokumentgjennomgang", "intervju", "observasjon", "stikkprøve", "statistikk", "egenerklæring")
VERIFICATION_NAMES = {method: method for method in VERIFICATION_METHODS}

# --- Published drafts, comments, self-assessment ------------------------------------------------------------

STAGES = ("komitéutkast", "høring", "fastsatt")
STAGE_NAMES = {"komitéutkast": "komitéutkast", "høring": "høringsutkast", "fastsatt": "fastsatt standard"}
LIVING_DRAFT = "arbeidsutkast"
LIVING_VERSION = "utkast"  # the living draft's address on the versioned site; never a draft id
COMMENT_TYPES = {"ge": "generell", "te": "teknisk", "ed": "redaksjonell"}
DISPOSITIONS = {"akseptert": "akseptert", "akseptert_med_endringer": "akseptert med endringer",
                "notert": "notert", "avvist": "avvist"}
ASSESSMENTS = {"oppfylt": "oppfylt", "delvis": "delvis oppfylt", "ikke_oppfylt": "ikke oppfylt",
               "ikke_relevant": "ikke relevant"}
# Where in a draft a comment points (`punkt`): a clause number («4», «4.2.1»), an annex
# («Tillegg A», «A.1») or one of the unnumbered parts of a Norwegian Standard.
UNNUMBERED_PARTS = ("Generelt", "Tittelside", "Forord", "Innledning", "Bibliografi")
CLAUSE_EXAMPLES = ("4.2", "Tillegg A", "A.1", *UNNUMBERED_PARTS)
HEARING_MONTHS = 2  # a consultation normally lasts two months


def is_clause_reference(value: object) -> bool:
    """Whether `value` names a place in a draft the way the printed document does."""
    import re

    if not isinstance(value, str):
        return False
    if value in UNNUMBERED_PARTS:
        return True
    return re.fullmatch(r"[1-9][0-9]*(\.[1-9][0-9]*)*|Tillegg [A-Z]|[A-Z](\.[1-9][0-9]*)+", value) is not None


def clause_order(value: object) -> tuple:
    """Sort key for `punkt` values in document order: title page, foreword, introduction and
    general comments first, then clauses 1, 2, 4.1, 4.2 …, annexes, bibliography, anything else."""
    if not isinstance(value, str):
        return (5, (), str(value))
    import re

    if value in UNNUMBERED_PARTS and value != "Bibliografi":
        return (0, (UNNUMBERED_PARTS.index(value),), value)
    if re.fullmatch(r"[1-9][0-9]*(\.[1-9][0-9]*)*", value):
        return (1, tuple(int(n) for n in value.split(".")), value)
    annex = re.fullmatch(r"Tillegg ([A-Z])|([A-Z])((?:\.[1-9][0-9]*)+)", value)
    if annex:
        letter = annex.group(1) or annex.group(2)
        rest = tuple(int(n) for n in (annex.group(3) or "").split(".") if n)
        return (2, (ord(letter), *rest), value)
    if value == "Bibliografi":
        return (3, (), value)
    return (4, (), value)


def add_months(date: _dt.date, months: int) -> _dt.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    import calendar

    total = date.month - 1 + months
    year, month = date.year + total // 12, total % 12 + 1
    return date.replace(year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1]))


# Ordered from worst to best, so two self-assessment rounds can be compared.
ASSESSMENT_RANK = {"ikke_oppfylt": 0, "delvis": 1, "oppfylt": 2}
MET = "oppfylt"
NOT_RELEVANT = "ikke_relevant"  # needs a reason (begrunnelse) in the form
# How one provision changed between two self-assessment rounds (`krav egenkontroll sammenlign`).
COMPARISONS = {"bedre": "bedre", "dårligere": "dårligere", "uendret": "uendret",
               "ny": "ny i standarden", "endret": "endret i standarden",
               "fjernet": "ikke lenger i standarden", "usammenlignbar": "kan ikke sammenlignes"}

# --- Whom a provision applies to (`gjelder_for`) ---------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    """One way `gjelder_for` narrows a provision: the field in the record, the mandate list that
    holds the allowed values, and the Norwegian words for it."""

    field: str  # key inside gjelder_for: "eierform"
    mandate_field: str  # list in the mandate: "eierformer"
    label: str  # «eierform»
    plural: str  # «eierformer»


APPLICABILITY = {d.field: d for d in (
    Dimension("eierform", "eierformer", "eierform", "eierformer"),
    Dimension("institusjonstype", "institusjonstyper", "institusjonstype", "institusjonstyper"),
)}

# --- Norwegian formatting ------------------------------------------------------------------------------------

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")


def format_number(value: object) -> str:
    """A number as Norwegian text: decimal comma, no trailing «.0», thin-space thousands (10 000)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer():
            value = int(value)
    sign = "-" if value < 0 else ""
    if isinstance(value, int):
        digits = f"{abs(value):,}".replace(",", "\u00a0") if abs(value) >= 10000 else str(abs(value))
        return sign + digits
    return sign + repr(abs(value)).replace(".", ",")


def parse_date(value: object) -> _dt.date | None:
    """An ISO date string as a date, or None when it is not a real calendar date."""
    if not isinstance(value, str):
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def format_date(value: object) -> str:
    """«1. april 2027» for an ISO date; anything else as given."""
    date = value if isinstance(value, _dt.date) else parse_date(value)
    if date is None:
        return str(value)
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


def plural(count: int, singular: str, plural_form: str) -> str:
    """«1 advarsel», «3 advarsler»."""
    return f"{format_number(count)} {singular if count == 1 else plural_form}"


# --- Sources: in force, replaced, verified ------------------------------------------------------------------
# The ONE definition of when a source (a lovhjemmel record) applies. A source with `erstattet_av`
# is no longer in force: from the day after its `gyldig_til` when that is known, and already
# now when it is not (the tooling then asks for the date; it never guesses one).


def _source_data(source) -> dict:
    data = getattr(source, "data", source)
    return data if isinstance(data, dict) else {}


def successor_of(source) -> str | None:
    """The `erstattet_av` of a source (an instrument or a record id), or None."""
    value = _source_data(source).get("erstattet_av")
    return value.strip() if isinstance(value, str) and value.strip() else None


def is_replaced(source) -> bool:
    return successor_of(source) is not None


def source_in_force(source, dato: _dt.date) -> bool:
    """Whether a source applies on `dato`: within gyldig_fra..gyldig_til (both inclusive), and
    not replaced (`erstattet_av`) without a known last day. Accepts a Record or a plain dict."""
    data = _source_data(source)
    start, end = parse_date(data.get("gyldig_fra")), parse_date(data.get("gyldig_til"))
    if start is not None and dato < start:
        return False
    if end is not None:
        return dato <= end
    return not is_replaced(data)


def verifications(source) -> list[dict]:
    """The well-formed entries of a source's `verifisert` list."""
    items = _source_data(source).get("verifisert")
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def is_primary_verified(source) -> bool:
    """Whether someone has seen the source's facts in a primary source (`primærkilde: true`
    with a real calendar date)."""
    return any(item.get("primærkilde") is True and parse_date(item.get("dato")) is not None
               for item in verifications(source))


# Hosts known to hold copies, not the publisher's own text: commercial or private sites,
# document mirrors, and regjeringen.no's test/preview host. A page there is never a primary
# source (primærkilde), and a source's `url` should not point there.
COPY_HOSTS = ("bvpro.no", "juridika.no", "karnov.no", "arbeidsmiljoloven.com", "barnerettsadvokater.no",
              "datele.no", "norgeslover.no", "virke.no", "fosterhjemsforening.no", "ung.no",
              "pdfslide.net", "vdocuments.mx", "dxcloud.episerver.net")
MIRROR_HOSTS = ("pdfslide.net", "vdocuments.mx", "dxcloud.episerver.net")  # never a link target


def host_in(url: object, hosts: Iterable[str]) -> str | None:
    """The entry of `hosts` that `url`'s host is (or is a subdomain of), or None."""
    if not isinstance(url, str):
        return None
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    return next((h for h in hosts if host == h or host.endswith("." + h)), None)


def join_names(values: Iterable[object]) -> str:
    """«a, b og c»: a Norwegian list without quotes."""
    items = [str(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


# --- Nouns and units as the site writes them ------------------------------------------------------------

# Singular and plural of the nouns the site counts with («1 bestemmelse», «14 bestemmelser»).
NOUNS = {
    "bestemmelse": ("bestemmelse", "bestemmelser"),
    "gjeldende bestemmelse": ("gjeldende bestemmelse", "gjeldende bestemmelser"),
    "feil": ("feil", "feil"),
    "advarsel": ("advarsel", "advarsler"),
    "funn": ("funn", "funn"),
    "kilde": ("kilde", "kilder"),
    "krav": ("krav", "krav"),
}

# Units of measurable parameters, written in the plural in mandat/parametere.yaml: plural ->
# singular. Units that do not inflect (m², prosent) map to themselves.
UNIT_SINGULAR = {
    "personer": "person", "måneder": "måned", "uker": "uke", "dager": "dag", "timer": "time",
    "år": "år", "minutter": "minutt", "vinduer": "vindu", "barn": "barn", "rom": "rom",
    "soverom": "soverom", "ansatte": "ansatt", "voksne": "voksen", "m²": "m²", "m": "m",
    "prosent": "prosent", "%": "%",
}
COUNT_UNIT = "antall"  # «antall»: the counted noun is the parameter name's last part (…vinduer)


def count(number: int, noun: str) -> str:
    """«1 bestemmelse», «3 bestemmelser», for a noun in NOUNS (else the noun as given)."""
    singular, plural_form = NOUNS.get(noun, (noun, noun))
    return plural(number, singular, plural_form)


def format_quantity(value: object, unit: object, parameter: str | None = None) -> str:
    """A bound of a parameter as Norwegian text: «1 vindu», «2 personer», «7,5 m²», «6 måneder».

    The unit is the plural as written in the parameter list; exactly 1 takes the singular. The
    unit «antall» is replaced by the parameter name's last part when that is a known noun
    (isolering.rom.vinduer → «1 vindu»), else the number stands alone.
    """
    number = format_number(value)
    word = unit if isinstance(unit, str) else ""
    if word == COUNT_UNIT:
        last = (parameter or "").rsplit(".", 1)[-1].replace("_", " ")
        word = last if last in UNIT_SINGULAR else ""
    if not word:
        return number
    if value == 1 and not isinstance(value, bool):
        word = UNIT_SINGULAR.get(word, word)
    return f"{number} {word}"


# --- Reviewed exceptions (`unntak: [{regel, begrunnelse}]`) -----------------------------------------
# The rules a record may be excepted from, per kind, each with a reason that the committee reviews
# in the pull request: heuristics about wording for requirements, and for sources the two facts
# that may be impossible to establish (a last day nobody has seen, an official address that does
# not exist). Every other rule always applies.
EXCEPTABLE: dict[str, tuple[str, ...]] = {
    "krav": ("tekst-vagt-ord", "krav-flere-plikter", "krav-normativ-begrunnelse", "krav-gjentar-kilde"),
    "lovhjemmel": ("lovhjemmel-erstattet-uten-dato", "lovhjemmel-url-speil"),
}


def is_excepted(record, rule_id: str) -> bool:
    """Whether `record` carries a reviewed exception (with a non-empty reason) from `rule_id`."""
    if rule_id not in EXCEPTABLE.get(getattr(record, "kind", ""), ()):
        return False
    data = record.data
    if isinstance(data, dict) and not data.get("unntak"):  # nearly every record: no exceptions at all
        return False
    return any(item.get("regel") == rule_id and isinstance(item.get("begrunnelse"), str)
               and item["begrunnelse"].strip() for _, item in record.mappings("unntak"))
