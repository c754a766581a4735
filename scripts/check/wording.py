"""Drafting rules beyond the verbal form: vague terms, bundled duties, hidden requirements,
working notes and requirements that only repeat the law.

After the ISO/IEC Directives, Part 2, and the content review of the first draft: a provision
states one verifiable obligation in measurable terms; its rationale explains and requires
nothing; internal notes stay in `merknad`, which is never published. These are heuristics, so
they are warnings, and a requirement may carry a reviewed exception for the four rules that
judge wording (`unntak: [{regel: <id>, begrunnelse: …}]`). The vague terms are the
committee's own list in mandat/vage-ord.yaml (data, not code).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Finding, make
from ..messages import forslag, oppramsing
from ..repository import Record, Repository
from ..vocabulary import EXCEPTABLE as EXCEPTABLE_BY_KIND
from ..vocabulary import VERB_OF, is_excepted, is_in_force
from . import rule

# The rules a requirement may be excepted from, with a reason, in its `unntak` list (vocabulary).
EXCEPTABLE = EXCEPTABLE_BY_KIND["krav"]

_CHECK_VERBS = r"(?:kontrolleres|sjekkes|verifiseres|avklares|undersøkes)"
# Internal working notes: «bør kontrolleres», «ikke er verifisert», «TODO».
WORKING_NOTES = re.compile(rf"(?<!\w)(?:(?:bør|må|skal)\s+{_CHECK_VERBS}|ikke\s+(?:er\s+)?(?:verifisert|kontrollert|"
                           r"sjekket)|TODO|FIXME|TBD)(?!\w)", re.IGNORECASE)
# Cheap test before the pattern: every working note contains one of these (lower case).
_NOTE_HINTS = ("kontrolleres", "sjekkes", "verifiseres", "avklares", "undersøkes", "verifisert", "kontrollert",
               "sjekket", "todo", "fixme", "tbd")
# Fields that are published, per record kind (`merknad` of a requirement or source is internal).
PUBLISHED_FIELDS = {"krav": ("tittel", "tekst", "begrunnelse"),
                    "lovhjemmel": ("tittel", "overskrift", "sammendrag"),
                    "term": ("term", "definisjon", "merknad")}

_NORMATIVE = re.compile(rf"(?<!\w)(skal|må)(?!\w)(?!\s+{_CHECK_VERBS}(?!\w))", re.IGNORECASE)

# «skal følge (oppfylle, overholde, etterleve, holde seg innenfor) … loven»: the verb, directly
# followed by a law or by what one complies with («kravene», «reglene» …), and a law within the
# next six words. «Følge opp» and «følge barnet» are duties of their own.
_COMPLY = re.compile(r"(?<!\w)(?:følger?|oppfyller?|overholder?|etterlever?|holder? seg innenfor)(?!\w)", re.IGNORECASE)
_LAW_WORD = re.compile(r"[\w-]*lov(?:en|ens|a|verket|verkets)?|[\w-]*forskrift(?:en|ens|ene)?|regelverk(?:et|ets)?|"
                       r"lovgivning(?:en)?|§")
_WORD = re.compile(r"[\w-]+|§")
_MOVING = re.compile(r"(?<!\w)til enhver tid følger av(?:\s+[\w-]+){0,3}", re.IGNORECASE)
# What one complies with when a text only repeats the law: «følge kravene i …», «oppfylle de …».
_RULE_OBJECTS = frozenset(("krav", "kravene", "regler", "reglene", "bestemmelser", "bestemmelsene", "pliktene",
                           "plikter", "de", "alle", "gjeldende", "lovkrav", "lovkravene", "forskrift", "lov"))
_RESTATE_HINTS = ("følge", "oppfyll", "overhold", "etterlev", "innenfor", "enhver tid")


def restatement(text: str) -> str | None:
    """The phrase by which `text` only repeats the law, or None."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _RESTATE_HINTS):  # a few `in` tests beat one alternation
        return None
    moving = _MOVING.search(text)
    if moving:
        return moving.group(0)
    for match in _COMPLY.finditer(text):
        words = list(_WORD.finditer(text, match.end(), match.end() + 160))[:6]
        first = words[0].group(0).lower() if words else ""
        if first not in _RULE_OBJECTS and not _LAW_WORD.fullmatch(first):
            continue  # «følger barnet gjennom oppholdet etter loven» follows a child, not the law
        for word in words:
            if _LAW_WORD.fullmatch(word.group(0).lower()):
                return text[match.start():word.end()]
    return None


_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|[a-zæøå]\)|\d+[.)])\s+\S", re.MULTILINE)
_VAGUE_WORD = re.compile(r"^\w[\w -]*\*?$")  # the schema's pattern for `ord`, checked again here


