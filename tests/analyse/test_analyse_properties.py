"""Property tests: the fast conflict and overlap searches agree with brute force."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.analyse.conflicts import Interval, clashes, tightest_pairs
from scripts.analyse.overlap import jaccard, shingles, similar_pairs

bound = st.one_of(st.none(), st.integers(-5, 5))


@st.composite
def intervals(draw):
    count = draw(st.integers(0, 9))
    items = []
    for n in range(count):
        low, high = draw(bound), draw(bound)
        if draw(st.booleans()) and low is not None:  # some "lik"
            high = low
        lo = float("-inf") if low is None else low
        hi = float("inf") if high is None else high
        if lo > hi:
            lo, hi = hi, lo
        items.append(Interval(f"K-{n:03d}", lo, hi))
    return items


@settings(max_examples=400, deadline=None)
@given(intervals())
def test_tightest_pairs_agree_with_pairwise_check(items):
    brute = {tuple(sorted((a.ident, b.ident))) for a, b in itertools.combinations(items, 2) if clashes(a, b)}
    found = tightest_pairs(items)
    assert found <= brute  # every reported pair really clashes
    assert bool(found) == bool(brute)  # a conflict exists exactly when brute force finds one
    in_conflict = {i for pair in brute for i in pair}
    assert {i for pair in found for i in pair} == in_conflict  # nobody in a conflict goes unreported


words = st.sampled_from("barn skal ha rutiner for natt voksne våkne avdeling plan tilsyn".split())
texts = st.lists(words, min_size=1, max_size=16).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(texts, st.sampled_from("abc")), max_size=14), st.sampled_from([0.3, 0.5, 0.7, 0.9]))
def test_similar_pairs_agree_with_all_pairs(docs, threshold):
    ids = [f"K-{n:03d}" for n in range(len(docs))]
    text_of = {i: d[0] for i, d in zip(ids, docs)}
    group_of = {i: d[1] for i, d in zip(ids, docs)}
    brute = {(a, b) for a, b in itertools.combinations(ids, 2)
             if group_of[a] != group_of[b] and jaccard(shingles(text_of[a]), shingles(text_of[b])) >= threshold}
    found = {(m.a, m.b) for m in similar_pairs(text_of, group_of, threshold)}
    assert found == brute


few_words = st.sampled_from("natt barn plan skal".split())


@st.composite
def near_duplicates(draw):
    """Texts that stress the prefix filter: copies and small edits of one text, and tiny texts."""
    base = draw(st.lists(few_words, max_size=24))
    docs = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.sampled_from(["tiny", "copy", "edit", "edit"]))
        if kind == "tiny":  # 0-3 words: no pairs, one pair, or the whole text as one token
            words = draw(st.lists(few_words, max_size=3))
        else:
            words = list(base)
            for _ in range(draw(st.integers(1, 4)) if kind == "edit" else 0):
                at = draw(st.integers(0, len(words)))
                op = draw(st.sampled_from(["replace", "insert", "delete"]))
                if op == "insert" or not words:
                    words.insert(at, draw(few_words))
                elif op == "replace":
                    words[min(at, len(words) - 1)] = draw(few_words)
                else:
                    del words[min(at, len(words) - 1)]
        docs.append((" ".join(words) + draw(st.sampled_from(["", ".", " !"])), draw(st.sampled_from("abc"))))
    return docs


@settings(max_examples=600, deadline=None)
@given(near_duplicates(), st.sampled_from([0.5, 0.55, 0.6, 2 / 3, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]),
       st.booleans(), st.sampled_from(["bitsets", "bitsets-trimmed", "lists"]))
def test_similar_pairs_edge_cases_agree_with_all_pairs(docs, threshold, use_groups, mode):
    from unittest import mock

    from scripts.analyse import overlap

    ids = [f"K-{n:03d}" for n in range(len(docs))]
    text_of = {i: d[0] for i, d in zip(ids, docs)}
    group_of = {i: d[1] for i, d in zip(ids, docs)}
    brute = []
    for a, b in itertools.combinations(ids, 2):  # ids are sorted, so a < b as in a Match
        similarity = jaccard(shingles(text_of[a]), shingles(text_of[b]))
        # similar_pairs accepts 1e-9 below the threshold (float rounding of t·|x|), so brute force does too
        if (not use_groups or group_of[a] != group_of[b]) and similarity >= threshold - 1e-9:
            brute.append((a, b, similarity))
    # Both candidate searches (bitsets, and posting lists for sparse corpora) and the trimming of
    # stale bitset positions (normally only after thousands of sets) must give the same pairs.
    budget = 0 if mode == "lists" else overlap._BITSET_BYTES
    trim = 1 if mode == "bitsets-trimmed" else overlap._TRIM
    with mock.patch.object(overlap, "_BITSET_BYTES", budget), mock.patch.object(overlap, "_TRIM", trim):
        found = similar_pairs(text_of, group_of if use_groups else None, threshold)
    assert [tuple(m) for m in found] == brute


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20))
def test_cycles_match_networkx_components(pairs):
    import networkx as nx

    from scripts.analyse.conflicts import _one_cycle_per_component

    edges: dict[str, list] = {}
    for u, v in pairs:
        if u != v:
            edges.setdefault(f"K-{u:03d}", []).append((f"K-{v:03d}", 0))
    graph = nx.DiGraph((u, v) for u, targets in edges.items() for v, _ in targets)
    expected = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    cycles = _one_cycle_per_component(edges)
    assert sorted(min(c) for c in expected) == sorted(cycle[0] for cycle in cycles)
    for cycle in cycles:
        assert cycle[0] == min(cycle) and len(set(cycle)) == len(cycle)
        for a, b in zip(cycle, cycle[1:] + cycle[:1]):
            assert graph.has_edge(a, b)


@st.composite
def requirements(draw):
    """Random requirements of random types, each with min/maks/lik bounds on one parameter."""
    out = []
    for n in range(draw(st.integers(0, 8))):
        item = {"navn": "a.b", "enhet": "stk"}
        choice = draw(st.sampled_from(["min", "maks", "begge", "lik"]))
        low, high = sorted((draw(st.integers(0, 6)), draw(st.integers(0, 6))))
        if choice in ("min", "begge"):
            item["min"] = low
        if choice in ("maks", "begge"):
            item["maks"] = high
        if choice == "lik":
            item["lik"] = low
        out.append({"id": f"AB-{n:03d}", "område": draw(st.sampled_from(["x", "y"])),
                    "type": draw(st.sampled_from(["krav", "anbefaling", "tillatelse"])),
                    "status": draw(st.sampled_from(["forslag", "vedtatt", "trukket"])), "parametere": [item]})
    return out


@settings(max_examples=300, deadline=None)
@given(requirements())
def test_parameter_rule_agrees_with_pairwise_check(records):
    import datetime
    from pathlib import Path

    from scripts.analyse.conflicts import find_parameter_conflicts, requirement_intervals
    from scripts.analyse.model import Context
    from scripts.repository import Record, Repository

    repo = Repository(Path("."), [Record("krav", f"krav/{r['område']}/{r['id']}.yaml", r) for r in records], [])
    findings = list(find_parameter_conflicts(Context(repo, datetime.date(2026, 1, 1))))
    counted = {r["id"]: r for r in records if r["status"] != "trukket" and r["type"] != "tillatelse"}
    spans = {i: Interval(i, *requirement_intervals(repo.krav[i])["a.b"][:2]) for i in counted}
    brute = {tuple(sorted(p)) for p in itertools.combinations(spans, 2) if clashes(spans[p[0]], spans[p[1]])}
    errors = {f.ids for f in findings if f.rule == "analyse-parameter-motstrid"}
    warnings = {f.ids for f in findings if f.rule == "analyse-parameter-motstrid-anbefaling"}
    both_krav = {p for p in brute if all(counted[i]["type"] == "krav" for i in p)}
    assert errors <= both_krav and warnings <= brute - both_krav
    assert {i for p in errors for i in p} == {i for p in both_krav for i in p}
    in_warning = {i for p in brute - both_krav for i in p if counted[i]["type"] == "anbefaling"}
    assert in_warning <= {i for p in warnings for i in p}
