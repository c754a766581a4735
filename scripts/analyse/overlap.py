"""Likely overlaps: active requirements in different areas whose texts are nearly the same.

Similarity is the Jaccard index of the texts' word pairs (lower-cased word bigrams); two texts
overlap when it is at least JACCARD_THRESHOLD. `similar_pairs` is an exact set-similarity join:
it returns exactly the pairs a comparison of all pairs would, without comparing all pairs.

Candidates come from prefix filtering (Bayardo, Ma and Srikant 2007, "Scaling up all pairs
similarity search"; Xiao, Wang, Lin and Yu 2008, "Efficient similarity joins for near duplicate
detection"). Every text's word pairs are ordered by one global order, rarest first. If
|x ∩ y| ≥ β, the k-th common token (k ≤ β) lies among the first |x| − β + k tokens of x and of
y, because at least β − k common tokens follow it in both sets. So with ℓ = min(SHARED,
⌈t·|x|⌉), never more than β (see below), a partner shares at least ℓ tokens within those
prefixes: the ℓ-prefix filter of Wang, Li and Feng 2012, "Can we beat the prefix filtering? An
adaptive framework for similarity join and search". ℓ = 3 rather than 1 or 2 rules out most of
the texts that merely share one or two common phrases (such as «i den») before any two sets are
intersected.

The bounds used for a pair x, y with Jaccard ≥ t and |y| ≤ |x|: |y| ≥ t·|x| (size filter), and
|x ∩ y| ≥ t(|x| + |y|)/(1 + t), which is at least both t·|x| and 2t/(1 + t)·|y|. Sets are
processed smallest first, so every set already seen is no larger than the one probing: the probe
x uses the prefix |x| − ⌈t·|x|⌉ + ℓ, and each set is indexed under its shorter prefix
|y| − ⌈2t/(1+t)·|y|⌉ + SHARED (PPJoin's index prefix, long enough for any ℓ ≤ SHARED). The
first ℓ common tokens lie in both prefixes, so every pair with Jaccard ≥ t is a candidate; every
candidate is then checked with its exact Jaccard, so nothing false is reported either.

The counting is bit-parallel. A corpus may have few distinct word pairs (the bench corpus of
30,000 texts has under 3,000), so that every token, even the rarest, occurs in a share of all
texts: a posting list per token then grows with the corpus, and scanning the lists of every
prefix token made the search grow quadratically. Instead each token keeps one integer used as a
bitset over processing positions (bit j: the j-th set in processing order has this token in its
index prefix). The sets sharing at least ℓ of the probe's prefix tokens come out of a few bitwise
operations per prefix token on counters "seen once", "seen twice", "seen three times"
(c3 |= c2 & m; c2 |= c1 & m; c1 |= m), which Python runs in C on 30 sets at a time. The
size filter is a range of positions, because sizes only grow along the processing order; the
positions below it are shifted out of every bitset from time to time, so the integers stay
about as long as the range. Each operation still costs time in proportion to that range, so the
work is not linear in the corpus, but it no longer depends on how often the tokens occur: on the
30,000-text bench corpus the whole candidate search takes about as long as tokenising the texts.

A bitset costs a bit per set whether or not the token occurs there, so a corpus with many
distinct tokens (natural prose, where most word pairs are rare) would need a lot of memory;
there posting lists are short and cheap to scan. When one bitset per token would take more than
_BITSET_BYTES, the same candidates are therefore counted from posting lists of positions. Both
searches yield every pair that shares ℓ prefix tokens, so the result is the same either way.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from itertools import chain, count
from typing import Iterable, Iterator, NamedTuple

from ..findings import Finding, make
from .model import Context
from .rules import rule

JACCARD_THRESHOLD = 0.7
SHINGLE_WIDTH = 2
SHARED = 3  # ℓ: a candidate shares this many tokens (fewer for very short texts) within the prefixes
_TRIM = 2048  # shift stale low positions out of the bitsets once at least this many have piled up
_BITSET_BYTES = 64 << 20  # use bitsets only while one per token fits in this (else posting lists)
_WORD = re.compile(r"\w+")
Plan = tuple[int, int, int, int]  # per set size: ℓ, probe prefix, index prefix, first position


def _shingle_list(text: str, width: int) -> Iterable[str]:
    """The runs of `width` consecutive lower-cased words, with repeats (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= width:
        return [" ".join(words)] if words else []
    # zip over shifted copies builds every run in C: this runs once per text of the corpus.
    return map(" ".join, zip(*[words[i:] for i in range(width)]))


def shingles(text: str, width: int | None = None) -> frozenset[str]:
    """The set of lower-cased runs of `width` consecutive words (the whole text when shorter)."""
    return frozenset(_shingle_list(text, width or SHINGLE_WIDTH))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


class Match(NamedTuple):
    a: str
    b: str
    similarity: float


def similar_pairs(texts: dict[str, str], groups: dict[str, str] | None = None,
                  threshold: float = JACCARD_THRESHOLD) -> list[Match]:
    """All pairs of ids whose texts have Jaccard ≥ threshold, skipping pairs in the same group."""
    # Each distinct word pair becomes a small int on first sight: sets of small ints intersect
    # faster than sets of fresh strings, and lists indexed by token replace dict lookups below.
    token_ids: defaultdict[str, int] = defaultdict(count().__next__)
    intern = token_ids.__getitem__
    sets: dict[str, frozenset[int]] = {}
    for ident, text in texts.items():
        tokens = frozenset(map(intern, _shingle_list(text, SHINGLE_WIDTH)))
        if tokens:
            sets[ident] = tokens
    frequency = Counter(chain.from_iterable(sets.values()))
    names = list(token_ids)
    # One global order, rarest first (ties by text, so the order does not depend on input order).
    rank = [0] * len(names)
    for r, token in enumerate(sorted(range(len(names)), key=lambda t: (frequency[t], names[t]))):
        rank[token] = r
    rank_of = rank.__getitem__
    # Smallest sets first, so every set already indexed is no larger than the one probing.
    order = sorted(sets, key=lambda i: (len(sets[i]), i))
    # From here on a set is known by its position in that order.
    members = [sets[i] for i in order]
    sizes = [len(s) for s in members]
    ranked = [sorted(map(rank_of, s)) for s in members]
    plans = _plans(sizes, threshold)
    # A bitset per token costs up to len(order) bits; with many distinct tokens (a sparse
    # corpus) posting lists are smaller, and their short lists are cheap to scan anyway.
    if len(names) * len(order) <= 8 * _BITSET_BYTES:
        candidates = _bitset_candidates(ranked, sizes, plans, len(names))
    else:
        candidates = _list_candidates(ranked, sizes, plans)
    group_of = groups or {}
    group_at = [group_of.get(i) for i in order]
    matches = []
    for cur, at in candidates:
        if groups is not None and group_at[at] == group_at[cur]:
            continue
        common = len(members[cur] & members[at])
        similarity = common / (sizes[cur] + sizes[at] - common)
        if similarity >= threshold - 1e-9:
            a, b = sorted((order[cur], order[at]))
            matches.append(Match(a, b, similarity))
    return sorted(matches)


def _plans(sizes: list[int], threshold: float) -> dict[int, Plan]:
    """For each set size: (ℓ, probe prefix length, index prefix length, first admissible position).

    See the module docstring for the bounds. The 1e-9 keeps a product such as 0.7·10 that lands
    just above an integer from rounding up; the first admissible position is the first set with
    at least t·|x| tokens (sizes only grow along the order, so that is one range of positions).
    """
    bound = 2 * threshold / (1 + threshold)
    plans = {}
    for cur, size in enumerate(sizes):
        if size not in plans:
            required = math.ceil(threshold * size - 1e-9)
            need = min(SHARED, max(required, 1))
            probe = max(size - required + need, 0)
            indexed = max(size - math.ceil(bound * size - 1e-9) + SHARED, 0)
            low = min(bisect_left(sizes, threshold * size - 1e-9), cur)
            plans[size] = (need, probe, indexed, low)
    return plans


def _bitset_candidates(ranked: list[list[int]], sizes: list[int], plans: dict[int, Plan],
                       tokens: int) -> Iterator[tuple[int, int]]:
    """(probe, earlier set) position pairs sharing ≥ ℓ prefix tokens, counted bit-parallel."""
    # By token rank; bit j: the set at position base + j has the token in its index prefix.
    masks = [0] * tokens
    base = 0
    # Trimming costs one shift per token, so trimming only after max(_TRIM, tokens) positions
    # keeps its total cost within one operation per set.
    trim = max(_TRIM, tokens)
    for cur, ranks in enumerate(ranked):
        need, probe, indexed, low = plans[sizes[cur]]
        if low - base >= trim:
            shift = low - base
            masks = [m >> shift if m else 0 for m in masks]
            base = low
        if cur > low:
            # Bit j of `once`/`twice`/`thrice`: set j has at least 1/2/3 of these prefix tokens.
            once = twice = thrice = 0
            for token in ranks[:probe]:
                m = masks[token]
                thrice |= twice & m
                twice |= once & m
                once |= m
            found = (once, twice, thrice)[need - 1] >> (low - base)
            while found:
                top = found.bit_length() - 1
                found ^= 1 << top
                yield cur, low + top
        bit = 1 << (cur - base)
        for token in ranks[:indexed]:
            masks[token] |= bit


def _list_candidates(ranked: list[list[int]], sizes: list[int],
                     plans: dict[int, Plan]) -> Iterator[tuple[int, int]]:
    """The same pairs as `_bitset_candidates`, counted from posting lists of positions."""
    postings: defaultdict[int, list[int]] = defaultdict(list)
    start: defaultdict[int, int] = defaultdict(int)  # entries before this are too small from now on
    for cur, ranks in enumerate(ranked):
        need, probe, indexed, low = plans[sizes[cur]]
        lists = []
        for token in ranks[:probe]:
            entries = postings.get(token)
            if entries:
                first = start[token]
                if first < len(entries) and entries[first] < low:
                    first = start[token] = bisect_left(entries, low, first)
                lists.append(entries[first:] if first else entries)
        for at, shared in Counter(chain.from_iterable(lists)).items():
            if shared >= need:
                yield cur, at
        for token in ranks[:indexed]:
            postings[token].append(cur)


@rule("analyse-overlapp")
def find_overlaps(ctx: Context) -> Iterator[Finding]:
    """Two active requirements in different areas do not have nearly the same text
    (at least 70 % of their word pairs in common)."""
    texts = {i: r.text("tekst") for i, r in ctx.active.items() if r.text("tekst")}
    groups = {i: ctx.active[i].get("område") for i in texts}
    for match in similar_pairs(texts, groups):
        record = ctx.active[match.a]
        yield make("analyse-overlapp", record.file, path=("tekst",), ids=[match.a, match.b], id=match.a,
                   annen=match.b, annet_omrade=groups[match.b], likhet=round(match.similarity * 100))
