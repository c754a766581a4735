"""The one shape every check and analysis reports in: a finding at a place in a file."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .vocabulary import ADVARSEL, FEIL, LEVELS, MANDAT_FILE, PARAMETERE_FILE  # noqa: F401 - levels re-exported

ROOT_CAUSE_FILES = (MANDAT_FILE, PARAMETERE_FILE)


@dataclass(frozen=True)
class Finding:
    """One problem, located by repository-relative file, 1-based line and column.

    `path` is the field path inside the record (e.g. ("lovhjemler", 2)); the engine turns it
    into a line and column only when the finding is reported, so the fast path pays nothing.
    """

    rule: str
    level: str
    file: str | None
    line: int | None
    column: int | None
    message: str
    hint: str | None = None
    ids: tuple[str, ...] = ()
    path: tuple | None = None

    def sort_key(self) -> tuple:
        """Root causes first (the mandate and its parameters, which every other record is read
        against), then by place: a GitHub annotation cap or a long report never hides them."""
        root = 0 if self.file in ROOT_CAUSE_FILES else 1
        # The hint and ids last, so the order never depends on the order the rules ran in.
        return (root, self.file or "~", self.line or 0, self.column or 0, self.rule, self.message,
                self.hint or "", self.ids)

    def plain(self) -> tuple:
        """The fields as a plain tuple (marshal carries it between processes); Finding(*t) is the inverse."""
        return (self.rule, self.level, self.file, self.line, self.column, self.message, self.hint, self.ids,
                self.path)

    def at(self, line: int | None, column: int | None) -> "Finding":
        return replace(self, line=line, column=column, path=None)


def make(rule: str, file: str | None, line: int | None = None, column: int | None = None, *,
         ids: tuple[str, ...] | list[str] = (), path: tuple | None = None, level: str | None = None,
         note: str | None = None, **values: object) -> Finding:
    """Build a finding from the message catalogue entry for `rule`, filled with `values`.

    `note` (a sentence from the catalogue's phrases) goes before the entry's own hint, e.g. to
    name an invisible character that explains why a value that looks right is not."""
    entry, message, hint = render(rule, values)
    if note:
        hint = f"{note} {hint}" if hint else note
    return Finding(rule=rule, level=level or entry.level, file=file, line=line, column=column,
                   message=message, hint=hint, ids=tuple(ids), path=path)


def count(findings: list[Finding]) -> dict[str, int]:
    return {FEIL: sum(f.level == FEIL for f in findings),
            ADVARSEL: sum(f.level == ADVARSEL for f in findings)}


from .messages import render  # noqa: E402 - after Finding: the catalogue needs no findings
