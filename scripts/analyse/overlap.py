"""Likely overlaps: active requirements in different areas whose texts are nearly the same.

Similarity is the Jaccard index of the texts' word pairs (lower-cased word bigrams); two texts
overlap when it is at least JACCARD_THRESHOLD. Candidates come from prefix filtering (the
"AllPairs" set-similarity join, Bayardo et al. 2007): each text's word pairs are ordered from
rarest to most common and only the first |s| - ceil(t·|s|) + 1 of them are indexed. Two sets
with Jaccard ≥ t must share one of those rare prefix tokens, so the join is exact (no missed
pairs) while comparing only texts that share a rare phrase, not all pairs. A size filter
(|y| ≥ t·|x|) drops more candidates before the exact Jaccard is computed. Sets are
processed smallest first, which lets each set index only the shorter prefix
|x| - ceil(2t/(1+t)·|x|) + 1 (PPJoin, Xiao et al. 2008): a later, larger partner y with
Jaccard ≥ t overlaps x in at least ceil(t(|x|+|y|)/(1+t)) tokens, which is at least both
ceil(2t/(1+t)·|x|) and ceil(t·|y|), so the two prefixes still meet. Finally, two sets that share
at least β tokens share their first k common tokens within prefixes of length |s| - β + k; with
k = 2 (one token longer prefixes) a candidate must turn up at least twice, which drops the many
pairs that merely share one common phrase such as «for å» before any set is intersected.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from itertools import chain
from typing import Iterator, NamedTuple

from ..findings import Finding, make
from .model import Context
from .rules import rule

JACCARD_THRESHOLD = 0.7
SHINGLE_WIDTH = 2
_WORD = re.compile(r"\w+")


def shingles(text: str, width: int | None = None) -> frozenset[str]:
    """The set of lower-cased runs of `width` consecutive words (the whole text when shorter)."""
    width = width or SHINGLE_WIDTH
    words = _WORD.findall(text.lower())
    if len(words) <= width:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i:i + width]) for i in range(len(words) - width + 1))


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
    sets = {ident: shingles(text) for ident, text in texts.items()}
    sets = {ident: s for ident, s in sets.items() if s}
    frequency = Counter(chain.from_iterable(sets.values()))
    # One global order, rarest first (ties by text); a rank lookup sorts faster than a key tuple.
    rank = {token: r for r, token in enumerate(sorted(frequency, key=lambda t: (frequency[t], t)))}
    # Smallest sets first, so every set already indexed is no larger than the one probing.
    order = sorted(sets, key=lambda i: (len(sets[i]), i))
    index: dict[str, list[str]] = defaultdict(list)
    start: dict[str, int] = defaultdict(int)  # entries before this are too small for any later set
    size_of = {ident: len(s) for ident, s in sets.items()}
    group_of = groups or {}
    matches = []
    for ident in order:
        current = sets[ident]
        tokens = sorted(current, key=rank.__getitem__)
        size = len(tokens)
        # Partners must share `need` tokens within these prefixes (see the module docstring):
        # probe with |x| - ceil(t·|x|) + need tokens, index |x| - ceil(2t/(1+t)·|x|) + 2.
        required = math.ceil(threshold * size - 1e-9)
        need = 2 if required >= 2 else 1
        probe = size - required + need
        indexed = size - math.ceil(2 * threshold / (1 + threshold) * size - 1e-9) + 2
        min_size = threshold * size - 1e-9
        lists = []
        for token in tokens[:probe]:
            entries = index.get(token)
            if entries:
                first = start[token]
                while first < len(entries) and size_of[entries[first]] < min_size:
                    first += 1  # sizes only grow, so a set too small now stays too small
                start[token] = first
                lists.append(entries[first:] if first else entries)
        shared = Counter(chain.from_iterable(lists))
        group = group_of.get(ident)
        for other, count in shared.items():
            if count < need or (groups is not None and group_of.get(other) == group):
                continue
            other_set = sets[other]
            common = len(current & other_set)
            similarity = common / (size + size_of[other] - common)
            if similarity >= threshold - 1e-9:
                a, b = sorted((ident, other))
                matches.append(Match(a, b, similarity))
        for token in tokens[:indexed]:
            index[token].append(ident)
    return sorted(matches)


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
