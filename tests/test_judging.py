"""Judging requirements one by one, and from memory, changes nothing that `krav sjekk` reports.

The per-record rules (registry.RegisteredRule.per_record) are run on each requirement with the
others seen only as summaries (repository.Summary); `krav sjekk` remembers what they found per
file (cache.py) and judges again only what changed. These tests hold the rules to that contract
on every fixture and on the repository's own content, and check that every path of the check
(serial, parallel, judged while loading, judged in a forked child, from memory, after each kind
of change) gives exactly the findings of a plain run over full records.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from repotools import FIXTURES, ROOT, copy_repository, record_calls
from scripts import cache, check, loading
from scripts.cache import CACHE_DIR, DATA_FILE, FILES_FILE, STATUS_FILE
from scripts.check import RULES, run_rules
from scripts.loading import load_repository
from scripts.pipeline import check as checked_findings
from scripts.repository import NeedsRecord, Summary

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402
from test_perf_equivalence import PLANTED  # noqa: E402

PER_RECORD = [registered for registered in RULES if registered.per_record]


def plain(root: Path) -> list:
    """The findings of every rule over full records, with no cache and no splitting."""
    repo = load_repository(root, parallel=False)
    return repo.resolve([*repo.findings, *run_rules(repo)])


def planted_repository(target: Path, count: int = 120) -> Path:
    root = generate(target, count, seed=11, sources=30)
    for rel, content in PLANTED.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(content)
    # A finding in nearly every requirement: a requirement judged twice or not at all shows.
    (root / "mandat" / "vage-ord.yaml").write_text(
        "- ord: skal\n  hvorfor: er et testord.\n  skriv_heller: noe annet.\n", encoding="utf-8")
    return root


CONTRACT_CASES = [*sorted(p for p in (FIXTURES / "ugyldig").iterdir() if p.is_dir()),
                  *sorted(p for p in (FIXTURES / "gyldig").iterdir() if p.is_dir()), "eget-innhold", "plantet"]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return planted_repository(tmp_path_factory.mktemp("plantet") / "repo")


def case_root(case, planted: Path, tmp_path: Path) -> Path:
    if case == "eget-innhold":
        return copy_repository(ROOT, tmp_path / "eget")
    if case == "plantet":
        return planted
    return case


@pytest.mark.parametrize("case", CONTRACT_CASES, ids=lambda c: c if isinstance(c, str) else f"{c.parent.name}/{c.name}")
def test_per_record_rules_judge_each_requirement_on_its_own(case, planted: Path, tmp_path: Path) -> None:
    """What a per-record rule reports about a requirement, seeing only that one in full (the
    others as summaries), is exactly what it reports about it in a whole run; what it reports
    about records that are not requirements it reports whatever it judges (the check keeps
    that from one call only)."""
    repo = load_repository(case_root(case, planted, tmp_path), parallel=False)
    summary = repo.summarised()
    requirements = [record for record in repo.records if record.kind == "krav"]
    krav_files = {record.file for record in requirements}
    for registered in PER_RECORD:
        whole = defaultdict(list)
        for finding in registered.func(repo):
            whole[finding.file].append(finding)
        alone = defaultdict(list)
        try:
            for finding in registered.func(summary.judging([])):
                alone[finding.file].append(finding)
            for record in requirements:
                for finding in registered.func(summary.judging([record])):
                    if finding.file == record.file:
                        alone[finding.file].append(finding)
                    else:  # about a record that is not a requirement: already counted above
                        assert finding.file not in krav_files, (registered.func.__name__, finding)
        except NeedsRecord as missing:
            pytest.fail(f"{registered.func.__name__} read «{missing}» of another requirement: "
                        "it is not a per-record rule (or the field belongs in repository.SUMMARY_FIELDS)")
        assert dict(alone) == dict(whole), registered.func.__name__


def test_a_summary_refuses_every_other_field() -> None:
    summary = Summary({"id": "IK-001", "status": "forslag"})
    assert summary["id"] == "IK-001" and summary.get("status") == "forslag" and "id" in summary
    for attempt in (lambda: summary["tittel"], lambda: summary.get("tekst"), lambda: "lovhjemler" in summary,
                    lambda: list(summary), lambda: len(summary), lambda: summary.items()):
        with pytest.raises(NeedsRecord):
            attempt()


# --- Every path of `krav sjekk` against the plain run --------------------------------------


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def requirement(root: Path, number: int) -> Path:
    """The number-th generated requirement (the planted files are left as they are)."""
    return sorted(path for path in (root / "krav").rglob("*.yaml")
                  if path.relative_to(root).as_posix() not in PLANTED)[number]


def source(root: Path) -> Path:
    return sorted((root / "lovhjemler").rglob("*.yaml"))[0]


# Each change is applied to the repository as it stands after the previous ones.
CHANGES = {
    "rørt-uten-endring": lambda root: os.utime(requirement(root, 3)),
    "ukjent-lovhjemmel": lambda root: rewrite(requirement(root, 5), "lovhjemler: [", "lovhjemler: [finnes-ikke, "),
    "ny-tittel": lambda root: rewrite(requirement(root, 6), "tittel: ", "tittel: Endret "),
    "status-ugyldig": lambda root: rewrite(requirement(root, 7), "status: ", "status: utgått\n# var: "),
    "avhengighet-trukket": lambda root: withdraw_a_dependency(root),
    "lovhjemmel-endret": lambda root: source(root).write_bytes(source(root).read_bytes() + b"# endret\n"),
    "fil-fjernet": lambda root: requirement(root, 9).unlink(),
    "fil-lagt-til": lambda root: (root / "krav" / "internkontroll" / "IK-950.yaml").write_bytes(
        requirement(root, 10).read_bytes()),
    "samme-størrelse-og-tid": lambda root: same_size_and_time(requirement(root, 12)),
    "mange-endret": lambda root: [rewrite(requirement(root, n), "tittel: ", "tittel: Ny ") for n in range(20, 80)],
}


# The finding some changes bring (the others change no finding, or several).
SHOWS = {"ukjent-lovhjemmel": "krav-ukjent-lovhjemmel", "status-ugyldig": "skjema-verdi",
         "avhengighet-trukket": "relasjon-avhenger-trukket"}


def withdraw_a_dependency(root: Path) -> None:
    """Withdraw a requirement another depends on: only the other one's findings change (through
    the withdrawn one's summary)."""
    import re

    for path in (root / "krav").rglob("*.yaml"):
        found = re.search(r"type: avhenger_av\n\s+krav: (\S+)", path.read_text(encoding="utf-8"))
        if found and path.relative_to(root).as_posix() not in PLANTED:
            target = next((root / "krav").rglob(f"{found.group(1)}.yaml"))
            text = target.read_text(encoding="utf-8")
            target.write_text(re.sub(r"(?m)^status: \S+$", "status: trukket", text), encoding="utf-8")
            return
    raise AssertionError("the generated repository has no avhenger_av")


