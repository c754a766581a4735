"""The fast paths change nothing: parallel, serial and cached checks give identical results."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scripts import gate, loading, repository
from scripts.pipeline import check as checked_findings
from scripts.check import check_repository

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from generate import generate  # noqa: E402

# Planted problems, one per file, covering every stage: reading, YAML, schema, rules, places.
PLANTED = {
    "krav/internkontroll/IK-901.yaml": b"id: IK-901\ntittel: [uavsluttet\n",
    "krav/internkontroll/IK-902.yaml": b"id: IK-902\n\ttittel: tab\n",
    "krav/internkontroll/IK-903.yaml": "id: IK-903\nid: IK-903\ntittel: Dobbel nøkkel\n".encode(),
    "krav/internkontroll/IK-904.yaml": b"\xef\xbb\xbfid: IK-904\n",
    "krav/internkontroll/IK-905.yaml": b"id: IK-905\ntittel: \xe6rlig\n",
    "krav/internkontroll/IK-906.yaml": b"# bare en kommentar\n",
    "krav/internkontroll/IK-907.yaml": b"- en liste\n- ikke en post\n",
    "krav/internkontroll/IK-908.yaml": (
        "id: IK-908\ntittel: Feil i skjema\nområde: internkontroll\ntype: kravv\ntekst: Noe skal skje.\n"
        "lovhjemler: [finnes-ikke-1]\nutover_lov: no\nmål: [M9]\nverifisering: [intervju]\n"
        "relasjoner:\n  - type: avhenger_av\n    krav: IK-908\nstatus: forslag\n").encode(),
    "krav/internkontroll/IK-909.yaml": b"id: IK-1\ntittel: &a Anker\nomr\xc3\xa5de: *a\n",
    "krav/bemanning/IK-910.yaml": (
        "id: IK-910\ntittel: Feil mappe\nområde: internkontroll\ntype: krav\ntekst: Noe skal skje.\n"
        "utover_lov: true\nverifisering: [intervju]\nstatus: forslag\n").encode(),
    "krav/internkontroll/notat.txt": b"ikke en post\n",
    "krav/internkontroll/IK-911.YAML": b"id: IK-911\n",
    "lovhjemler/lose.yaml": b"id: lose\n",
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = generate(tmp_path_factory.mktemp("ekv") / "repo", 400, seed=7, sources=60)
    for rel, content in PLANTED.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(content)
    return root


def snapshot(repo_obj: repository.Repository) -> list[tuple]:
    return [(r.kind, r.file, r.data, r.raw, r.valid) for r in repo_obj.records]


def test_parallel_loading_really_runs(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    original = loading._load_parallel

    def spy(*args, **kwargs):
        calls.append(len(args[1]))
        return original(*args, **kwargs)

    monkeypatch.setattr(loading, "_load_parallel", spy)
    loading.load_repository(repo, parallel=True)
    if not loading.use_parallel(10, True):
        pytest.skip("no fork on this platform")
    assert calls and calls[0] > 400


def test_parallel_and_serial_give_identical_records_and_findings(repo: Path) -> None:
    serial = loading.load_repository(repo, parallel=False)
    parallel = loading.load_repository(repo, parallel=True)
    assert snapshot(parallel) == snapshot(serial)
    assert parallel.findings == serial.findings
    assert len(serial.records) > 450
    checked = check_repository(serial)
    assert check_repository(parallel) == checked
    rules = {f.rule for f in checked}
    # The planted problems are all found, at every stage.
    for expected in ("yaml-syntaks", "yaml-tabulator", "yaml-duplikat-nokkel", "fil-bom", "fil-ikke-utf8",
                     "fil-tom", "yaml-toppniva", "skjema-verdi", "skjema-type", "yaml-alias",
                     "krav-omrade-mappe", "fil-plassering", "krav-ukjent-lovhjemmel", "krav-selvrelasjon"):
        assert expected in rules, expected


def test_environment_variable_forces_either_way(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(loading.PARALLEL_ENV, "1")
    assert loading.use_parallel(5) == loading.use_parallel(5, True)  # True wherever fork exists
    forced = loading.load_repository(repo)
    monkeypatch.setenv(loading.PARALLEL_ENV, "0")
    assert not loading.use_parallel(100_000)
    serial = loading.load_repository(repo)
    assert snapshot(forced) == snapshot(serial)
    assert forced.findings == serial.findings


def test_cached_runs_equal_the_uncached_run(repo: Path) -> None:
    uncached = checked_findings(repo, use_cache=False)
    assert uncached
    first = checked_findings(repo, parallel=True)  # miss: loads in parallel from bytes in memory
    second = checked_findings(repo)  # full hit
    assert first == uncached
    assert second == uncached
    target = repo / "krav" / "internkontroll" / "IK-908.yaml"
    original = target.read_bytes()
    try:
        target.write_bytes(original + b"# endret\n")  # partial hit: one file again, rules rerun
        assert checked_findings(repo) == checked_findings(repo, use_cache=False)
    finally:
        target.write_bytes(original)
    assert checked_findings(repo) == uncached


def test_small_repositories_load_serially(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(loading.PARALLEL_ENV, raising=False)
    assert not loading.use_parallel(loading.PARALLEL_MIN_FILES - 1)
    assert not loading.use_parallel(0, True)


TRICKY = [
    "a: 1\nb: 010\nc: 0o17\nd: 0x1F\ne: 1.5e3\nf: .5\ng: -0\nh: +7\n",
    "a: no\nb: yes\nc: on\nd: off\ne: 2023-01-01\nf: ~\ng:\nh: null\ni: True\nj: FALSE\n",
    "a: 'no'\nb: \"010\"\nc: |\n  blokk\nd: >-\n  brettet\n  tekst\n",
    "liste:\n  - 1\n  - to\n  - [3, fire, {fem: 5}]\n  - - 6\n    - ~\n",
    "- a: 1\n  b: [x, 2]\n- 3\n- ''\n",
    "nøkkel med mellomrom: verdi\n\"sitert nøkkel\": 1\n? kompleks\n: verdi\n",
    "a: 1\na: 2\n",
    "<<: {b: 2}\nc: 3\n",
    "'<<': 1\n",
    "[1, 2]: x\n",
    "a: 1e999\nb: " + "9" * 5000 + "\n",
    "bare tekst\n",
    "42\n",
    "a: {b: {c: {d: [1, {e: f}]}}}\n",
]


def careful(text: str):
    from scripts import load

    node = load.compose(text)
    builder = load._Builder("x.yaml")
    return builder.build(node, ()), builder.raw


@pytest.mark.parametrize("text", TRICKY)
def test_fast_builder_equals_careful_builder(text: str) -> None:
    from scripts import load

    assert "&" not in text and "!" not in text  # the fast builder's precondition
    node = load.compose(text)
    raw: dict = {}
    try:
        fast = load._build_plain(node, (), raw)
    except load._Unusual:
        document = load.load_bytes("x.yaml", text.encode())
        data, careful_raw = careful(text)
        assert (document.data, document.raw) == (data, careful_raw)
        assert document.findings  # the careful builder explains what was unusual
        return
    data, careful_raw = careful(text)
    assert fast == data and type(fast) is type(data)
    assert raw == careful_raw
    assert load.load_bytes("x.yaml", text.encode()).findings == []


def test_fast_builder_equals_careful_builder_on_generated_files(repo: Path) -> None:
    from scripts import load

    checked = 0
    for path in sorted(repo.rglob("*.yaml")):
        try:
            text = path.read_bytes().decode("utf-8")
            node = load.compose(text)
        except Exception:
            continue  # the planted unreadable files
        if node is None or "&" in text or "!" in text:
            continue  # load_bytes uses the fast builder only without anchors and tags
        raw: dict = {}
        try:
            fast = load._build_plain(node, (), raw)
        except load._Unusual:
            continue
        assert (fast, raw) == careful(text), path
        checked += 1
    assert checked > 450


def test_string_paths_match_pathlib(repo: Path) -> None:
    """Discovery and Record.stem/folder work on strings; they must agree with pathlib."""
    expected = []
    for top in gate.RECORD_DIRS:
        for dirpath, dirnames, filenames in __import__("os").walk(repo / top):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not name.startswith(".") and not name.endswith(gate.DOC_SUFFIXES):
                    expected.append(Path(dirpath, name).relative_to(repo).as_posix())
    assert gate.walk(repo).files == expected
    assert gate.walk(str(repo) + "/").files == expected
    for name in ["krav/a/IK-001.yaml", "krav/a/b.c.yaml", "krav/a/x.", "krav/a/noext", "top.yaml", "a/..b"]:
        record = repository.Record("krav", name, None)
        assert (record.stem, record.folder) == (Path(name).stem, Path(name).parent.name), name


def test_threaded_host_loads_serially(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.delenv(loading.PARALLEL_ENV, raising=False)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not loading.use_parallel(100_000, True)
    finally:
        stop.set()
        worker.join()


def test_load_through_the_cache_equals_a_fresh_load_and_writes_nothing(tmp_path: Path) -> None:
    """`krav analyser` and the site reuse the check's per-file results: same records, no writes."""
    from scripts import pipeline
    from scripts.analyse import analyse_repository

    repo = tmp_path / "r"
    generate(repo, 120, seed=3)
    fresh = pipeline.load(repo, use_cache=False)
    assert not (repo / ".krav-cache").exists()
    assert snapshot(pipeline.load(repo)) == snapshot(fresh)
    assert not (repo / ".krav-cache").exists()  # loading never writes the cache
    pipeline.check(repo)  # the check writes it
    cached = pipeline.load(repo)
    assert snapshot(cached) == snapshot(fresh)
    assert analyse_repository(cached).findings == analyse_repository(fresh).findings