def _ident(record: Record) -> str:
    return record.id or record.stem


def _excepted(record: Record, rule_id: str) -> bool:
    return is_excepted(record, rule_id)


def _active(repo: Repository, rule_id: str) -> Iterator[Record]:
    """Requirements in force, minus those with a reviewed exception from `rule_id`."""
    for record in repo.of_kind("krav"):
        if isinstance(record.data, dict) and is_in_force(record) and not _excepted(record, rule_id):
            yield record


def _word_pattern(word: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive matcher built from escaped text only (never a user's regex)."""
    stem, open_end = (word[:-1], True) if word.endswith("*") else (word, False)
    body = r"\s+".join(re.escape(part) for part in stem.split())
    tail = r"\w*" if open_end else ""
    return re.compile(rf"(?<!\w){body}{tail}(?!\w)", re.IGNORECASE)


def vague_terms(repo: Repository) -> list[tuple[re.Pattern[str], dict]]:
    """The committee's vague terms (mandat/vage-ord.yaml) as (matcher, entry)."""
    terms = []
    for record in repo.of_kind("vage-ord"):
        for item in record.data if isinstance(record.data, list) else []:
            word = item.get("ord") if isinstance(item, dict) else None
            if (isinstance(word, str) and len(word) <= 80 and _VAGUE_WORD.match(word)
                    and isinstance(item.get("hvorfor"), str) and isinstance(item.get("skriv_heller"), str)):
                terms.append((_word_pattern(word.strip()), item))
    return terms


@rule("tekst-vagt-ord", per_record=True)
def check_vague_terms(repo: Repository) -> Iterator[Finding]:
    """The `tekst` of a provision in force uses no term from the committee's list of vague
    terms (mandat/vage-ord.yaml); the warning says why the term is vague and what to write."""
    terms = vague_terms(repo)
    if not terms:
        return
    any_term = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in terms), re.IGNORECASE)
    for record in _active(repo, "tekst-vagt-ord"):
        text = record.text("tekst")
        if not text or not any_term.search(text):  # one pass first; most texts have none
            continue
        for pattern, item in terms:
            match = pattern.search(text)
            if match:
                yield make("tekst-vagt-ord", record.file, path=("tekst",), ids=[_ident(record)],
                           ord=" ".join(match.group(0).split()), hvorfor=item["hvorfor"].strip(),
                           skriv_heller=item["skriv_heller"].strip())


# Words that open a subordinate clause: «hvordan manglene skal dekkes» is part of one duty.
SUBORDINATORS = frozenset(("hvordan", "når", "hvem", "hva", "hvilken", "hvilket", "hvilke", "hvor", "om", "som",
                           "der", "hvis", "dersom", "at", "de", "den", "fordi", "slik", "mens", "før"))
_TOKENS = re.compile(r"\w+|[,;:.!?]")
_CLAUSE_ENDS = frozenset((",", ";", ":", ".", "!", "?", "og", "eller"))


def main_clauses(text: str, verb: str) -> int:
    """How often `verb` heads a main clause: occurrences not within four words after a
    subordinating word in the same clause (a clause ends at punctuation, «og» and «eller»)."""
    tokens = _TOKENS.findall(text.lower())
    count = 0
    for index, token in enumerate(tokens):
        if token != verb:
            continue
        subordinate = False
        for back in reversed(tokens[max(0, index - 4):index]):
            if back in _CLAUSE_ENDS:
                break
            if back in SUBORDINATORS:
                subordinate = True
                break
        count += not subordinate
    return count


def duties(text: str, verb: str) -> tuple[int, str] | None:
    """(count, how) when `text` bundles several duties: the verbal form heading more than one
    main clause, clauses with it separated by «;», or a list of two or more items. None for
    a single duty."""
    lowered = text.lower()
    if verb not in lowered:
        return None
    verbs = main_clauses(text, verb) if lowered.count(verb) > 1 else 1
    if verbs == 0:
        return None
    if verbs > 1:
        return verbs, f"«{verb}» innleder {verbs} hovedsetninger"
    items = len(_LIST_ITEM.findall(text))
    if items > 1:
        return items, f"en liste med {items} punkter"
    parts = [part for part in text.split(";") if part.strip()]
    if len(parts) > 1:
        return len(parts), "ledd skilt med «;»"
    return None


@rule("krav-flere-plikter", per_record=True)
def check_one_duty(repo: Repository) -> Iterator[Finding]:
    """A krav or anbefaling in force states one duty: its verbal form («skal», «bør») appears
    once, not in several clauses joined by «og» or «;», and the text holds no list of duties."""
    for record in _active(repo, "krav-flere-plikter"):
        kind, text = record.text("type"), record.text("tekst")
        if kind not in ("krav", "anbefaling") or not text:
            continue
        found = duties(text, VERB_OF[kind])
        if found is not None:
            yield make("krav-flere-plikter", record.file, path=("tekst",), ids=[_ident(record)],
                       antall=found[0], hvordan=found[1])


