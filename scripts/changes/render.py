"""The change report as text (terminal), Markdown (pull-request comment, step summary) and JSON.

Pure functions from a ChangeReport to a string. Every value that comes from a record (ids,
titles, texts, field values) passes `neutral.visible` in text and `neutral.markdown` /
`neutral.markdown_code` in Markdown, so HTML, Markdown, `@mentions` and control characters
in a proposal are shown as text and never notify anyone or change the page.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from .. import neutral
from ..findings import Finding
from ..report import as_dict, location
from ..vocabulary import format_number, plural
from .diff import ACTION_NAMES, ACTIONS, ADDED, CHANGED, CODES, DELETED, KINDS, WITHDRAWN_ACTION, Change, ChangeReport, RecordChange

JSON_FORMAT = 1  # bump when the JSON layout changes incompatibly (documented in DEVELOPMENT.md)
COMMENT_MARKER = "<!-- krav-endringer -->"  # how the workflow finds its own comment to update
COMMENT_LIMIT = 60000  # GitHub refuses comments over 65,536 characters
SUMMARY_LIMIT = 900000  # a step summary may be up to 1 MiB
CONTEXT_WORDS = 6  # unchanged words shown around each change in a word diff
WORKTREE_NAME = "arbeidskopien"

_ARROW = " → "
_ACTION_WORDS = {ADDED: "ny", CHANGED: "endret", WITHDRAWN_ACTION: "trukket", DELETED: "slettet"}
_COUNT_WORDS = {ADDED: ("ny", "nye"), CHANGED: ("endret", "endrede"), WITHDRAWN_ACTION: ("trukket", "trukne"),
                DELETED: ("slettet", "slettede")}
_KIND_HEAD = {"krav": "bestemmelser", "lovhjemmel": "kilder", "term": "termer", "område": "områder i mandatet",
              "mål": "mål i mandatet", "parameter": "parametere", "utgave": "utgaver", "kommentar": "kommentarer"}


def head_name(report: ChangeReport) -> str:
    return report.head if report.head is not None else WORKTREE_NAME


# --- Describing one change -------------------------------------------------------------------------

def value_text(value: Any) -> str:
    """A field value as plain words (before escaping)."""
    if value is None:
        return "(ingen)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) if value else "(tom liste)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    return str(value)


def _shorten(ops: list[list[str]]) -> list[list[str]]:
    out = []
    for index, (op, text) in enumerate(ops):
        if op == "=":
            words = text.split(" ")
            if len(words) > 2 * CONTEXT_WORDS:
                head = words[:CONTEXT_WORDS] if index > 0 else []
                tail = words[-CONTEXT_WORDS:] if index < len(ops) - 1 else []
                text = " ".join([*head, "…", *tail])
        out.append([op, text])
    return out


def word_diff_text(ops: list[list[str]], esc: Callable[[str], str], removed: Callable[[str], str],
                   added: Callable[[str], str]) -> str:
    parts = []
    for op, text in _shorten(ops):
        if op == "=":
            parts.append(" ".join(esc(w) if w != "…" else w for w in text.split(" ")))
        elif op == "-":
            parts.append(removed(esc(text)))
        else:
            parts.append(added(esc(text)))
    return " ".join(parts)


def describe(change: Change, esc: Callable[[str], str], diff: Callable[[list], str] | None = None) -> str:
    """One line for a change: «Verbform skjerpet: bør → skal (anbefaling → krav)»."""
    label = CODES.get(change.code, change.code)
    d = change.detail
    v = lambda value: esc(value_text(value))  # noqa: E731
    if change.code in ("verbform-skjerpet", "verbform-svekket"):
        return f"{label}: {v(d.get('verbform_før'))}{_ARROW}{v(d.get('verbform_etter'))} ({v(change.old)}{_ARROW}{v(change.new)})"
    if change.code.startswith("parameter-"):
        name = v(d.get("navn"))
        unit = f" {v(d['enhet'])}" if d.get("enhet") is not None else ""
        if change.code in ("parameter-lagt-til", "parameter-fjernet"):
            bounds = change.new if change.old is None else change.old
            if isinstance(bounds, dict) and bounds:
                text = " og ".join(f"{esc(str(k))} {v(value)}" for k, value in bounds.items())
            else:
                text = v(bounds)
            return f"{label}: {name} {text}{unit}"
        if change.code == "parameter-enhet-endret":
            return f"{label} for {name}: {v(change.old)}{_ARROW}{v(change.new)}"
        return f"{label}: {name} {esc(str(d.get('grense')))} {v(change.old)}{_ARROW}{v(change.new)}{unit}"
    if change.code in ("hjemmel-lagt-til", "hjemmel-fjernet"):
        return f"{label}: {v(change.new if change.old is None else change.old)}"
    if change.code in ("relasjon-lagt-til", "relasjon-fjernet"):
        return f"{label}: {v(d.get('type'))} {v(d.get('krav'))}"
    if change.code in ("tekst-omformulert", "tittel-endret") or (change.code == "felt-endret" and "ord" in d):
        prefix = label if change.code != "felt-endret" else f"{label}: «{esc(change.field)}»"
        if "ord" in d and diff is not None:
            return f"{prefix}: {diff(d['ord'])}"
        return f"{prefix}: {v(change.old)}{_ARROW}{v(change.new)}"
    if change.code == "felt-endret" and ("lagt_til" in d or "fjernet" in d):
        parts = []
        if d.get("lagt_til"):
            parts.append(f"lagt til {v(d['lagt_til'])}")
        if d.get("fjernet"):
            parts.append(f"fjernet {v(d['fjernet'])}")
        return f"{label}: «{esc(change.field)}» " + ("; ".join(parts) or "ny rekkefølge")
    if change.code == "felt-lagt-til":
        return f"{label}: «{esc(change.field)}» = {v(change.new)}"
    if change.code == "felt-fjernet":
        return f"{label}: «{esc(change.field)}» (var {v(change.old)})"
    if change.code == "ugyldig":
        return f"{label} i den ene versjonen; se funnene nedenfor"
    if change.code == "felt-endret":
        return f"{label}: «{esc(change.field)}» {v(change.old)}{_ARROW}{v(change.new)}"
    return f"{label}: {v(change.old)}{_ARROW}{v(change.new)}"


def _normative_line(report: ChangeReport) -> str | None:
    """«Normative endringer: 3 bestemmelser; redaksjonelle: 2.» (None without requirement changes)."""
    marks = [r.normative for r in report.records if r.kind == "krav"]
    if not marks:
        return None
    normative, editorial = sum(1 for m in marks if m), sum(1 for m in marks if not m)
    return (f"Normative endringer: {plural(normative, 'bestemmelse', 'bestemmelser')} (endrer hva som kreves, "
            f"anbefales eller tillates); redaksjonelle: {format_number(editorial)}.")


def _id_list(ids: list[str], esc: Callable[[str], str], limit: int = 10) -> str:
    shown = [esc(i) for i in ids[:limit]]
    if len(ids) > limit:
        return ", ".join(shown) + f" og {format_number(len(ids) - limit)} til"
    return ", ".join(shown)


def _summary(report: ChangeReport) -> list[tuple[str, str]]:
    """(kind heading, «2 nye, 1 endret») for every kind with changes."""
    rows = []
    for kind, counts in report.counts().items():
        parts = [plural(counts[a], *_COUNT_WORDS[a]) for a in ACTIONS if counts[a]]
        if parts:
            rows.append((_KIND_HEAD[kind], ", ".join(parts)))
    return rows


# --- Text ---------------------------------------------------------------------------------------------

def _finding_line(f: Finding, esc: Callable[[str], str] = neutral.visible) -> str:
    return f"{esc(location(f))}: {f.level} [{f.rule}] {esc(f.message)}"


def text(report: ChangeReport) -> str:
    esc = neutral.visible
    diff = lambda ops: word_diff_text(ops, esc, lambda t: f"[-{t}-]", lambda t: f"{{+{t}+}}")  # noqa: E731
    lines = [f"Endringer fra {esc(report.base)} til {esc(head_name(report))}", ""]
    if not report.records:
        lines.append("Ingen poster er lagt til, endret, trukket eller slettet.")
    for heading, counts in _summary(report):
        lines.append(f"{heading[0].upper()}{heading[1:]}: {counts}")
    normative = _normative_line(report)
    if normative:
        lines.append(normative)
    for finding in report.error_findings():
        lines.append(_finding_line(finding))
        lines.append(f"    {finding.hint}")
    for kind in KINDS:
        for action in ACTIONS:
            group = report.of(kind, action)
            if not group:
                continue
            lines += ["", f"{ACTION_NAMES[action]} {_KIND_HEAD[kind]}:"]
            for record in group:
                title = f" {esc(record.title)}" if record.title else ""
                lines.append(f"  {esc(record.id)}{title} ({esc(record.file or record.base_file or '')})")
                for change in record.changes:
                    lines.append(f"      {describe(change, esc, diff)}")
    if report.findings_compared:
        lines += ["", f"Nye funn: {format_number(len(report.introduced))}, løste funn: {format_number(len(report.resolved))}."]
        for heading, group in (("Nye funn", report.introduced), ("Løste funn", report.resolved)):
            if group:
                lines.append(f"{heading}:")
                lines += [f"  {_finding_line(f)}" for f in group]
    return "\n".join(lines) + "\n"


# --- Markdown -----------------------------------------------------------------------------------------

def _md_record(record: RecordChange) -> list[str]:
    esc = neutral.markdown
    diff = lambda ops: word_diff_text(ops, esc, lambda t: f"~~{t}~~", lambda t: f"**{t}**")  # noqa: E731
    title = f" {esc(record.title)}" if record.title else ""
    where = record.file or record.base_file
    lines = [f"- **{esc(record.id)}**{title}" + (f" ({neutral.markdown_code(where)})" if where else "")]
    lines += [f"  - {describe(change, esc, diff)}" for change in record.changes]
    return lines


def markdown(report: ChangeReport, *, limit: int = COMMENT_LIMIT, marker: bool = True) -> str:
    """The report for a pull-request comment or a step summary, at most `limit` characters."""
    esc = neutral.markdown
    out = [COMMENT_MARKER] if marker else []
    out += [f"## Endringer i standarden: {neutral.markdown_code(report.base)} → "
            + (neutral.markdown_code(report.head) if report.head is not None else WORKTREE_NAME), ""]
    for finding in report.error_findings():
        out += [f"> **Feil:** {esc(finding.message)} {esc(finding.hint)}", ""]
    rows = _summary(report)
    if rows:
        out += ["| | " + " | ".join(ACTION_NAMES[a] for a in ACTIONS) + " |",
                "|---|" + "---:|" * len(ACTIONS)]
        for kind, counts in report.counts().items():
            if any(counts.values()):
                out.append(f"| {_KIND_HEAD[kind].capitalize()} | " + " | ".join(format_number(counts[a]) for a in ACTIONS) + " |")
        out.append("")
    else:
        out += ["Ingen poster er lagt til, endret, trukket eller slettet.", ""]
    normative = _normative_line(report)
    if normative:
        out += [f"**{normative.split(':', 1)[0]}:**{normative.split(':', 1)[1]}", ""]
    classes = report.by_code()
    if classes:
        out += ["| Endring i bestemmelsene | Antall | Bestemmelser |", "|---|---:|---|"]
        out += [f"| {CODES[code]} | {format_number(len(ids))} | {_id_list(ids, esc)} |" for code, ids in classes.items()]
        out.append("")
    if report.findings_compared:
        out += [f"**Funn:** {format_number(len(report.introduced))} nye, {format_number(len(report.resolved))} løste.", ""]
    body: list[list[str]] = []
    for kind in KINDS:
        for action in ACTIONS:
            group = report.of(kind, action)
            if group:
                body.append([f"### {ACTION_NAMES[action]} {_KIND_HEAD[kind]}", ""])
                body += [_md_record(record) for record in group]
                body.append([""])
    for heading, group in (("Nye funn", report.introduced), ("Løste funn", report.resolved)):
        if group:
            body.append([f"### {heading}", ""])
            body += [[f"- {_finding_line(f, esc)}"] for f in group]
            body.append([""])
    size = sum(len(line) + 1 for line in out)
    for index, block in enumerate(body):
        block_size = sum(len(line) + 1 for line in block)
        if size + block_size > limit - 400:
            left = len(body) - index
            out += ["", f"_Rapporten er forkortet: {format_number(left)} avsnitt til er utelatt. "
                        "Kjør «krav endringer» lokalt for hele rapporten._"]
            break
        out += block
        size += block_size
    return "\n".join(out).rstrip("\n") + "\n"


# --- JSON ---------------------------------------------------------------------------------------------

def _change_json(change: Change) -> dict:
    item = {"kode": change.code, "felt": change.field, "før": change.old, "etter": change.new}
    item.update(change.detail)
    return item


def as_dict_report(report: ChangeReport) -> dict:
    return {
        "format": JSON_FORMAT,
        "base": {"ref": report.base, "commit": report.base_commit},
        "head": {"ref": report.head, "commit": report.head_commit},
        "antall": report.counts(),
        "feil": len(report.errors),
        "normative": sum(1 for r in report.records if r.normative),
        "poster": [{"art": r.kind, "id": r.id, "handling": r.action, "nivå": r.level, "normativ": r.normative,
                    "fil": r.file,
                    "fil_før": r.base_file, "tittel": r.title, "endringer": [_change_json(c) for c in r.changes]}
                   for r in report.records],
        "funn": {"sammenlignet": report.findings_compared,
                 "nye": [as_dict(f) for f in report.introduced],
                 "løste": [as_dict(f) for f in report.resolved]},
    }


def as_json(report: ChangeReport) -> str:
    return json.dumps(as_dict_report(report), ensure_ascii=False, indent=2, default=str) + "\n"
