"""`krav sjekk`: every rule the validator applies, and the function that runs them all.

A rule is one small function `check_…(repo) -> Iterator[Finding]` registered with `@rule`,
whose docstring states the rule in one or two sentences (shown on the generated rule page).
Rules never print and never raise for bad data: they read records through the tolerant
accessors of `Record` and yield findings built from the message catalogue.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Iterator

from ..findings import Finding
from ..registry import RegisteredRule, Registry, RuleFunc  # noqa: F401 - re-exported for the site
from ..loading import load_repository
from ..repository import NeedsOthers, NeedsRecord, Record, Repository, summarize, summary_record

RULES = Registry()
rule = RULES.rule  # @rule("rule-id", ...) registers a check function


def run_rules(repo: Repository) -> Iterator[Finding]:
    """Every rule over the repository as it is (full records everywhere): the plain way, used
    when a rule needed more than a summary (see repository.Summary) and by unit tests."""
    for registered in RULES:
        yield from registered.func(repo)


@dataclass
class Evaluation:
    """The findings of a check, and what the per-record rules found about each requirement
    judged in this run (by file; None when nothing of this run may be remembered)."""

    findings: list[Finding]
    judged: dict[str, list[Finding]] | None


@dataclass
class Prejudged:
    """What the per-record rules found about requirements judged while they were loaded (see
    `judge_share`): the files, the findings with the index of the rule that made each, and the
    rules that needed other requirements (they judge those files again once all are loaded)."""

    files: set[str]
    findings: list[tuple[int, Finding]]
    deferred: set[int]
    summaries: dict[str, dict | None]  # of the requirements judged (repository.summarize)

    @classmethod
    def of(cls, shares: list) -> "Prejudged":
        files: set[str] = set()
        findings: list[tuple[int, Finding]] = []
        deferred: set[int] = set()
        summaries: dict[str, dict | None] = {}
        for share in shares:
            if share is None:
                continue
            judged_files, found, needing, summarised = share
            files.update(judged_files)
            findings.extend((index, Finding(*fields)) for index, fields in found)
            deferred.update(needing)
            summaries.update(summarised)
        return cls(files, findings, deferred, summaries)


class ShareJudge:
    """The per-record rules run where the requirements are loaded (a loading.Judge), in two
    steps. First every rule over this share with the other requirements not loaded yet: a rule
    that looks one up raises NeedsOthers and waits. Once every share has told its summaries,
    the rules that waited run with every other requirement as its summary, exactly what they
    would see in the main process: when every requirement is being loaded (`final`); when some
    come from the cache, the shares cannot tell about those, so the rules that waited are left
    for the main process. Results are plain values (marshal carries them back):
    (files, [(rule index, finding fields)], [rule indexes left for the main process],
    {file: summary}), the summaries made here so that the main process need not make them."""

    def __init__(self, root, final: bool) -> None:
        self.root = root
        self.final = final  # every requirement is in one of the shares (see loading.Judge)
        self.context: list[Record] = []  # every record that is not a requirement (see begin)

    def begin(self, context: list) -> None:
        from ..loading import to_record

        self.context = [to_record(item) for item in context]

    def first(self, loaded: list) -> tuple[dict, tuple]:
        from ..loading import to_record

        requirements = [to_record(item) for item in loaded if item.kind == "krav"]
        view = Repository(self.root, [*self.context, *requirements], []).blind()
        keep = {record.file for record in requirements}
        found, deferred = [], []
        for index, registered in enumerate(RULES):
            if not registered.per_record:
                continue
            try:
                got = [f for f in registered.func(view) if f.file in keep]
            except NeedsOthers:
                deferred.append(index)
                continue
            found.extend((index, f.plain()) for f in got)
        told = {record.file: (summarize(record.data), record.valid) for record in requirements}
        return told, (view, requirements, found, deferred)

    def second(self, state: tuple, told: dict) -> tuple:
        view, requirements, found, deferred = state
        files = sorted(record.file for record in requirements)
        if deferred and requirements and self.final:
            try:
                found = found + self._waited(view, requirements, deferred, told)
                deferred = []
            except NeedsRecord:
                pass  # a rule needs more than summaries: the main process runs it on full records
        return files, found, deferred, {file: told[file][0] for file in files}

    @staticmethod
    def _waited(blind: Repository, requirements: list[Record], deferred: list[int], told: dict) -> list[tuple]:
        """The rules that waited, over this share, looking up every requirement as its summary,
        as Repository.summarised does in the main process: by id, the first file in file order
        wins; a file without an id is known by its name. A finding about another requirement
        breaks the per-record contract (NeedsRecord)."""
        krav: dict[str, Record] = {}
        unnamed: set[str] = set()
        for file, (summary, valid) in told.items():
            other = summary_record("krav", file, summary, valid)
            ident = other.id
            if ident is None:
                unnamed.add(other.stem)
            else:
                krav.setdefault(ident, other)
        view = copy.copy(blind)
        view.krav = krav
        view.unloaded = {**blind.unloaded, "krav": unnamed}
        judged = {record.file for record in requirements}
        rules = list(RULES)
        out = []
        for index in deferred:
            for finding in rules[index].func(view):
                if finding.file in judged:
                    out.append((index, finding.plain()))
                elif finding.file in told:
                    raise NeedsRecord(finding.file)
        return out


def check_repository(repo: Repository, remembered: dict[str, list[Finding]] | None = None, *,
                     parallel: bool | None = None) -> list[Finding]:
    """All findings for a loaded repository: loading, schema and every rule, sorted with root
    causes first (see Finding.sort_key), then by place."""
    return evaluate(repo, remembered, parallel=parallel).findings


def evaluate(repo: Repository, remembered: dict[str, list[Finding]] | None = None, *,
             prejudged: Prejudged | None = None, parallel: bool | None = None,
             summaries: dict[str, dict | None] | None = None) -> Evaluation:
    """Run every rule. Requirements loaded as summaries (`summary_only`) are not judged again:
    the per-record rules' findings about them come from `remembered` (by file); those judged
    while loading come from `prejudged`. `summaries` (by file) spares summarising again.

    Raises NeedsRecord when a rule needed more than a summary of a requirement that is loaded
    only as one (the caller loads the full records and calls again); with full records only,
    that case runs every rule the plain way instead.
    """
    try:
        return _evaluate(repo, remembered or {}, prejudged, parallel, summaries)
    except NeedsRecord:
        if any(record.summary_only for record in repo.records):
            raise
        return Evaluation(repo.resolve([*repo.findings, *run_rules(repo)]), None)


def _evaluate(repo: Repository, remembered: dict[str, list[Finding]], prejudged: Prejudged | None,
              parallel: bool | None, summaries: dict[str, dict | None] | None) -> Evaluation:
    summary = repo.summarised(summaries)
    per_record = [(index, registered) for index, registered in enumerate(RULES) if registered.per_record]
    early = prejudged.files if prejudged is not None else set()
    known = [record.file for record in repo.records if record.summary_only]
    requirements = [record for record in repo.records if record.kind == "krav" and not record.summary_only]
    fresh = [record for record in requirements if record.file not in early]
    judged_early = [record for record in requirements if record.file in early]
    local = _judge(summary, fresh, per_record, parallel)
    if early:
        later = [(index, registered) for index, registered in per_record if index in prejudged.deferred]
        waiting = [r.file for r in repo.records if r.summary_only and r.file in early] if later else []
        if waiting:  # judged in a worker that still holds the fields, and a rule is left for them
            raise NeedsRecord(waiting[0])
        local += [f for index, f in prejudged.findings if index not in prejudged.deferred]
        if later:
            local += _run(summary, judged_early, later, with_others=False)
    wide = [finding for registered in RULES if not registered.per_record for finding in registered.func(summary)]
    judged: dict[str, list[Finding]] = {record.file: [] for record in requirements}
    judged.update((file, []) for file in early if file not in judged)
    for finding in local:
        bucket = judged.get(finding.file)
        if bucket is not None:
            bucket.append(finding)
    kept = [finding for rel in known for finding in remembered.get(rel, ())]
    return Evaluation(repo.resolve([*repo.findings, *kept, *local, *wide]), judged)


def _run(summary: Repository, requirements: list[Record], rules: list[tuple[int, RegisteredRule]], *,
         with_others: bool) -> list[Finding]:
    """The per-record rules over `requirements` (and, `with_others`, over every record that is
    not a requirement: exactly one call per check does that). A finding about a requirement not
    being judged here breaks the per-record contract: NeedsRecord (the check runs the plain way)."""
    view = summary.judging(requirements)
    judged = {record.file for record in requirements}
    others = {record.file for record in summary.records if record.kind == "krav"} - judged
    out = []
    for _, registered in rules:
        for finding in registered.func(view):
            if finding.file in judged:
                out.append(finding)
            elif finding.file in others:
                raise NeedsRecord(finding.file)
            elif with_others:
                out.append(finding)
    return out


# --- The per-record rules on both cores -------------------------------------------------------
# When many requirements must be judged and were not judged while loading (the mandate or a
# source changed, so every remembered judgement is void), a forked child judges the first half
# while this process judges the rest (scripts/forking.py).

PARALLEL_MIN_REQUIREMENTS = 1000


def _judge(summary: Repository, requirements: list[Record], rules: list[tuple[int, RegisteredRule]],
           parallel: bool | None) -> list[Finding]:
    from ..forking import collect, fork_call
    from ..loading import use_parallel

    if len(requirements) < PARALLEL_MIN_REQUIREMENTS or not use_parallel(len(requirements), parallel):
        return _run(summary, requirements, rules, with_others=True)
    half = len(requirements) // 2
    first, rest = requirements[:half], requirements[half:]
    child = fork_call(lambda: _run_plain(summary, first, rules))
    own = _run(summary, rest, rules, with_others=True)
    ok, value = collect(child) if child is not None else (False, None)
    if not ok:  # the child failed in any way: judge its half here
        return _run(summary, first, rules, with_others=False) + own
    outcome, got = value
    if outcome == "needs":
        raise NeedsRecord(got)
    return [Finding(*fields) for fields in got] + own


def _run_plain(summary: Repository, requirements: list[Record], rules: list[tuple[int, RegisteredRule]]) -> tuple:
    """In the forked child: `_run` as plain values (marshal), a broken contract as ("needs", file)."""
    try:
        found = _run(summary, requirements, rules, with_others=False)
    except NeedsRecord as missing:
        return "needs", str(missing)
    return "ok", [f.plain() for f in found]


def check_path(root) -> tuple[Repository, list[Finding]]:
    repo = load_repository(root)
    return repo, check_repository(repo)


# Importing the rule modules registers their rules (order does not matter: output is sorted).
from . import basis, drafting, files, identity, legal, lifecycle, mandate, references, values  # noqa: E402,F401
from . import provenance, terms, wording  # noqa: E402,F401  (issue 10)
from . import applicability  # noqa: E402,F401 - gjelder_for (issue 13)
from . import utgaver  # noqa: E402,F401 - published drafts and comments
