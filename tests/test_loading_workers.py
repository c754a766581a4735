"""The loading workers: chunks claimed from a pipe, judging in two steps, fields sent last.

Whatever a worker does (finishes, dies before or after telling the others, sends garbage, tells
something its files do not say, never sends its fields), the check gives exactly the findings
of a plain run, and a first run's cache holds every requirement's fields.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from scripts import loading
from scripts.cache import CACHE_DIR, DATA_FILE
from scripts.pipeline import check as checked_findings
from test_judging import plain, planted_repository

if not loading.use_parallel(10, True):  # pragma: no cover - platforms without fork
    pytest.skip("no fork on this platform", allow_module_level=True)


@pytest.fixture(scope="module")
def source_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = planted_repository(tmp_path_factory.mktemp("arbeidere") / "repo", count=260)
    # Relations to requirements in other chunks: the rules that wait for the others have work.
    extra = root / "krav" / "internkontroll" / "IK-960.yaml"
    extra.write_text(
        "id: IK-960\ntittel: Viser til andre\nområde: internkontroll\ntype: krav\n"
        "tekst: Institusjonen skal ha rutiner.\nutover_lov: true\nverifisering: [intervju]\n"
        "relasjoner:\n  - type: avhenger_av\n    krav: IK-001\n  - type: avhenger_av\n    krav: IK-999\n"
        "status: forslag\n", encoding="utf-8")
    return root


@pytest.fixture()
def repo(source_repo: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "repo"
    shutil.copytree(source_repo, target)
    return target


@pytest.fixture(scope="module")
def expected(source_repo: Path) -> list:
    found = plain(source_repo)
    assert {"krav-ukjent-relasjon", "yaml-syntaks", "krav-ukjent-lovhjemmel"} <= {f.rule for f in found}
    return found


def stored_fields(root: Path) -> dict:
    content = (root / CACHE_DIR / DATA_FILE).read_bytes()
    return json.loads(content.partition(b"\n")[2])["files"]


def serial_fields(root: Path) -> dict:
    loaded = loading.load_files(root, [(rel, "krav") for rel in sorted(stored_fields(root))], parallel=False)
    return {item.rel: item.data for item in loaded}


def test_a_first_run_in_workers_gives_the_plain_findings_and_stores_every_field(repo: Path, expected: list,
                                                                                monkeypatch) -> None:
    monkeypatch.setattr(loading, "MIN_CHUNK_FILES", 5)  # many chunks, so both sides claim some
    claimed = []
    original = loading._load_claimed

    def counting(*args):
        got = original(*args)
        claimed.append(got[0])
        return got

    monkeypatch.setattr(loading, "_load_claimed", counting)
    assert checked_findings(repo, parallel=True) == expected
    assert claimed and claimed[0]  # this process claimed chunks (the child's count is its own)
    fields = stored_fields(repo)
    assert len(fields) > 250
    assert {rel: entry[1] for rel, entry in fields.items()} == serial_fields(repo)
    assert checked_findings(repo, parallel=True) == expected  # and the cache answers the same


def _crash(stage: str):
    """A replacement for loading._work that fails at `stage` (it runs in the forked child)."""
    original = loading._work

    def work(root, chunks, tokens, contents, judge, channel, context_fd=None):
        if stage == "før-fortalt":
            loading._load_claimed(root, chunks, tokens, contents)
            os._exit(3)
        if stage == "søppel":
            loading._load_claimed(root, chunks, tokens, contents)
            channel.send(("ikke", "dette"))
            return

        class Failing:
            def __init__(self, inner):
                self.inner = inner

            def send(self, value):
                sent.append(value)
                if stage == "feil-fortalt" and len(sent) == 1:
                    claimed, told = value
                    value = (claimed, {rel: ({"id": "FEIL"}, True) for rel in told})
                if stage == "uten-felter" and len(sent) == 3:
                    os._exit(4)
                self.inner.send(value)
                if stage == "etter-fortalt" and len(sent) == 1:
                    self.inner.receive()
                    os._exit(5)
                if stage == "feil-fortalt" and len(sent) == 1:
                    self.inner.receive()
                    os._exit(6)

            def receive(self):
                return self.inner.receive()

        sent: list = []
        original(root, chunks, tokens, contents, judge, Failing(channel), context_fd)

    return work


@pytest.mark.parametrize("stage", ["før-fortalt", "søppel", "etter-fortalt", "feil-fortalt", "uten-felter"])
def test_a_failing_worker_changes_nothing(repo: Path, expected: list, stage: str, monkeypatch) -> None:
    monkeypatch.setattr(loading, "MIN_CHUNK_FILES", 5)
    monkeypatch.setattr(loading, "_work", _crash(stage))
    assert checked_findings(repo, parallel=True) == expected
    assert {rel: entry[1] for rel, entry in stored_fields(repo).items()} == serial_fields(repo)
    monkeypatch.undo()
    assert checked_findings(repo, parallel=True) == expected  # from the cache that run wrote


def test_without_the_cache_the_workers_fields_are_taken_back(repo: Path, expected: list, monkeypatch) -> None:
    monkeypatch.setattr(loading, "MIN_CHUNK_FILES", 5)
    assert checked_findings(repo, parallel=True, use_cache=False) == expected
    assert not (repo / CACHE_DIR).exists()


def test_plain_loading_in_workers_equals_serial_loading(repo: Path, monkeypatch) -> None:
    monkeypatch.setattr(loading, "MIN_CHUNK_FILES", 5)
    serial = loading.load_repository(repo, parallel=False)
    parallel = loading.load_repository(repo, parallel=True)
    assert [(r.file, r.data, r.raw, r.valid) for r in parallel.records] == \
        [(r.file, r.data, r.raw, r.valid) for r in serial.records]
    monkeypatch.setattr(loading, "_work", _crash("før-fortalt"))
    crashed = loading.load_repository(repo, parallel=True)
    assert [(r.file, r.data) for r in crashed.records] == [(r.file, r.data) for r in serial.records]


def test_no_worker_is_left_behind(repo: Path, monkeypatch) -> None:
    from scripts import forking

    monkeypatch.setattr(loading, "MIN_CHUNK_FILES", 5)
    for _ in range(3):
        checked_findings(repo, parallel=True)
        (repo / CACHE_DIR / "sjekk.json").unlink()
    import time

    deadline = time.monotonic() + 10
    while forking._unreaped and time.monotonic() < deadline:
        time.sleep(0.05)
        forking.reap_finished()
    assert not forking._unreaped


def test_releasing_a_worker_twice_closes_nothing_else(tmp_path: Path) -> None:
    from scripts import forking

    worker = forking.fork_worker(lambda channel: channel.send(channel.receive() + 1))
    assert worker is not None
    assert forking.send(worker, 41) and forking.receive(worker) == (True, 42)
    forking.release(worker)
    with open(tmp_path / "annen", "w", encoding="utf-8") as other:  # may get one of the numbers
        forking.release(worker)
        other.write("fortsatt åpen")
    assert (tmp_path / "annen").read_text(encoding="utf-8") == "fortsatt åpen"
