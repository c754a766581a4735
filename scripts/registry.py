"""A registry of rule functions: shared by `krav sjekk` (scripts/check) and `krav analyser`.

A rule is a small function yielding findings, registered under the catalogue ids it may
report; its docstring states the rule and is shown on the site's rule page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .findings import Finding

RuleFunc = Callable[..., Iterable[Finding]]


@dataclass(frozen=True)
class RegisteredRule:
    ids: tuple[str, ...]  # catalogue ids the function may report
    func: RuleFunc
    # A per-record rule judges each record on its own: what it reports about a record depends on
    # that record and on the other records only through lookups (see repository.Summary), and it
    # reports only about the record it judges. `krav sjekk` then judges unchanged requirements
    # from memory (cache.py). Every other rule sees the whole repository on every run.
    per_record: bool = False

    @property
    def doc(self) -> str:
        return " ".join((self.func.__doc__ or "").split())


class Registry(list[RegisteredRule]):
    """The rules of one command, in registration order."""

    def rule(self, *ids: str, per_record: bool = False) -> Callable[[RuleFunc], RuleFunc]:
        """Decorator: register a function under the catalogue ids it reports."""

        def register(func: RuleFunc) -> RuleFunc:
            if not func.__doc__:
                raise TypeError(f"rule {func.__name__} needs a docstring stating the rule")
            self.append(RegisteredRule(ids, func, per_record))
            return func

        return register
