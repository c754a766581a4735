"""The whole standard on one page, for print: the opening clauses and every area's clause.

The page is made of the same Markdown as the clause pages (so it can never say something
else), with their headings moved one level down under one title. It lives in standard/ beside
the clause pages, so their relative links stay valid. The print stylesheet
(docs/stylesheets/nettsted.css) marks every printed page as a draft.
"""

from __future__ import annotations

import re

from .common import front_matter
from .context import SiteContext
from .gjelder import FILTER_PLACEHOLDER
from .text import esc

URI = "standard/utskrift.md"
TITLE = "Hele standarden"

_FRONT = re.compile(r"\A---\n.*?\n---\n+", re.DOTALL)
_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)


def _demoted(page: str) -> str:
    """A clause page without its front matter, every heading one level lower (# → ##)."""
    body = _FRONT.sub("", page)
    return _HEADING.sub(lambda m: "#" + m.group(1) + " ", body)


def render_print(ctx: SiteContext, pages: dict[str, str], clause_uris: list[str]) -> str:
    version = ctx.version
    date = f", sist endret {esc(version.date)}" if version.date else ""
    out = [front_matter(TITLE).replace("---\n\n", "search:\n  exclude: true\n---\n\n", 1), f"# {TITLE}\n",
           '<p class="krav-utkast-merke">Utkast – ikke en fastsatt standard. '
           f"Versjon {esc(version.describe)}{date}.</p>\n",
           "Hele teksten i standarden på én side, laget for utskrift (bruk nettleserens utskrift, eller lagre "
           "som PDF). Hver side i utskriften er merket som utkast.\n",
           FILTER_PLACEHOLDER]
    for uri in clause_uris:
        if uri in pages:
            out.append(_demoted(pages[uri]))
    return "\n".join(out)

