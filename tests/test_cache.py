"""The `krav sjekk` cache: a hit returns exactly the fresh result, and nothing is ever stale."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from repotools import record_calls
from scripts import cache, loading
from scripts.cache import CACHE_DIR, FILES_FILE, RESULT_FILE
from scripts.pipeline import check as checked_findings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from generate import generate  # noqa: E402


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return generate(tmp_path / "repo", 40, seed=3, sources=20)


def fresh(root: Path) -> list:
    return checked_findings(root, use_cache=False)


def rules_of(findings: list) -> set[tuple[str, str | None]]:
    return {(f.rule, f.file) for f in findings}


def first_requirement(root: Path) -> Path:
    return sorted((root / "krav" / "internkontroll").glob("*.yaml"))[0]


def forbid_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to load records fail: only a full cache hit can answer."""

    def refuse(*args, **kwargs):
        raise AssertionError("a full cache hit must not load any record")

    monkeypatch.setattr(loading, "load_files", refuse)
    monkeypatch.setattr(loading, "load_files_judged", refuse)


def test_second_run_is_a_hit_with_identical_findings(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "krav" / "internkontroll" / "notat.txt").write_text("x", encoding="utf-8")  # one finding
    first = checked_findings(repo)
    assert first and first == fresh(repo)
    assert (repo / CACHE_DIR / RESULT_FILE).is_file()
    forbid_loading(monkeypatch)
    assert checked_findings(repo) == first


def test_touch_without_change_is_still_a_hit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = checked_findings(repo)
    os.utime(first_requirement(repo))
    forbid_loading(monkeypatch)
    assert checked_findings(repo) == first


def test_edit_with_same_size_and_mtime_is_seen(repo: Path) -> None:
    assert checked_findings(repo) == []
    path = first_requirement(repo)
    before = path.stat()
    content = path.read_bytes()
    assert b"utover_lov: false" in content
    path.write_bytes(content.replace(b"utover_lov: false", b"utover_lov: fakse"))  # same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    result = checked_findings(repo)
    assert result == fresh(repo)
    assert any(f.file == path.relative_to(repo).as_posix() and f.rule.startswith("skjema") for f in result)
    # And back again: the original content gives the original (empty) result.
    path.write_bytes(content)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert checked_findings(repo) == []


def test_added_misplaced_file_is_seen(repo: Path) -> None:
    assert checked_findings(repo) == []
    (repo / "krav" / "internkontroll" / "IK-900.yml").write_text("id: IK-900\n", encoding="utf-8")
    result = checked_findings(repo)
    assert ("fil-plassering", "krav/internkontroll/IK-900.yml") in rules_of(result)
    assert result == fresh(repo)


def test_removed_file_is_seen(repo: Path) -> None:
    assert checked_findings(repo) == []
    cited = next(iter(loading.load_repository(repo).krav.values())).items("lovhjemler")[0]
    source = next(repo.glob(f"lovhjemler/*/{cited}.yaml"))
    source.unlink()
    result = checked_findings(repo)
    assert any(f.rule == "krav-ukjent-lovhjemmel" for f in result)
    assert result == fresh(repo)


def test_renamed_file_is_seen(repo: Path) -> None:
    assert checked_findings(repo) == []
    path = first_requirement(repo)
    path.rename(path.with_name("IK-999.yaml"))
    result = checked_findings(repo)
    assert ("id-filnavn", "krav/internkontroll/IK-999.yaml") in rules_of(result)
    assert result == fresh(repo)


