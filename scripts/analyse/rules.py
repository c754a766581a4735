"""The registry of analysis rules, the analysis twin of scripts/check's `@rule`.

An analysis rule is a small function `…(ctx: Context) -> Iterator[Finding]` whose docstring
states the rule; it never prints and never raises for bad data.
"""

from __future__ import annotations

from ..registry import Registry

RULES = Registry()
rule = RULES.rule  # @rule("analyse-…") registers an analysis function taking a Context
