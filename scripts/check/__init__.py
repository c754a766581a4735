"""`krav sjekk`: every rule the validator applies, and the function that runs them all.

A rule is one small function `check_…(repo) -> Iterator[Finding]` registered with `@rule`,
whose docstring states the rule in one or two sentences (shown on the generated rule page).
Rules never print and never raise for bad data: they read records through the tolerant
accessors of `Record` and yield findings built from the message catalogue.
"""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding
from ..registry import RegisteredRule, Registry, RuleFunc  # noqa: F401 - re-exported for the site
from ..loading import load_repository
from ..repository import Repository

RULES = Registry()
rule = RULES.rule  # @rule("rule-id", ...) registers a check function


def run_rules(repo: Repository) -> Iterator[Finding]:
    for registered in RULES:
        yield from registered.func(repo)


def check_repository(repo: Repository) -> list[Finding]:
    """All findings for a loaded repository: loading, schema and every rule, sorted with root
    causes first (see Finding.sort_key), then by place."""
    return repo.resolve([*repo.findings, *run_rules(repo)])



def check_path(root) -> tuple[Repository, list[Finding]]:
    repo = load_repository(root)
    return repo, check_repository(repo)


# Importing the rule modules registers their rules (order does not matter: output is sorted).
from . import basis, drafting, files, identity, legal, lifecycle, mandate, references, values  # noqa: E402,F401
from . import provenance, terms, wording  # noqa: E402,F401  (issue 10)
from . import applicability  # noqa: E402,F401 - gjelder_for (issue 13)
from . import utgaver  # noqa: E402,F401 - published drafts and comments
