"""Likely overlaps: active requirements in different areas whose texts are nearly the same.

Similarity is the Jaccard index of the texts' word pairs (lower-cased word bigrams); two texts
overlap when it is at least JACCARD_THRESHOLD. Candidates come from prefix filtering (the
"AllPairs" set-similarity join, Bayardo et al. 2007): each text's word pairs are ordered from
rarest to most common and only the first |s| - ceil(t·|s|) + 1 of them are indexed. Two sets
with Jaccard ≥ t must share one of those rare prefix tokens, so the join is exact (no missed
pairs) while comparing only texts that share a rare phrase, not all pairs. A size filter
(|y| ≥ t·|x|) drops more candidates before the exact Jaccard is computed.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Iterator, NamedTuple

from ..findings import Finding, make
from .model import Context
from .rules import rule

JACCARD_THRESHOLD = 0.7
_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[str]:
    """The set of lower-cased word pairs in a text (single words for a one-word text)."""
    words = _WORD.findall(text.lower())
    if len(words) < 2:
        return frozenset(words)
    return frozenset(f"{a} {b}" for a, b in zip(words, words[1:]))


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
    frequency = Counter(token for s in sets.values() for token in s)
    # Process from the smallest set up, so every indexed set is no larger than the current one.
    order = sorted(sets, key=lambda i: (len(sets[i]), i))
    index: dict[str, list[str]] = defaultdict(list)
    matches = []
    for ident in order:
        tokens = sorted(sets[ident], key=lambda t: (frequency[t], t))
        size = len(tokens)
        prefix = size - math.ceil(threshold * size) + 1
        min_size = threshold * size
        seen: set[str] = set()
        for token in tokens[:prefix]:
            for other in index[token]:
                if other in seen:
                    continue
                seen.add(other)
                if len(sets[other]) < min_size:
                    continue
                if groups is not None and groups.get(ident) == groups.get(other):
                    continue
                similarity = jaccard(sets[ident], sets[other])
                if similarity >= threshold:
                    a, b = sorted((ident, other))
                    matches.append(Match(a, b, similarity))
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
