"""Format findings for people and machines: text, JSON, GitHub annotations and Markdown.

Pure functions from findings to strings; the CLI decides where they go.
"""

from __future__ import annotations

import json

from .findings import ADVARSEL, FEIL, Finding, count
from .neutral import github_data, github_property, markdown, markdown_code, visible

GITHUB_ANNOTATION_CAP = 50  # GitHub shows at most ~50 annotations per step; the summary has all


def location(finding: Finding) -> str:
    """file:line:column; a file name from a fork may hold any character, so it is made visible."""
    parts = [visible(finding.file) if finding.file else "(repositoriet)"]
    if finding.line is not None:
        parts.append(str(finding.line))
        if finding.column is not None:
            parts.append(str(finding.column))
    return ":".join(parts)


def summary_line(findings: list[Finding]) -> str:
    totals = count(findings)
    if not findings:
        return "Ingen funn: alt er i orden."
    warnings = totals[ADVARSEL]
    return f"{totals[FEIL]} feil, {warnings} {'advarsel' if warnings == 1 else 'advarsler'}."


def format_text(findings: list[Finding]) -> str:
    lines = []
    for f in findings:  # messages are neutralised when made; visible() again costs nothing
        lines.append(f"{location(f)}: {f.level} [{f.rule}] {visible(f.message)}")
        if f.hint:
            lines.append(f"    {visible(f.hint)}")
    lines.append(summary_line(findings))
    return "\n".join(lines) + "\n"


def as_dict(f: Finding) -> dict:
    return {"regel": f.rule, "nivå": f.level, "fil": f.file, "linje": f.line, "kolonne": f.column,
            "melding": f.message, "hint": f.hint, "ider": list(f.ids)}


def format_json(findings: list[Finding], **extra: object) -> str:
    document = {"funn": [as_dict(f) for f in findings], "antall": count(findings)}
    document.update(extra)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_github(findings: list[Finding]) -> str:
    lines = []
    for f in findings[:GITHUB_ANNOTATION_CAP]:
        command = "error" if f.level == FEIL else "warning"
        props = []
        if f.file:
            props.append(f"file={github_property(f.file)}")
        if f.line is not None:
            props.append(f"line={f.line}")
        if f.column is not None:
            props.append(f"col={f.column}")
        props.append(f"title={github_property(f.rule)}")
        # github_data makes every line break inside the message visible, so no text from a record
        # can ever start a line of its own and be read as a second workflow command; the only
        # escaped line break (%0A) is ours, between message and hint.
        body = github_data(f.message) + (f"%0A{github_data(f.hint)}" if f.hint else "")
        lines.append(f"::{command} {','.join(props)}::{body}")
    if len(findings) > GITHUB_ANNOTATION_CAP:
        rest = len(findings) - GITHUB_ANNOTATION_CAP
        lines.append(f"::notice title=Flere funn::{rest} funn til er ikke vist som merknader; se sammendraget.")
    lines.append(summary_line(findings))
    return "\n".join(lines) + "\n"


def format_markdown(findings: list[Finding], title: str = "Resultat av krav sjekk") -> str:
    out = [f"## {title}", "", summary_line(findings), ""]
    if findings:
        out += ["| Sted | Nivå | Regel | Melding |", "|---|---|---|---|"]
        for f in findings:
            message = f.message + (f" {f.hint}" if f.hint else "")
            out.append(f"| {markdown_code(location(f))} | {f.level} | {markdown_code(f.rule)} | {markdown(message)} |")
    return "\n".join(out) + "\n"