def same_size_and_time(path: Path) -> None:
    """An edit that keeps the size and the modification time (only the change time moves)."""
    info = path.stat()
    content = path.read_bytes()
    at = content.index(b"tekst: ") + len(b"tekst: ")
    path.write_bytes(content[:at] + (b"X" if content[at:at + 1] != b"X" else b"Y") + content[at + 1:])
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


@pytest.fixture()
def changing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Statuses are trusted at once here (a test runs faster than RACY_NS), and the forked
    # judge runs on this small repository too.
    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(check, "PARALLEL_MIN_REQUIREMENTS", 10)
    return planted_repository(tmp_path / "repo")


@pytest.mark.parametrize("parallel", [False, True], ids=["serielt", "parallelt"])
def test_every_change_gives_the_findings_of_a_plain_run(changing: Path, parallel: bool) -> None:
    root = changing
    expected = plain(root)
    assert {"yaml-syntaks", "krav-ukjent-lovhjemmel"} <= {f.rule for f in expected}
    assert checked_findings(root, parallel=parallel) == expected  # first run: judged while loading
    assert checked_findings(root, parallel=parallel) == expected  # full hit
    for name, change in CHANGES.items():
        change(root)
        before, expected = expected, plain(root)
        if name in SHOWS:  # the change is seen, and not only in the file changed
            assert sum(f.rule == SHOWS[name] for f in expected) > sum(f.rule == SHOWS[name] for f in before), name
        assert checked_findings(root, parallel=parallel) == expected, name
        assert checked_findings(root, use_cache=False, parallel=parallel) == expected, name
        assert checked_findings(root, parallel=parallel) == expected, name
    # After all those rewrites of the cache, every requirement judged again from its stored fields.
    source(root).write_bytes(source(root).read_bytes() + b"# til slutt\n")
    assert checked_findings(root, parallel=parallel) == plain(root)


