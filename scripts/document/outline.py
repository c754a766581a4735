"""The consultation document as plain data: what it says, in what order, with what numbers.

The structure follows a Norwegian Standard drafted by ISO/IEC Directives Part 2: title page,
Forord, Innledning, 1 Omfang, 2 Normative referanser, 3 Termer og definisjoner, one clause per
area of the mandate (from 4, in mandate order) with each provision in force numbered 4.1, 4.2 …
beside its stable id, Tillegg A (informativt) with the traceability to the legal sources, and
Bibliografi. The DOCX writer (docx.py) and the comment template (comments/template.py) both
number from this one outline, so a commenter's «4.2» means the same in both.

Everything here is record text as written; the writers neutralise it for their format. The
committee's internal note (`merknad`) on a requirement or a source is never part of it.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from ..lovdata import link
from ..repository import Record, Repository
from ..vocabulary import (
    COMMENT_TYPES,
    LIVING_DRAFT,
    REQUIREMENT_TYPES,
    SOURCE_KINDS,
    STAGE_NAMES,
    TYPES,
    VERB_OF,
    format_date,
    is_in_force,
    type_name,
)



def join_names(values) -> str:
    """«a, b og c»: a Norwegian list without quotes."""
    items = [str(v) for v in values]
    return ", ".join(items[:-1]) + " og " + items[-1] if len(items) > 1 else "".join(items)


FIRST_AREA_CLAUSE = 4
NORMATIVE_KIND = "standard"  # only another standard can be a normative reference; law never is

# What each verbal form expresses (ISO/IEC Directives Part 2, 7), keyed by requirement type; the
# verbs themselves come from the vocabulary. tests/document check that every type has a line.
VERB_MEANINGS = {
    "krav": "angir et krav",
    "anbefaling": "angir en anbefaling",
    "tillatelse": "angir en tillatelse; «kan» brukes også om en mulighet eller en evne",
}
EXTERNAL_CONSTRAINT = "«må» angir en ytre begrensning, for eksempel det som følger av lov, og er aldri et krav i dette dokumentet"

NO_NORMATIVE = "Det er ingen normative referanser i dette dokumentet."
NO_TERMS = "Ingen termer og definisjoner er oppført i dette dokumentet."
TERMS_INTRO = "For formålet med dette dokumentet gjelder følgende termer og definisjoner."
NOTE = "MERKNAD"
ANNEX_TITLE = "Tillegg A"
ANNEX_KIND = "(informativt)"
ANNEX_NAME = "Sporbarhet mellom bestemmelsene og lovgrunnlaget"
BIBLIOGRAPHY = "Bibliografi"
GENERAL = "Generelt"
TYPE_LIST = join_names(f"{key} = {name}" for key, name in COMMENT_TYPES.items())  # «ge = generell, te = teknisk og ed = redaksjonell»  # a comment on the whole document


@dataclass
class Provision:
    number: str  # «4.1»
    id: str  # «IK-002»
    title: str
    type: str
    text: str
    rationale: str | None
    applies_to: str | None  # «Gjelder bare for …» from gjelder_for
    sources: list[str]  # lovhjemler ids, as written
    beyond_law: bool


@dataclass
class Clause:
    number: str  # «4»
    title: str
    area: str | None
    provisions: list[Provision] = field(default_factory=list)


@dataclass
class Term:
    number: str  # «3.1»
    term: str
    definition: str
    note: str | None
    source: str | None  # bibliography text of the source the definition follows


@dataclass
class Reference:
    number: int  # [1]
    id: str
    text: str  # «Lov om barnevern (barnevernsloven) § 10-7 (LOV-2021-06-18-97)»
    short: str  # «barnevernsloven § 10-7»
    url: str | None


@dataclass
class Outline:
    title: str
    designation: str | None  # «prNS xxxx:2027»; None for the living draft
    stage: str  # «Høringsutkast», «Arbeidsutkast»
    status_line: str  # the one line on every page
    dates: list[tuple[str, str]]  # (label, date text) for the title page
    warning: str | None
    draft_id: str | None
    version: str | None
    foreword: list[str]
    verbal_forms: list[str]
    introduction: list[str]
    objectives: list[str]
    scope_intro: str
    scope_items: list[str]
    normative: list[Reference]
    terms: list[Term]
    clauses: list[Clause]
    bibliography: list[Reference]

    def provisions(self) -> list[Provision]:
        return [p for clause in self.clauses for p in clause.provisions]

    def places(self) -> list[tuple[str, str | None, str]]:
        """(punkt, provision id or None, title) for every place a commenter can point to, in order."""
        rows: list[tuple[str, str | None, str]] = [(GENERAL, None, "Hele dokumentet"), ("Forord", None, "Forord"),
                                                   ("Innledning", None, "Innledning"), ("1", None, "Omfang"),
                                                   ("2", None, "Normative referanser"),
                                                   ("3", None, "Termer og definisjoner")]
        rows += [(t.number, None, t.term) for t in self.terms]
        for clause in self.clauses:
            rows.append((clause.number, None, clause.title))
            rows += [(p.number, p.id, p.title) for p in clause.provisions]
        rows += [(ANNEX_TITLE, None, ANNEX_NAME), (BIBLIOGRAPHY, None, BIBLIOGRAPHY)]
        return rows


def _text(record: Record | dict | None, key: str) -> str | None:
    data = getattr(record, "data", record)
    value = data.get(key) if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


_ID_NUMBER = re.compile(r"^(.*?)(\d+)$")


def id_order(ident: str) -> tuple:
    """IK-2 < IK-10 < IK-100: by prefix, then by number."""
    match = _ID_NUMBER.match(ident)
    return (match.group(1), int(match.group(2)), ident) if match else (ident, -1, ident)


def source_text(data: dict) -> str:
    """A source as the bibliography names it: title, section and official identifier."""
    title = _text(data, "tittel") or _text(data, "korttittel") or _text(data, "id") or ""
    section = _text(data, "paragraf")
    instrument = _text(data, "instrument")
    text = f"{title} {section}" if section else title
    if instrument and instrument not in text:
        text += f" ({instrument})"
    return text


def source_short(data: dict) -> str:
    name = _text(data, "korttittel") or _text(data, "tittel") or _text(data, "id") or ""
    section = _text(data, "paragraf")
    return f"{name} {section}" if section else name


def _applies_to(repo: Repository, record: Record) -> str | None:
    scope = record.get("gjelder_for")
    if not isinstance(scope, dict):
        return None
    parts = []
    for key, index, label in (("eierform", repo.owner_types, "eierform"),
                              ("institusjonstype", repo.institution_types, "institusjonstype")):
        values = scope.get(key)
        if isinstance(values, list) and values:
            names = [str((index.get(v) or {}).get("navn") or v) for v in values]
            parts.append(f"{label} {join_names(names)}")
    return f"Gjelder bare for {'; '.join(parts)}." if parts else None


def _provisions_by_area(repo: Repository) -> dict[str | None, list[Record]]:
    groups: dict[str | None, list[Record]] = {}
    for record in repo.krav.values():
        if not is_in_force(record) or _text(record, "tekst") is None:
            continue
        area = record.get("område")
        groups.setdefault(area if area in repo.areas else None, []).append(record)
    for records in groups.values():
        records.sort(key=lambda r: id_order(r.id or ""))
    return groups


def _status(draft: Record | None, version: str | None, today: _dt.date) -> tuple[str | None, str, str, list, str | None]:
    """(designation, stage, status line, title-page dates, warning)."""
    if draft is None:
        stage = LIVING_DRAFT.capitalize()
        line = f"{stage}, ikke sendt på høring" + (f", versjon {version}" if version else "") + f", {format_date(today)}"
        warning = ("Dette er et arbeidsutkast. Det er ikke sendt på høring og er ikke en norsk standard; "
                   "innholdet endres fortløpende.")
        return None, stage, line, [("Dato", format_date(today))], warning
    designation = _text(draft, "betegnelse") or ""
    stadium = _text(draft, "stadium") or ""
    stage = STAGE_NAMES.get(stadium, stadium)
    dates = [("Dato", format_date(_text(draft, "dato") or ""))]
    hearing = draft.get("høring") if isinstance(draft.get("høring"), dict) else {}
    line = f"{designation} – {stage}"
    if stadium == "høring" and _text(hearing, "frist"):
        dates += [("Høringen starter", format_date(_text(hearing, "start") or "")),
                  ("Frist for kommentarer", format_date(_text(hearing, "frist") or ""))]
        line += f", frist {format_date(_text(hearing, 'frist'))}"
    else:
        line += f", {format_date(_text(draft, 'dato') or '')}"
    warning = None
    if stadium != "fastsatt":
        warning = ("Dette dokumentet er et utkast og ikke en norsk standard. Det sendes ut for gjennomgang og "
                   "kommentarer, kan bli endret uten varsel og kan ikke omtales som en norsk standard. "
                   "Mottakerne inviteres til å sende kommentarer, og til å opplyse om patentrettigheter de kjenner "
                   "til som kan gjelde innholdet.")
    return designation, stage[:1].upper() + stage[1:], line, dates, warning


def build_outline(repo: Repository, draft: Record | None = None, version: str | None = None,
                  today: _dt.date | None = None) -> Outline:
    """The document for the content in `repo`, as the draft `draft` (None: the living draft)."""
    today = today or _dt.date.today()
    designation, stage, line, dates, warning = _status(draft, version, today)
    mandate = repo.mandat
    title = _text(mandate, "tittel") or "Standard for barnevernsinstitusjoner"
    groups = _provisions_by_area(repo)

    # --- Sources: normative references, then the bibliography ---------------------------------------
    cited: dict[str, bool] = {}  # id -> cited by a requirement of type krav
    for records in groups.values():
        for record in records:
            for ident in record.items("lovhjemler"):
                if isinstance(ident, str) and ident in repo.lovhjemler:
                    cited[ident] = cited.get(ident, False) or record.get("type") == "krav"
    for term in repo.termer.values():
        kilde = term.get("kilde")
        if isinstance(kilde, str) and kilde in repo.lovhjemler:
            cited.setdefault(kilde, False)

    def order(ident: str) -> tuple:
        data = repo.lovhjemler[ident].data
        kind = data.get("type")
        return (SOURCE_KINDS.index(kind) if kind in SOURCE_KINDS else len(SOURCE_KINDS),
                source_text(data).casefold(), ident)

    normative_ids = sorted((i for i, by_krav in cited.items()
                            if by_krav and repo.lovhjemler[i].get("type") == NORMATIVE_KIND), key=order)
    biblio_ids = sorted((i for i in cited if i not in normative_ids), key=order)
    normative = [Reference(0, i, source_text(repo.lovhjemler[i].data), source_short(repo.lovhjemler[i].data),
                           link(repo.lovhjemler[i].data)) for i in normative_ids]
    bibliography = [Reference(n, i, source_text(repo.lovhjemler[i].data), source_short(repo.lovhjemler[i].data),
                              link(repo.lovhjemler[i].data)) for n, i in enumerate(biblio_ids, 1)]

    # --- Terms -------------------------------------------------------------------------------------------
    terms = []
    valid_terms = [t for t in repo.termer.values() if _text(t, "term") and _text(t, "definisjon")]
    for n, record in enumerate(sorted(valid_terms, key=lambda t: (_text(t, "term") or "").casefold()), 1):
        kilde = record.get("kilde")
        source = source_text(repo.lovhjemler[kilde].data) if isinstance(kilde, str) and kilde in repo.lovhjemler else None
        terms.append(Term(f"3.{n}", _text(record, "term") or "", _text(record, "definisjon") or "",
                          _text(record, "merknad"), source))

    # --- Clauses: one per area, in mandate order -------------------------------------------------------
    clauses = []
    area_ids = [a for a in repo.areas] + ([None] if None in groups else [])
    for offset, area in enumerate(area_ids):
        number = str(FIRST_AREA_CLAUSE + offset)
        name = str(repo.areas[area].get("navn") or area) if area is not None else "Bestemmelser uten område i mandatet"
        clause = Clause(number, name, area)
        for n, record in enumerate(groups.get(area, []), 1):
            sources = [i for i in record.items("lovhjemler") if isinstance(i, str)]
            clause.provisions.append(Provision(
                f"{number}.{n}", record.id or "", _text(record, "tittel") or "", str(record.get("type") or ""),
                _text(record, "tekst") or "", _text(record, "begrunnelse"), _applies_to(repo, record), sources,
                record.get("utover_lov") is True))
        clauses.append(clause)

    # --- Front matter ------------------------------------------------------------------------------------
    provisions = [p for c in clauses for p in c.provisions]
    counts = [type_name(t, sum(p.type == t for p in provisions)) for t in TYPES]
    foreword = [
        "Dette dokumentet er utarbeidet i arbeidet med norske standarder for barnevernsinstitusjoner i regi av "
        "Standard Norge. Bare Standard Norge kan fastsette en norsk standard (NS).",
        f"Dokumentets stadium: {line}.",
        "Dokumentet er skrevet etter ISO/IEC-direktivene, del 2, som gjelder for utforming av standarder. "
        "I dette dokumentet brukes disse verbformene:",
    ]
    deadline = next((value for label, value in dates if label == "Frist for kommentarer"), None)
    if deadline:
        foreword.insert(2, f"Utkastet er på høring til og med {deadline}. Kommentarer gis på kommentarskjemaet for "
                           f"utgaven, med punkt, linjenummer fra margen og type ({TYPE_LIST}). "
                           "Alle kommentarene blir behandlet av komiteen.")
    verbal_forms = [f"«{VERB_OF[t]}» (og «{VERB_OF[t]} ikke») {VERB_MEANINGS[t]};" for t in TYPES]
    verbal_forms.append(EXTERNAL_CONSTRAINT + ".")
    introduction = []
    purpose = _text(mandate, "formål")
    if purpose:
        introduction.append(purpose)
    introduction.append(
        f"Dokumentet har {join_names(counts)}. Hver bestemmelse har et fast id (for eksempel "
        f"«{provisions[0].id if provisions else 'IK-002'}») ved siden av punktnummeret. Id-en endres aldri, mens "
        "punktnumrene kan endres fra ett utkast til det neste; oppgi derfor gjerne både punkt og id i kommentarer. "
        "Tillegg A viser hvilke lover, forskrifter og andre kilder hver bestemmelse bygger på.")
    objectives = [str(goal.get("tekst")).strip() for goal in repo.objectives.values() if isinstance(goal.get("tekst"), str)]
    plural_names = join_names(REQUIREMENT_TYPES[t].plural for t in TYPES)
    scope_intro = f"Dette dokumentet angir {plural_names} for barnevernsinstitusjoner innenfor disse områdene:"
    scope_items = [f"{c.title} (punkt {c.number})" for c in clauses]
    return Outline(title=title, designation=designation, stage=stage, status_line=line, dates=dates,
                   warning=warning, draft_id=draft.id if draft is not None else None, version=version,
                   foreword=foreword, verbal_forms=verbal_forms, introduction=introduction, objectives=objectives,
                   scope_intro=scope_intro, scope_items=scope_items, normative=normative, terms=terms,
                   clauses=clauses, bibliography=bibliography)
