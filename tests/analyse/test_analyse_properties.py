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
texts = st.lists(words, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(texts, st.sampled_from("abc")), max_size=12), st.sampled_from([0.5, 0.7, 0.9]))
def test_similar_pairs_agree_with_all_pairs(docs, threshold):
    ids = [f"K-{n:03d}" for n in range(len(docs))]
    text_of = {i: d[0] for i, d in zip(ids, docs)}
    group_of = {i: d[1] for i, d in zip(ids, docs)}
    brute = {(a, b) for a, b in itertools.combinations(ids, 2)
             if group_of[a] != group_of[b] and jaccard(shingles(text_of[a]), shingles(text_of[b])) >= threshold}
    found = {(m.a, m.b) for m in similar_pairs(text_of, group_of, threshold)}
    assert found == brute