def test_a_changed_requirement_is_the_only_one_judged_again(changing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked_findings(changing)
    # Judged by the main process (_run) or while loaded (ShareJudge.first).
    by_main = record_calls(monkeypatch, check, "_run",
                           lambda summary, requirements, *_, **__: [record.file for record in requirements])
    by_loader = record_calls(monkeypatch, check.ShareJudge, "first",
                             lambda judge, loaded: [item.rel for item in loaded if item.kind == "krav"])

    def judged() -> list[str]:
        return [rel for files in (*by_main, *by_loader) for rel in files]

    target = requirement(changing, 5)
    rewrite(target, "lovhjemler: [", "lovhjemler: [finnes-ikke, ")
    assert checked_findings(changing) == plain(changing)
    assert sorted(set(judged())) == [target.relative_to(changing).as_posix()]
    by_main.clear()
    by_loader.clear()
    source(changing).write_bytes(source(changing).read_bytes() + b"# endret\n")
    assert checked_findings(changing) == plain(changing)
    assert len(set(judged())) > 100  # a source changed: every requirement is judged again


def test_a_status_vouches_only_for_an_unchanged_file(changing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked_findings(changing)
    assert (changing / CACHE_DIR / STATUS_FILE).is_file()
    read = record_calls(monkeypatch, cache, "read_all", lambda root, listing: list(listing))
    target = requirement(changing, 4)
    same_size_and_time(target)
    assert checked_findings(changing) == plain(changing)
    assert [rel for listing in read for rel in listing] == [target.relative_to(changing).as_posix()]  # only it is read


def test_a_small_change_does_not_read_the_requirements_fields(changing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked_findings(changing)
    read = record_calls(monkeypatch, cache, "_read_json", lambda root, name: name)
    rewrite(requirement(changing, 5), "lovhjemler: [", "lovhjemler: [finnes-ikke, ")
    assert checked_findings(changing) == plain(changing)
    assert DATA_FILE not in read and FILES_FILE in read
    read.clear()
    source(changing).write_bytes(source(changing).read_bytes() + b"# endret\n")  # every requirement judged
    assert checked_findings(changing) == plain(changing)
    assert DATA_FILE in read


@pytest.mark.parametrize("damage", ["tom", "feil-form", "fremmed", "data-mangler", "data-fremmed"])
def test_a_damaged_or_foreign_cache_file_only_costs_time(changing: Path, damage: str, tmp_path: Path) -> None:
    checked_findings(changing)
    status = changing / CACHE_DIR / STATUS_FILE
    if damage == "data-mangler":
        (changing / CACHE_DIR / DATA_FILE).unlink()
    elif damage == "data-fremmed":  # another repository's fields under this cache's seal
        other = planted_repository(tmp_path / "annen")
        checked_findings(other)
        (changing / CACHE_DIR / DATA_FILE).write_bytes((other / CACHE_DIR / DATA_FILE).read_bytes())
    elif damage == "tom":
        status.write_bytes(b"")
    elif damage == "feil-form":
        entries = {"format": cache.FORMAT, "dir": cache._keyed("status", changing / CACHE_DIR),
                   "files": {rel: value for rel, value in zip(
                       [p.relative_to(changing).as_posix() for p in sorted((changing / "krav").rglob("*.yaml"))],
                       [7, [1], [None] * 6, ["a"] * 6, [0, 0, 0, 0, 0, "zz"]])}}
        status.write_text(cache.seal(__import__("json").dumps(entries)), encoding="utf-8")
    else:  # a status file from another copy of the repository says every file is unchanged
        other = planted_repository(tmp_path / "annen")
        checked_findings(other)
        status.write_bytes((other / CACHE_DIR / STATUS_FILE).read_bytes())
    rewrite(requirement(changing, 5), "lovhjemler: [", "lovhjemler: [finnes-ikke, ")
    assert checked_findings(changing) == plain(changing)
    source(changing).write_bytes(source(changing).read_bytes() + b"# endret\n")  # the fields are needed
    assert checked_findings(changing) == plain(changing)


def test_a_rule_that_breaks_the_contract_costs_time_not_correctness(changing: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule marked per-record that reads another requirement's title, or reports about another
    requirement, makes the check judge everything from full records: the same findings as a
    plain run, and nothing of that run remembered."""
    from scripts.findings import Finding
    from scripts.registry import RegisteredRule

    def reads_titles(repo):
        """Test rule: a requirement whose title equals another's."""
        titles = defaultdict(list)
        for record in repo.krav.values():
            titles[record.data.get("tittel") if isinstance(record.data, dict) else None].append(record)
        for record in repo.of_kind("krav"):
            if isinstance(record.data, dict) and len(titles.get(record.data.get("tittel"), ())) > 1:
                yield Finding("krav-dobbel-id", "error", record.file, None, None, "lik tittel", None, (), ())

    def blames_others(repo):
        """Test rule: reports about the next requirement, quoting the title of the one judged."""
        following = sorted(record.file for record in repo.krav.values())
        for record in repo.of_kind("krav"):
            at = following.index(record.file) + 1 if record.file in following else len(following)
            if at < len(following) and isinstance(record.data, dict):
                yield Finding("krav-dobbel-id", "error", following[at], None, None,
                              f"før den: {record.data.get('tittel')}", None, (), ())

    checked_findings(changing)
    for bad in (reads_titles, blames_others):
        monkeypatch.setattr(check, "RULES", check.Registry([*RULES, RegisteredRule(("krav-dobbel-id",), bad, True)]))
        monkeypatch.setattr(cache, "tool_digest", lambda: f"verktøyet med {bad.__name__}")  # as a new rule would
        assert checked_findings(changing) == plain(changing), bad.__name__  # everything judged at once
        rewrite(requirement(changing, 5), "tittel: ", "tittel: Igjen ")
        expected = plain(changing)
        assert checked_findings(changing) == expected, bad.__name__  # one requirement judged
        assert checked_findings(changing, parallel=True) == expected, bad.__name__
        assert checked_findings(changing, use_cache=False, parallel=True) == expected, bad.__name__
        monkeypatch.undo()
    assert checked_findings(changing) == plain(changing)
