"""The «Historikk» section of a requirement page: from git, one event per commit.

The events come from `scripts.changes.history.requirement_histories` (one `git log` pass for
all files, built by `prepare`); each change is classified as in `krav endringer`. Commit
subjects and record text are untrusted and escaped like every other record value.
"""

from __future__ import annotations

from ..changes.diff import ADDED, CHANGED, DELETED, WITHDRAWN_ACTION
from ..changes.render import describe, word_diff_text
from ..vocabulary import format_date
from .text import esc

_ACTION = {ADDED: "Innført", CHANGED: "Endret", WITHDRAWN_ACTION: "Trukket", DELETED: "Slettet"}


def _diff(ops: list) -> str:
    return word_diff_text(ops, esc, lambda t: f"<del>{t}</del>", lambda t: f"<ins>{t}</ins>")


def _commit(ctx, commit: str) -> str:
    """The short commit id, linked to the commit on GitHub when the repository's address is set."""
    short = f"`{commit[:7]}`"
    repo_url = getattr(ctx, "repo_url", None)
    if repo_url and all(c in "0123456789abcdef" for c in commit):
        return f"[{short}]({repo_url}/commit/{commit})"
    return short


def render_history(ctx, record) -> str:
    histories = getattr(ctx, "history", None)
    events = histories.by_id.get(record.id, []) if histories is not None else []
    out = ["## Historikk\n"]
    if not events:
        out.append("Historikken fra git er ikke tilgjengelig for denne bestemmelsen.\n")
        return "\n".join(out)
    first = events[0]
    out.append(f"Innført {esc(format_date(first.date))} ({_commit(ctx, first.commit)}).")
    draft = histories.first_draft.get(record.id)
    if draft:
        record_draft = ctx.repo.utgaver.get(draft)
        name = record_draft.text("betegnelse") if record_draft is not None else None
        out.append(f"Først med i utgaven {esc(name or draft)}.")
    if histories.shallow:
        out.append("*Historikken kan være ufullstendig (en grunn klone av repositoriet).*")
    out.append("")
    for event in events:
        out.append(f"- **{esc(format_date(event.date))}** · {_ACTION.get(event.action, esc(event.action))} · "
                   f"{_commit(ctx, event.commit)} {esc(event.subject)}")
        for change in event.changes:
            out.append(f"    - {describe(change, esc, _diff)}")
    out.append("")
    return "\n".join(out)