def test_partial_hit_reuses_unchanged_files(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked_findings(repo)
    path = first_requirement(repo)
    path.write_bytes(path.read_bytes() + b"# en kommentar\n")
    expected = fresh(repo)
    loaded_fresh = record_calls(monkeypatch, loading, "load_content", lambda rel, *_: rel)
    assert checked_findings(repo) == expected
    assert loaded_fresh == [path.relative_to(repo).as_posix()]


def read_cache(path: Path) -> dict:
    payload = cache.unseal(path.read_bytes())
    assert payload is not None, "the stored checksum must match what the tool wrote"
    return json.loads(payload)


def write_cache(path: Path, value: dict) -> None:
    """Forge a cache file with a valid checksum: only the key can then reject it."""
    path.write_text(cache.seal(json.dumps(value)), encoding="utf-8")


@pytest.mark.parametrize("damage", [b"", b"{not json", b"\xff\xfe\x00", b'{"format": 1, "key": 5}',
                                    b'{"format": 1, "files": {"krav/x.yaml": [1, 2]}, "tool": "x"}',
                                    b"[" * 100000])
def test_corrupt_cache_is_ignored_and_rebuilt(repo: Path, damage: bytes) -> None:
    (repo / "krav" / "internkontroll" / "notat.txt").write_text("x", encoding="utf-8")
    expected = checked_findings(repo)
    for name in (RESULT_FILE, FILES_FILE):
        (repo / CACHE_DIR / name).write_bytes(damage)
    assert checked_findings(repo) == expected
    stored = read_cache(repo / CACHE_DIR / RESULT_FILE)
    assert stored["format"] == cache.FORMAT  # rebuilt
    assert checked_findings(repo) == expected


def test_forged_findings_with_wrong_key_are_ignored(repo: Path) -> None:
    (repo / "krav" / "internkontroll" / "notat.txt").write_text("x", encoding="utf-8")
    expected = checked_findings(repo)
    stored_path = repo / CACHE_DIR / RESULT_FILE
    stored = read_cache(stored_path)
    stored["key"] = "0" * 32
    stored["findings"] = []
    write_cache(stored_path, stored)
    assert checked_findings(repo) == expected


def test_hand_edited_cache_fails_its_checksum_and_is_recomputed(repo: Path) -> None:
    """Findings edited in the stored file (key left alone) are never served: the checksum catches it."""
    (repo / "krav" / "internkontroll" / "notat.txt").write_text("x", encoding="utf-8")
    expected = checked_findings(repo)
    assert expected
    stored_path = repo / CACHE_DIR / RESULT_FILE
    content = stored_path.read_bytes()
    header, _, payload = content.partition(b"\n")
    edited = json.loads(payload)
    edited["findings"] = []
    stored_path.write_bytes(header + b"\n" + json.dumps(edited).encode())
    assert checked_findings(repo) == expected


def test_cache_copied_with_the_repository_is_not_trusted(repo: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder that arrives with the files (committed, copied) cannot vouch for them."""
    checked_findings(repo)
    copy = tmp_path / "kopi"
    shutil.copytree(repo, copy)
    path = first_requirement(copy)
    rel = path.relative_to(copy).as_posix()
    # Forge: make a file invalid, and make the copied cache claim that its (new) content is valid.
    bad = path.read_bytes().replace(b"status: ", b"status: ugyldig-")
    path.write_bytes(bad)
    files_path = copy / CACHE_DIR / FILES_FILE
    stored = read_cache(files_path)
    stored["files"][rel][1] = loading.digest_bytes(bad).hex()
    write_cache(files_path, stored)
    result = checked_findings(copy)
    assert any(f.rule.startswith("skjema") and f.file == rel for f in result)
    assert result == fresh(copy)


def test_unwritable_cache_folder_is_skipped(repo: Path) -> None:
    (repo / CACHE_DIR).write_text("ikke en mappe", encoding="utf-8")  # mkdir fails
    (repo / "krav" / "internkontroll" / "notat.txt").write_text("x", encoding="utf-8")
    expected = fresh(repo)
    assert checked_findings(repo) == expected
    assert checked_findings(repo) == expected


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_checkout_works(repo: Path) -> None:
    expected = fresh(repo)
    modes = {}
    for folder in [repo, *[p for p in repo.rglob("*") if p.is_dir()]]:
        modes[folder] = folder.stat().st_mode
        folder.chmod(0o555)
    try:
        assert checked_findings(repo) == expected
        assert not (repo / CACHE_DIR).exists()
    finally:
        for folder, mode in modes.items():
            folder.chmod(mode)


def test_failed_write_leaves_no_cache_and_no_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache, "_write_atomic", fail)
    expected = fresh(repo)
    assert checked_findings(repo) == expected
    assert not (repo / CACHE_DIR / RESULT_FILE).exists()


def test_without_cache_writes_nothing(repo: Path) -> None:
    checked_findings(repo, use_cache=False)
    assert not (repo / CACHE_DIR).exists()


def test_cache_folder_ignores_itself(repo: Path) -> None:
    checked_findings(repo)
    assert (repo / CACHE_DIR / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_change_in_tool_source_invalidates(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked_findings(repo)
    monkeypatch.setattr(cache, "tool_digest", lambda: "en annen versjon av verktøyet")
    loaded = record_calls(monkeypatch, loading, "load_content", lambda rel, *_: rel)
    checked_findings(repo)
    assert len(loaded) > 40  # nothing reused: every file loaded again


def test_cache_file_that_is_a_folder_or_pipe_is_ignored(repo: Path) -> None:
    expected = checked_findings(repo)
    (repo / CACHE_DIR / RESULT_FILE).unlink()
    (repo / CACHE_DIR / RESULT_FILE).mkdir()
    (repo / CACHE_DIR / FILES_FILE).unlink()
    if hasattr(os, "mkfifo"):
        os.mkfifo(repo / CACHE_DIR / FILES_FILE)  # opening it for reading would wait forever
    assert checked_findings(repo) == expected


def test_background_write_lands_and_is_then_a_hit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Off the critical path: a forked child writes the cache; the next run finds it."""
    import time

    monkeypatch.setenv("KRAV_MELLOMLAGER_BAKGRUNN", "1")
    expected = checked_findings(repo)
    target = repo / CACHE_DIR / RESULT_FILE
    for _ in range(200):
        if target.is_file():
            break
        time.sleep(0.05)
    assert target.is_file()
    forbid_loading(monkeypatch)
    assert checked_findings(repo) == expected


def test_a_first_run_stores_the_key_the_next_run_computes(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first run hashes what the loaders read (no separate pass); the next run, which reads
    and hashes every file itself, must find that result."""
    (repo / "krav" / "internkontroll" / "notat.txt").write_text("x", encoding="utf-8")  # a misplaced file too
    assert not cache.has_results(repo)
    expected = checked_findings(repo)
    assert cache.has_results(repo)
    forbid_loading(monkeypatch)
    assert checked_findings(repo) == expected
