"""Compare two repository states record by record: the classified changes of the standard.

`compare(base, head)` matches records by id (a requirement's, source's or term's id; an area's
or objective's id in the mandate; a parameter's name) and reports each record that was added,
changed, withdrawn (status → trukket) or deleted. Deleting a record is an error: ids are
permanent, so a record is withdrawn instead. A changed requirement's changes are classified
(see CODES); other kinds get field-level changes. Findings of `krav sjekk` and `krav analyser`
that appear or disappear between the two states are reported too.
"""

from __future__ import annotations

import datetime
import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..findings import FEIL, Finding
from ..repository import Record, Repository
from ..vocabulary import STRENGTH, VERB_OF, WITHDRAWN

# --- What the report is made of ------------------------------------------------------------------

ADDED, CHANGED, WITHDRAWN_ACTION, DELETED = "lagt-til", "endret", "trukket", "slettet"
ACTIONS = (ADDED, CHANGED, WITHDRAWN_ACTION, DELETED)
ACTION_NAMES = {ADDED: "Nye", CHANGED: "Endrede", WITHDRAWN_ACTION: "Trukne", DELETED: "Slettede"}

# Record kinds in the report, in the order it lists them, with Norwegian singular and plural.
KINDS = {"krav": ("bestemmelse", "bestemmelser"), "lovhjemmel": ("kilde", "kilder"), "term": ("term", "termer"),
         "område": ("område", "områder"), "mål": ("mål", "mål"), "parameter": ("parameter", "parametere"),
         "utgave": ("utgave", "utgaver"), "kommentar": ("kommentar", "kommentarer")}

# What to do instead of deleting a record of each kind (the hint of `endring-slettet`).
DELETION_ADVICE = {
    "krav": "gjenopprett filen og sett «status: trukket» (en etterfølger viser tilbake med en relasjon av typen «erstatter»)",
    "lovhjemmel": "gjenopprett filen; en kilde som ikke lenger gjelder, får «gyldig_til» og eventuelt «erstattet_av»",
    "term": "gjenopprett filen, og skriv i «merknad» hvis termen ikke lenger brukes",
    "område": "sett området tilbake i mandat/mandat.yaml; id-en og prefikset brukes av kravene i området",
    "mål": "sett målet tilbake i mandat/mandat.yaml; bestemmelser viser til det med id-en",
    "parameter": "sett parameteren tilbake i mandat/parametere.yaml; bestemmelser viser til den med navnet",
    "utgave": "gjenopprett filen; en publisert utgave endres eller slettes aldri (en rettelse er en ny utgave)",
    "kommentar": "gjenopprett filen; en mottatt kommentar slettes aldri, den får «behandling» i stedet",
}

# Every change class (the JSON `kode`), with the Norwegian label the text and Markdown use.
CODES = {
    "verbform-skjerpet": "Verbform skjerpet",
    "verbform-svekket": "Verbform svekket",
    "type-endret": "Type endret",
    "parameter-skjerpet": "Parametergrense skjerpet",
    "parameter-lempet": "Parametergrense lempet",
    "parameter-endret": "Parametergrense endret",
    "parameter-lagt-til": "Parametergrense lagt til",
    "parameter-fjernet": "Parametergrense fjernet",
    "parameter-enhet-endret": "Enhet endret",
    "hjemmel-lagt-til": "Hjemmel lagt til",
    "hjemmel-fjernet": "Hjemmel fjernet",
    "status-endret": "Status endret",
    "tekst-omformulert": "Tekst omformulert",
    "tittel-endret": "Tittel endret",
    "omrade-flyttet": "Flyttet til et annet område",
    "relasjon-lagt-til": "Relasjon lagt til",
    "relasjon-fjernet": "Relasjon fjernet",
    "fil-flyttet": "Filen er flyttet",
    "felt-lagt-til": "Felt lagt til",
    "felt-fjernet": "Felt fjernet",
    "felt-endret": "Felt endret",
    "ugyldig": "Posten kan ikke leses",
}


# A requirement change is editorial when it only touches these: the title, the file's place,
# or the informative fields (never part of what the provision requires).
EDITORIAL_CODES = frozenset({"tittel-endret", "fil-flyttet"})
INFORMATIVE_FIELDS = frozenset({"begrunnelse", "merknad", "foreslått_av"})


