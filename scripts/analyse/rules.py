"""The registry of analysis rules, the analysis twin of scripts/check's `@rule`.

An analysis rule is a small function `…(ctx: Context) -> Iterator[Finding]` whose docstring
states the rule; it never prints and never raises for bad data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..findings import Finding

AnalysisFunc = Callable[..., Iterable[Finding]]


@dataclass(frozen=True)
class RegisteredRule:
    ids: tuple[str, ...]  # catalogue ids the function may report
    func: AnalysisFunc

    @property
    def doc(self) -> str:
        return " ".join((self.func.__doc__ or "").split())


RULES: list[RegisteredRule] = []


def rule(*ids: str) -> Callable[[AnalysisFunc], AnalysisFunc]:
    """Register an analysis function under the catalogue ids it reports."""

    def register(func: AnalysisFunc) -> AnalysisFunc:
        if not func.__doc__:
            raise TypeError(f"analysis rule {func.__name__} needs a docstring stating the rule")
        RULES.append(RegisteredRule(ids, func))
        return func

    return register
