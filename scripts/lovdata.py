"""Links to Lovdata, derived from a legal source's `instrument` and `paragraf`.

Binding law (`lov`, `forskrift`) is identified by its official id, so the link is computed
rather than typed by hand (see datamodell.md):

* a section of a law:        https://lovdata.no/lov/2021-06-18-97/§10-1
* a section of a regulation: https://lovdata.no/forskrift/2022-12-16-2272/§3
* a whole law / regulation:  https://lovdata.no/dokument/NL/lov/2021-06-18-97
                             https://lovdata.no/dokument/SF/forskrift/2022-12-16-2272
* a chapter («kapittel 10»): https://lovdata.no/dokument/NL/lov/2021-06-18-97/KAPITTEL_10

Other sources (reports, guidance, ...) keep the `url` their record states.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from .vocabulary import BINDING_KINDS  # noqa: E402 - re-exported for the check rules

INSTRUMENT_PATTERNS = {
    "lov": re.compile(r"^LOV-\d{4}-\d{2}-\d{2}-\d+$"),
    "forskrift": re.compile(r"^FOR-\d{4}-\d{2}-\d{2}-\d+$"),
}
# How the expected form is shown to the author in a message.
INSTRUMENT_FORMS = {
    "lov": "LOV-ÅÅÅÅ-MM-DD-N, for eksempel «LOV-2021-06-18-97»",
    "forskrift": "FOR-ÅÅÅÅ-MM-DD-N, for eksempel «FOR-2022-12-16-2272»",
}
# Whole-document collections on Lovdata: NL = gjeldende lover, SF = sentrale forskrifter.
_COLLECTION = {"lov": "NL", "forskrift": "SF"}
_BASE = "https://lovdata.no"
_CHAPTER = re.compile(r"^kapittel\s+(.+)$", re.IGNORECASE)
_SECTION = re.compile(r"^§\s*(.+)$")


def _field(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def instrument_number(data: Any) -> str | None:
    """'2021-06-18-97' for a lov/forskrift whose `instrument` has the official form, else None."""
    kind = _field(data, "type")
    instrument = _field(data, "instrument")
    if kind not in BINDING_KINDS or instrument is None:
        return None
    if not INSTRUMENT_PATTERNS[kind].match(instrument):
        return None
    return instrument[4:]


def lovdata_url(data: Any) -> str | None:
    """The Lovdata link for a lov/forskrift record, or None when it cannot be derived."""
    number = instrument_number(data)
    if number is None:
        return None
    kind = _field(data, "type")
    whole = f"{_BASE}/dokument/{_COLLECTION[kind]}/{kind}/{number}"  # type: ignore[index]
    paragraf = _field(data, "paragraf")
    if paragraf is None or not paragraf.strip():
        return whole
    paragraf = paragraf.strip()
    chapter = _CHAPTER.match(paragraf)
    if chapter:
        return f"{whole}/KAPITTEL_{''.join(chapter.group(1).split())}"
    section = _SECTION.match(paragraf)
    if section:
        # «§ 12-3 a» is written «§12-3a» in Lovdata's links.
        return f"{_BASE}/{kind}/{number}/§{''.join(section.group(1).split())}"
    return None


def accepted_urls(data: Any) -> set[str]:
    """Stored `url` values that agree with the derived link (empty when none can be derived).

    Besides the derived link itself, an amending act published only in Lovtidend
    (…/dokument/LTI/lov/…) is accepted for a whole law.
    """
    derived = lovdata_url(data)
    if derived is None:
        return set()
    accepted = {derived}
    if _field(data, "type") == "lov" and not _field(data, "paragraf"):
        accepted.add(f"{_BASE}/dokument/LTI/lov/{instrument_number(data)}")
    return accepted


def same_url(stored: str, accepted: set[str]) -> bool:
    """True when `stored` is one of `accepted`, ignoring %-encoding of § and a trailing slash."""
    normal = unquote(stored.strip()).rstrip("/")
    return any(normal == unquote(url).rstrip("/") for url in accepted)


def link(data: Any) -> str | None:
    """The link the site shows for a source: its stored `url`, or the derived Lovdata link."""
    stored = _field(data, "url")
    if stored:
        return stored
    return lovdata_url(data)