def normative_word(text: str) -> str | None:
    """The first «skal» or «må» heading a main clause of `text`, as written, or None. Working
    notes («må kontrolleres») and subordinate clauses («loven krever at barnet skal …», «for at
    medvirkningen skal være reell») report or explain a rule and do not count."""
    lowered = text.lower()
    if "skal" not in lowered and "må" not in lowered:
        return None
    for match in _NORMATIVE.finditer(text):
        before = text[:match.start()]
        if _heads_main_clause(before) and not _committee_speaking(before):
            return match.group(1)
    return None


# «Komiteen må ta stilling til …» is a note about the committee's own work, not a requirement.
_OWN_WORK = frozenset(("komiteen", "vi", "redaksjonen", "sekretariatet", "arbeidsgruppen", "prosjektet"))


def _committee_speaking(before: str) -> bool:
    tokens = _TOKENS.findall(before[-60:].lower())
    return bool(tokens) and tokens[-1] in _OWN_WORK


def _heads_main_clause(before: str) -> bool:
    """Whether a modal verb after the text `before` heads a main clause (see main_clauses)."""
    tokens = _TOKENS.findall(before[-200:].lower())
    for back in reversed(tokens[-4:]):
        if back in _CLAUSE_ENDS:
            return True
        if back in SUBORDINATORS:
            return False
    return True


@rule("krav-normativ-begrunnelse", per_record=True)
def check_rationale_not_normative(repo: Repository) -> Iterator[Finding]:
    """The `begrunnelse` and `merknad` of a provision in force do not use «skal» or «må» in a
    main clause (a requirement hidden in explanatory text). Reported rules («loven krever at
    barnet skal …»), working notes («må kontrolleres», allowed in `merknad`) and notes on the
    committee's own work («Komiteen må ta stilling til …») do not count."""
    for record in _active(repo, "krav-normativ-begrunnelse"):
        for field in ("begrunnelse", "merknad"):
            text = record.text(field)
            word = normative_word(text) if text else None
            if word:
                yield make("krav-normativ-begrunnelse", record.file, path=(field,), ids=[_ident(record)],
                           felt=field, ord=word)


@rule("tekst-arbeidsnotat", per_record=True)
def check_no_working_notes(repo: Repository) -> Iterator[Finding]:
    """Published fields hold no internal working notes («bør kontrolleres», «ikke verifisert»,
    «TODO»): those belong in `merknad`, which is never published."""
    for kind, fields in PUBLISHED_FIELDS.items():
        for record in repo.of_kind(kind):
            texts = [(field, text) for field in fields if (text := record.text(field))]
            # One cheap test over all of the record's fields first: nearly every record has no note.
            joined = "\n".join(text for _, text in texts).lower()
            if not any(hint in joined for hint in _NOTE_HINTS):
                continue
            for field, text in texts:
                match = WORKING_NOTES.search(text)
                if match:
                    yield make("tekst-arbeidsnotat", record.file, path=(field,), ids=[_ident(record)],
                               felt=field, uttrykk=" ".join(match.group(0).split()))


@rule("krav-gjentar-kilde", per_record=True)
def check_not_restating_law(repo: Repository) -> Iterator[Finding]:
    """The `tekst` of a provision in force does not just repeat its source: no «skal følge
    (oppfylle, overholde) … loven» and no moving reference «som til enhver tid følger av …»."""
    for record in _active(repo, "krav-gjentar-kilde"):
        text = record.text("tekst")
        phrase = restatement(text) if text else None
        if phrase:
            yield make("krav-gjentar-kilde", record.file, path=("tekst",), ids=[_ident(record)],
                       uttrykk=" ".join(phrase.split()))


@rule("krav-unntak-regel", per_record=True)
def check_exception_rules(repo: Repository) -> Iterator[Finding]:
    """Every `unntak` of a requirement or a source names a rule that records of its kind may be
    excepted from (see vocabulary.EXCEPTABLE)."""
    for kind, allowed in EXCEPTABLE_BY_KIND.items():
        for record in repo.of_kind(kind):
            for index, item in record.mappings("unntak"):
                value = item.get("regel")
                if isinstance(value, str) and value not in allowed:
                    yield make("krav-unntak-regel", record.file, path=("unntak", index, "regel"),
                               ids=[_ident(record)], verdi=value, forslag=forslag(value, allowed),
                               tillatte=oppramsing(allowed))
