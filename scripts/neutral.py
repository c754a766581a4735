"""The one neutraliser: record text leaving the tool is shown as text, in every format.

Everything a contributor writes is untrusted (a pull request may come from a fork). Before a
value from a record reaches any output it passes one of these functions:

* `visible(text)` — control characters, line breaks, ANSI/OSC escapes, Unicode line and
  paragraph separators, bidirectional controls and invisible characters become visible escapes
  (``\\n``, ``\\u202e``), so one finding is always one line and nothing reads differently from
  what it says. Idempotent: its output holds none of the characters it replaces.
* `github_data` / `github_property` — GitHub workflow-command escaping (actions/toolkit).
* `markdown(text)` — Markdown and HTML shown as text; `@mentions` and `#refs` never notify.
* `xml_text(text)` — only characters XML 1.0 allows, so GraphML and Office files stay well formed.

The message catalogue applies `visible` to every value it puts into a sentence, so findings
are safe from the moment they are made; formats apply their own escaping on top.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that change how text reads without being seen (bidi controls: "Trojan Source").
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064")
LINE_SEPARATORS = frozenset("\u2028\u2029\u0085")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u00a0\u00ad\u2000-\u200a\u202f\u205f\u3000\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
                     "\ud800-\udfff\ue000-\uf8ff\ufff0-\uffff]")


def escape_char(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: object) -> str:
    """The text with every control, separator, bidi or invisible character as a visible escape."""
    value = text if isinstance(text, str) else str(text)
    if not _UNSAFE.search(value):
        return value
    return _UNSAFE.sub(lambda m: escape_char(m.group()), value)


_CONTROL_NAMES = {0x00: "NUL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
                  0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE"}


def char_name(char: str) -> str:
    """«U+200B ZERO WIDTH SPACE» — how a message names a character nobody can see."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


# --- GitHub workflow commands ------------------------------------------------------------------

def github_data(text: str) -> str:
    """Escape a command's message (actions/toolkit escapeData) after making it one line."""
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Escape a command property such as file= or title= (actions/toolkit escapeProperty)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# --- Markdown (step summary, pull-request comment) -----------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:=^$])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def markdown(text: object) -> str:
    """Record text for a Markdown document: shown literally, never as markup, HTML or a mention.

    Markdown punctuation is backslash-escaped, HTML characters become entities, and `@` and `#`
    become entities too, so `@team` never notifies anyone and `#12` never links an issue.
    """
    value = visible(text)
    value = "".join(_HTML.get(c, c) for c in value)  # before escaping: entities use & and ;
    value = _MD_SPECIAL.sub(r"\\\1", value)
    return value.replace("@", "&#64;").replace("\\#", "&#35;")


def markdown_code(text: object) -> str:
    """Text for an inline code span: visible, and with backticks that cannot close the span."""
    value = visible(text).replace("`", "ˋ")
    return f"`{value}`" if value else ""


# --- XML -------------------------------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: object) -> str:
    """Text that XML 1.0 can hold: characters it forbids become visible escapes."""
    value = text if isinstance(text, str) else str(text)
    return _XML_INVALID.sub(lambda m: escape_char(m.group()), value)


# --- Spreadsheets (CSV and XLSX cells) ---------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_text(text: object) -> str:
    """Text for a CSV cell that a spreadsheet shows as text and never runs as a formula.

    A value starting with «=», «+», «-», «@», a tab or a carriage return gets a leading «'»
    (OWASP CSV injection); `spreadsheet_value` takes it off again when a file is read back.
    XLSX cells are written as typed text instead (see scripts/selfassessment/xlsx.py)."""
    value = xml_text(text)
    return "'" + value if value.startswith(_FORMULA_START) else value


def spreadsheet_value(text: str) -> str:
    """The inverse of `spreadsheet_text`, for a cell read back from a CSV file."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text