@dataclass(frozen=True)
class Change:
    """One classified change to a record's field. `detail` holds what the class needs:
    `ord` (word diff: [["=" | "-" | "+", text], ...]) for reworded text, `navn`, `grense` and
    `enhet` for a parameter bound, `lagt_til`/`fjernet` for list fields."""

    code: str  # a key of CODES
    field: str  # the record field it concerns
    old: Any = None
    new: Any = None
    detail: dict = field(default_factory=dict)


@dataclass
class RecordChange:
    kind: str  # a key of KINDS
    id: str
    action: str  # one of ACTIONS
    file: str | None  # where the record is in HEAD (None when deleted)
    base_file: str | None  # where it was in BASE (None when added)
    title: str | None
    changes: list[Change] = field(default_factory=list)

    @property
    def normative(self) -> bool | None:
        """For a requirement: whether the change alters what the standard requires, recommends
        or permits (new, withdrawn, deleted, or any change beyond title, place and informative
        fields). None for other kinds."""
        if self.kind != "krav":
            return None
        if self.action != CHANGED:
            return True
        return any(not (c.code in EDITORIAL_CODES or (c.code.startswith("felt-") and c.field in INFORMATIVE_FIELDS))
                   for c in self.changes)

    @property
    def level(self) -> str | None:
        """"feil" for a deletion (ids are permanent; withdraw instead), else None."""
        return FEIL if self.action == DELETED else None


@dataclass
class ChangeReport:
    base: str  # how the user named BASE ("main", "HEAD~1")
    head: str | None  # how the user named HEAD; None = the working tree
    base_commit: str | None
    head_commit: str | None
    records: list[RecordChange]
    introduced: list[Finding]  # findings in HEAD, not in BASE
    resolved: list[Finding]  # findings in BASE, gone in HEAD
    findings_compared: bool = True

    @property
    def errors(self) -> list[RecordChange]:
        return [r for r in self.records if r.level == FEIL]

    def error_findings(self) -> list[Finding]:
        """One `endring-slettet` finding per deleted record (the report's errors as findings)."""
        from ..findings import make

        return [make("endring-slettet", r.base_file, None, None, ids=[r.id], art=KINDS[r.kind][0].capitalize(), id=r.id,
                     rad=DELETION_ADVICE[r.kind]) for r in self.errors]

    def of(self, kind: str | None = None, action: str | None = None) -> list[RecordChange]:
        return [r for r in self.records if (kind is None or r.kind == kind) and (action is None or r.action == action)]

    def counts(self) -> dict[str, dict[str, int]]:
        """{kind: {action: n}} for every kind and action (zeros included: a stable shape)."""
        table = {kind: {action: 0 for action in ACTIONS} for kind in KINDS}
        for record in self.records:
            table[record.kind][record.action] += 1
        return table

    def by_code(self) -> dict[str, list[str]]:
        """{change code: ids of the requirements with that change}, in CODES order."""
        found: dict[str, list[str]] = {}
        for record in self.records:
            if record.kind == "krav":
                for change in record.changes:
                    ids = found.setdefault(change.code, [])
                    if record.id not in ids:
                        ids.append(record.id)
        return {code: found[code] for code in CODES if code in found}

    @property
    def empty(self) -> bool:
        return not self.records and not self.introduced and not self.resolved


# --- Word diff -------------------------------------------------------------------------------------

