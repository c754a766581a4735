"""`krav sjekk`: every rule the validator applies, and the function that runs them all.

A rule is one small function `check_…(repo) -> Iterator[Finding]` registered with `@rule`,
whose docstring states the rule in one or two sentences (shown on the generated rule page).
Rules never print and never raise for bad data: they read records through the tolerant
accessors of `Record` and yield findings built from the message catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from ..findings import Finding
from ..repository import Repository, load_repository

RuleFunc = Callable[[Repository], Iterable[Finding]]


@dataclass(frozen=True)
class RegisteredRule:
    ids: tuple[str, ...]  # catalogue ids the function may report
    func: RuleFunc

    @property
    def doc(self) -> str:
        return " ".join((self.func.__doc__ or "").split())


RULES: list[RegisteredRule] = []


def rule(*ids: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a check function under the catalogue ids it reports."""

    def register(func: RuleFunc) -> RuleFunc:
        if not func.__doc__:
            raise TypeError(f"rule {func.__name__} needs a docstring stating the rule")
        RULES.append(RegisteredRule(ids, func))
        return func

    return register


def run_rules(repo: Repository) -> Iterator[Finding]:
    for registered in RULES:
        yield from registered.func(repo)


def check_repository(repo: Repository) -> list[Finding]:
    """All findings for a loaded repository: loading, schema and every rule, sorted by place."""
    return repo.resolve([*repo.findings, *run_rules(repo)])


def check_path(root) -> tuple[Repository, list[Finding]]:
    repo = load_repository(root)
    return repo, check_repository(repo)


# Importing the rule modules registers their rules (order does not matter: output is sorted).
from . import basis, drafting, files, identity, legal, lifecycle, mandate, references  # noqa: E402,F401
