"""Characters people cannot see: found in a file's text before YAML reads it.

A record can look right and be wrong: a zero-width space inside an id, a Cyrillic «а» in a
Latin word, a bidirectional control that makes a sentence display in another order than it is
stored ("Trojan Source"), letters decomposed the way macOS may save them (NFD), a NUL or form
feed, or a Unicode line separator that YAML reads as a line break. `scan(file, text)` finds each
at its real line and column (lines counted by "\\n" only, as every editor counts them) and
returns the findings plus the text YAML should read:

* NFD letters are composed (NFC), so «område» typed on a Mac is the same word as on Windows;
* Unicode line and paragraph separators become spaces, so they cannot shift YAML's lines and
  look like a missing colon elsewhere.

Both are reported, so nothing is changed silently; the file itself is never touched. A file
with none of these characters costs one regular-expression search.
"""

from __future__ import annotations

import re
import unicodedata

from .findings import Finding, make
from .messages import PHRASES
from .neutral import BIDI_CONTROLS, LINE_SEPARATORS, char_name, visible

INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
# One search finds every character worth a closer look (most files have none).
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
                      "\u2060-\u2069\ufeff\u0300-\u036f\u0370-\u03ff\u0400-\u04ff]")
_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK")
_WORD = re.compile(r"[\w\u0300-\u036f]+")  # combining marks belong to their word
MAX_PER_FILE = 20  # a file full of them needs one fix, not a thousand lines


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _before(text: str, offset: int) -> str:
    """The few visible characters before `offset` on its line, so a message can say where."""
    start = max(text.rfind("\n", 0, offset) + 1, offset - 12)
    return visible(text[start:offset]).strip()


def _where(text: str, offset: int) -> str:
    shown = _before(text, offset)
    return f"etter «{shown}»" if shown else "først på linjen"


def scan(file: str, text: str) -> tuple[list[Finding], str, bool]:
    """(findings, text for YAML, whether YAML may read it at all)."""
    if not _SUSPECT.search(text):
        return [], text, True
    findings: list[Finding] = []
    readable = True
    for match in _SUSPECT.finditer(text):
        if len(findings) >= MAX_PER_FILE:
            break
        char, offset = match.group(), match.start()
        line, col = _position(text, offset)
        if _CONTROL.match(char):
            findings.append(make("tegn-kontroll", file, line, col, tegn=char_name(char), sted=_where(text, offset)))
            readable = False
        elif char in BIDI_CONTROLS:
            findings.append(make("tegn-bidi", file, line, col, tegn=char_name(char), sted=_where(text, offset)))
        elif char in LINE_SEPARATORS:
            findings.append(make("tegn-linjeskille", file, line, col, tegn=char_name(char), sted=_where(text, offset)))
        elif char in INVISIBLE:
            findings.append(make("tegn-usynlig", file, line, col, tegn=char_name(char), sted=_where(text, offset)))
        elif unicodedata.name(char, "").startswith(_LOOKALIKE_SCRIPTS):
            finding = _lookalike(file, text, offset, line, col)
            if finding is not None:
                findings.append(finding)
    composed = unicodedata.normalize("NFC", text)
    if composed != text:
        findings.append(_decomposed(file, text))
    for separator in LINE_SEPARATORS:
        composed = composed.replace(separator, " ")
    return findings, composed, readable


def _lookalike(file: str, text: str, offset: int, line: int, col: int) -> Finding | None:
    """A Cyrillic or Greek letter inside a word that also has Latin letters («Іnternkontroll»)."""
    for word in _WORD.finditer(text, max(0, offset - 40), offset + 40):
        if word.start() <= offset < word.end():
            letters = word.group()
            if any("LATIN" in unicodedata.name(c, "") for c in letters):
                return make("tegn-forveksling", file, line, col, tegn=char_name(text[offset]),
                            ord=visible(letters))
            return None
    return None


def _decomposed(file: str, text: str) -> Finding:
    """One finding for the first decomposed letter: the whole file needs the same fix."""
    for index, char in enumerate(text):
        if unicodedata.combining(char) and index > 0:
            word = next((m.group() for m in _WORD.finditer(text, max(0, index - 30), index + 30)
                         if m.start() <= index < m.end()), text[index - 1:index + 1])
            line, col = _position(text, index - 1)
            return make("tegn-nfd", file, line, col, ord=visible(unicodedata.normalize("NFC", word)))
    return make("tegn-nfd", file, 1, 1, ord="")  # pragma: no cover - normalisation changed nothing visible


_LOOKS_LIKE_SPACE = frozenset("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                              "\u202f\u205f\u3000")


def hidden_note(value: object) -> str | None:
    """A sentence naming the first character in `value` that a reader cannot tell from another
    (a no-break space, an invisible character, a Cyrillic or Greek look-alike, a bidi control),
    for messages about ids, field names and fixed values that look right but are not."""
    if not isinstance(value, str):
        return None
    for index, char in enumerate(value):
        name = unicodedata.name(char, "")
        if (char in _LOOKS_LIKE_SPACE or char in INVISIBLE or char in BIDI_CONTROLS
                or name.startswith(_LOOKALIKE_SCRIPTS)):
            before = visible(value[max(0, index - 12):index])
            where = f"etter «{before}»" if before else "først"
            return PHRASES["skjult-tegn"].format(tegn=char_name(char), sted=where)
    return None
