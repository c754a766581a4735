"""Turn record values into Markdown that shows them as text, never as markup.

Committee members write records by hand, and a record may (by mistake or on purpose)
contain HTML, script or Markdown link syntax. Everything taken from a record goes through
`esc()` before it reaches a page: every character that HTML or Markdown could read as
markup becomes a numeric character reference. Python-Markdown passes those through
untouched and the browser shows the original character, so `<script>` is shown, not run,
and `[x](javascript:...)` stays text instead of becoming a link.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

# HTML specials plus every character Markdown (and the enabled extensions: tables,
# attr_list, toc) gives a meaning to. Letters, digits and spaces stay as they are so the
# generated Markdown remains readable and searchable.
_SPECIAL = "&<>\"'\\`*_{}[]()#+-.!|~^=:$"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_URL_OK = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)


def as_text(value: Any) -> str:
    """Any loaded value as plain text ('' for None); lists are joined with commas."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, list):
        return ", ".join(as_text(v) for v in value)
    return str(value)


def esc(value: Any) -> str:
    """One line of record text, safe inside any Markdown inline context (incl. tables)."""
    return " ".join(as_text(value).split()).translate(_TABLE)


def esc_paragraphs(value: Any) -> str:
    """Record text that may span paragraphs: blank lines separate paragraphs, as written."""
    text = as_text(value).replace("\r\n", "\n")
    paragraphs = [esc(p) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def esc_attr(value: Any) -> str:
    """Text for an HTML attribute value or element we build ourselves."""
    return html.escape(" ".join(as_text(value).split()), quote=True)


def safe_id(value: Any) -> str | None:
    """The value when it can be used in a file name or anchor as is, else None."""
    return value if isinstance(value, str) and _SAFE_ID.match(value) else None


def slug(value: str) -> str:
    """A lowercase address segment: letters, digits and hyphens."""
    text = value.lower()
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("§", "")):
        text = text.replace(a, b)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "uten-navn"


def safe_url(value: Any) -> str | None:
    """An http(s) address ready for a Markdown link target, or None when it is not one.

    Anything else (javascript:, data:, relative paths, addresses with spaces) is refused, so a
    record can never make the site link somewhere other than the web.
    """
    if not isinstance(value, str) or not _URL_OK.match(value.strip()):
        return None
    # Characters that would end the Markdown link target or break the attribute are encoded;
    # existing %-escapes and the § Lovdata uses are kept.
    return quote(value.strip(), safe="/:?#[]@!$&*+,;=%~-._").replace("%C2%A7", "§")


def link(text_md: str, target: str) -> str:
    """A Markdown link; `text_md` is already escaped, `target` is ours or from safe_url()."""
    return f"[{text_md}]({target})"


def external(text_md: str, url: Any) -> str:
    """A link to an outside address when it is safe, else the escaped address as text."""
    target = safe_url(url)
    if target is None:
        return esc(url)
    return f"[{text_md}]({target})"