def word_diff(old: str, new: str) -> list[list[str]]:
    """[[op, text], ...] with op "=" (kept), "-" (removed) or "+" (added), word by word."""
    a, b = old.split(), new.split()
    ops: list[list[str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(["=", " ".join(a[i1:i2])])
            continue
        if i2 > i1:
            ops.append(["-", " ".join(a[i1:i2])])
        if j2 > j1:
            ops.append(["+", " ".join(b[j1:j2])])
    return ops


# --- Requirements -------------------------------------------------------------------------------

_HANDLED = ("id", "tittel", "område", "type", "tekst", "lovhjemler", "parametere", "relasjoner", "status")


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _number(value: object) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _type_change(old: object, new: object) -> Change:
    detail = {}
    if not (isinstance(old, str) and isinstance(new, str)):  # a malformed type is shown as it is
        return Change("type-endret", "type", old, new, detail)
    if old in VERB_OF and new in VERB_OF:
        detail = {"verbform_før": VERB_OF[old], "verbform_etter": VERB_OF[new]}
    if old in STRENGTH and new in STRENGTH:
        code = "verbform-skjerpet" if STRENGTH[new] > STRENGTH[old] else "verbform-svekket"
        return Change(code, "type", old, new, detail)
    return Change("type-endret", "type", old, new, detail)


def _bounds(value: object) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and isinstance(item.get("navn"), str):
                out.setdefault(item["navn"], []).append(item)
    return out


def _bound_direction(bound: str, old: object, new: object) -> str:
    """skjerpet (stricter), lempet (looser) or endret, for one of min / maks / lik."""
    o, n = _number(old), _number(new)
    if (old is not None and o is None) or (new is not None and n is None):
        return "parameter-endret"
    if bound == "lik":
        if o is None:
            return "parameter-skjerpet"  # an exact value where there was none
        if n is None:
            return "parameter-lempet"
        return "parameter-endret"
    if o is None:
        return "parameter-skjerpet"  # a new lower or upper bound
    if n is None:
        return "parameter-lempet"
    stricter = n > o if bound == "min" else n < o
    return "parameter-skjerpet" if stricter else "parameter-lempet"


def _parameter_changes(old: object, new: object) -> list[Change]:
    changes = []
    before, after = _bounds(old), _bounds(new)
    for name in sorted(set(before) | set(after)):
        olds, news = before.get(name, []), after.get(name, [])
        for index in range(max(len(olds), len(news))):
            o = olds[index] if index < len(olds) else None
            n = news[index] if index < len(news) else None
            if o == n:
                continue
            unit = (n or o or {}).get("enhet")
            if o is None or n is None:
                item = n if o is None else o
                values = {k: item[k] for k in ("min", "maks", "lik") if k in item}
                code = "parameter-lagt-til" if o is None else "parameter-fjernet"
                changes.append(Change(code, "parametere", None if o is None else values, None if n is None else values,
                                      {"navn": name, "enhet": unit}))
                continue
            if o.get("enhet") != n.get("enhet"):
                changes.append(Change("parameter-enhet-endret", "parametere", o.get("enhet"), n.get("enhet"),
                                      {"navn": name}))
            for bound in ("min", "maks", "lik"):
                ob, nb = o.get(bound), n.get(bound)
                if ob == nb and type(ob) is type(nb):
                    continue
                changes.append(Change(_bound_direction(bound, ob, nb), "parametere", ob, nb,
                                      {"navn": name, "grense": bound, "enhet": unit}))
    return changes


def _relations(value: object) -> list[tuple[str, str]]:
    out = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                pair = (str(item.get("type")), str(item.get("krav")))
                if pair not in out:
                    out.append(pair)
    return out


def _list_changes(added_code: str, removed_code: str, field_name: str, old: list, new: list,
                  detail_of=lambda v: {}) -> list[Change]:
    """One change per item removed from or added to a list field (relations: the target id is
    the value, the relation type is in `detail`)."""
    gone = [v for v in old if v not in new]
    came = [v for v in new if v not in old]
    value = (lambda v: v[1]) if field_name == "relasjoner" else (lambda v: v)
    return ([Change(removed_code, field_name, value(v), None, detail_of(v)) for v in gone]
            + [Change(added_code, field_name, None, value(v), detail_of(v)) for v in came])


def _field_changes(old: dict, new: dict, skip: Iterable[str] = ()) -> list[Change]:
    """Generic changes for every field not in `skip`, in the order the fields appear."""
    changes = []
    skipped = set(skip)
    names = [k for k in old if k not in skipped] + [k for k in new if k not in skipped and k not in old]
    for name in names:
        in_old, in_new = name in old, name in new
        o, n = old.get(name), new.get(name)
        if in_old and in_new and o == n and type(o) is type(n):
            continue
        if not in_old:
            changes.append(Change("felt-lagt-til", name, None, n))
        elif not in_new:
            changes.append(Change("felt-fjernet", name, o, None))
        elif isinstance(o, str) and isinstance(n, str):
            changes.append(Change("felt-endret", name, o, n, {"ord": word_diff(o, n)}))
        elif isinstance(o, list) and isinstance(n, list):
            changes.append(Change("felt-endret", name, o, n, {"lagt_til": [v for v in n if v not in o],
                                                              "fjernet": [v for v in o if v not in n]}))
        else:
            changes.append(Change("felt-endret", name, o, n))
    return changes


def requirement_changes(old: dict, new: dict) -> list[Change]:
    """The classified changes between two versions of one requirement, in a fixed order."""
    changes: list[Change] = []
    if old.get("status") != new.get("status"):
        changes.append(Change("status-endret", "status", old.get("status"), new.get("status")))
    if old.get("type") != new.get("type"):
        changes.append(_type_change(old.get("type"), new.get("type")))
    if old.get("område") != new.get("område"):
        changes.append(Change("omrade-flyttet", "område", old.get("område"), new.get("område")))
    for name, code in (("tittel", "tittel-endret"), ("tekst", "tekst-omformulert")):
        o, n = old.get(name), new.get(name)
        if o != n:
            detail = {"ord": word_diff(o, n)} if isinstance(o, str) and isinstance(n, str) else {}
            changes.append(Change(code, name, o, n, detail))
    changes += _parameter_changes(old.get("parametere"), new.get("parametere"))
    changes += _list_changes("hjemmel-lagt-til", "hjemmel-fjernet", "lovhjemler",
                             _strings(old.get("lovhjemler")), _strings(new.get("lovhjemler")))
    changes += _list_changes("relasjon-lagt-til", "relasjon-fjernet", "relasjoner",
                             _relations(old.get("relasjoner")), _relations(new.get("relasjoner")),
                             lambda pair: {"type": pair[0], "krav": pair[1]})
    changes += _field_changes(old, new, skip=_HANDLED)
    if old.get("id") != new.get("id"):
        changes.append(Change("felt-endret", "id", old.get("id"), new.get("id")))
    return changes


# --- Matching records ----------------------------------------------------------------------------

def _title(kind: str, data: object, ident: str | None = None) -> str | None:
    """What a reader recognises the record by (None when that would only repeat the id)."""
    if not isinstance(data, dict):
        return None
    keys = {"lovhjemmel": (), "parameter": ("beskrivelse",), "term": ("definisjon",),
            "mål": ("tekst",), "område": ("navn",), "utgave": ("betegnelse",),
            "kommentar": ("kommentar",)}.get(kind, ("tittel",))
    if kind == "lovhjemmel":
        name = data.get("korttittel") if isinstance(data.get("korttittel"), str) else data.get("tittel")
        short = " ".join(v for v in (name, data.get("paragraf")) if isinstance(v, str))
        if short:
            return short
        keys = ("tittel",)
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value != ident:
            return value
    return None


def _by_id(records: list[Record]) -> dict[str, Record]:
    """Records by id, falling back to the file name for a record whose id cannot be read (a
    file broken in HEAD is a changed record, not a deleted one). Comments repeat ids across
    drafts, so they are keyed «<utgave>/<id>» like `Repository.kommentarer`."""
    out: dict[str, Record] = {}
    for record in records:
        key = record.id or record.stem
        out.setdefault(f"{record.folder}/{key}" if record.kind == "kommentar" else key, record)
    return out


def _compare_records(kind: str, base: dict[str, Record], head: dict[str, Record]) -> list[RecordChange]:
    out = []
    for ident in sorted(set(base) | set(head)):
        old, new = base.get(ident), head.get(ident)
        if new is None:
            out.append(RecordChange(kind, ident, DELETED, None, old.file, _title(kind, old.data, ident)))
            continue
        if old is None:
            out.append(RecordChange(kind, ident, ADDED, new.file, None, _title(kind, new.data, ident)))
            continue
        if old.data == new.data and old.file == new.file:
            continue
        title = _title(kind, new.data, ident) or _title(kind, old.data, ident)
        if not isinstance(new.data, dict) or not isinstance(old.data, dict):
            if old.data != new.data:
                out.append(RecordChange(kind, ident, CHANGED, new.file, old.file, title,
                                        [Change("ugyldig", "", None, None, {"før_lesbar": isinstance(old.data, dict),
                                                                           "etter_lesbar": isinstance(new.data, dict)})]))
            continue
        changes = requirement_changes(old.data, new.data) if kind == "krav" else _field_changes(old.data, new.data)
        if old.file != new.file:
            changes.append(Change("fil-flyttet", "", old.file, new.file))
        action = CHANGED
        if kind == "krav" and new.data.get("status") == WITHDRAWN and old.data.get("status") != WITHDRAWN:
            action = WITHDRAWN_ACTION
        out.append(RecordChange(kind, ident, action, new.file, old.file, title, changes))
    return out


def _compare_entries(kind: str, file: str, base: dict[str, dict], head: dict[str, dict]) -> list[RecordChange]:
    """Areas, objectives and parameters: entries inside one file, matched by id or name."""
    out = []
    for ident in sorted(set(base) | set(head)):
        old, new = base.get(ident), head.get(ident)
        if new is None:
            out.append(RecordChange(kind, ident, DELETED, None, file, _title(kind, old, ident)))
        elif old is None:
            out.append(RecordChange(kind, ident, ADDED, file, None, _title(kind, new, ident)))
        elif old != new:
            out.append(RecordChange(kind, ident, CHANGED, file, file, _title(kind, new, ident), _field_changes(old, new)))
    return out


def compare_records(base: Repository, head: Repository) -> list[RecordChange]:
    from ..vocabulary import MANDAT_FILE, PARAMETERE_FILE

    out: list[RecordChange] = []
    for kind in ("krav", "lovhjemmel", "term"):
        out += _compare_records(kind, _by_id(base.of_kind(kind)), _by_id(head.of_kind(kind)))
    out += _compare_entries("område", MANDAT_FILE, base.areas, head.areas)
    out += _compare_entries("mål", MANDAT_FILE, base.objectives, head.objectives)
    out += _compare_entries("parameter", PARAMETERE_FILE, base.parameters, head.parameters)
    for kind in ("utgave", "kommentar"):
        out += _compare_records(kind, _by_id(base.of_kind(kind)), _by_id(head.of_kind(kind)))
    return out


# --- Findings --------------------------------------------------------------------------------------

def findings_of(repo: Repository, dato: datetime.date | None = None) -> list[Finding]:
    """Every finding of `krav sjekk` and `krav analyser` for one state."""
    from ..pipeline import analyse, check_loaded

    return check_loaded(repo) + analyse(repo, dato).findings


def _key(finding: Finding) -> tuple:
    return (finding.rule, finding.level, finding.file, finding.message, finding.ids)


def finding_delta(before: list[Finding], after: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(introduced, resolved): findings in `after` beyond those in `before`, and the reverse.
    Findings are matched on rule, file, message and ids, not line, so an edit higher up in a
    file does not make every finding below it new."""
    def surplus(one: list[Finding], other: list[Finding]) -> list[Finding]:
        left = Counter(_key(f) for f in other)
        out = []
        for finding in one:
            key = _key(finding)
            if left[key]:
                left[key] -= 1
            else:
                out.append(finding)
        return out

    return surplus(after, before), surplus(before, after)


# --- The report ------------------------------------------------------------------------------------

def compare(base: Repository, head: Repository, *, findings: bool = True, dato: datetime.date | None = None,
            base_name: str = "BASE", head_name: str | None = None,
            base_findings: list[Finding] | None = None, head_findings: list[Finding] | None = None) -> ChangeReport:
    """The change report from `base` to `head` (two loaded repositories)."""
    records = compare_records(base, head)
    introduced: list[Finding] = []
    resolved: list[Finding] = []
    if findings:
        dato = dato or datetime.date.today()
        before = base_findings if base_findings is not None else findings_of(base, dato)
        after = head_findings if head_findings is not None else findings_of(head, dato)
        introduced, resolved = finding_delta(before, after)
    return ChangeReport(base_name, head_name, getattr(base, "revision", None), getattr(head, "revision", None),
                        records, introduced, resolved, findings)
