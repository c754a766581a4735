"""«Foreslå endring» and «Kommenter» links on requirement, source and area pages.

The repository's address is ONE setting: `extra.repo_url` in mkdocs.yml (`extra.repo_branch`
names the branch, default main; MkDocs' own `repo_url` is not used, because the theme would
then make every reader's browser ask GitHub's API for the repository's star count). «Foreslå endring» opens the record file in GitHub's editor;
«Kommenter» opens the matching issue form (.github/ISSUE_TEMPLATE/) with the id filled in.
Without `repo_url` (or with one that is not an http(s) address) the links are left out.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from .text import esc_attr, safe_url

DEFAULT_BRANCH = "main"
FORMS = {"krav": ("innspill-til-krav.yml", "krav", "Innspill til {id}"),
         "lovhjemmel": ("feil-i-kilde.yml", "kilde", "Feil i kilde: {id}"),
         "område": ("innspill-til-krav.yml", None, "Innspill til området {id}")}


def repository_url(value: object) -> str | None:
    """The repository's web address from mkdocs.yml, without a trailing slash or «.git»."""
    url = safe_url(value)
    if url is None:
        return None
    url = url.rstrip("/")
    return url[:-4] if url.endswith(".git") else url


def repository_branch(value: object) -> str:
    """The branch edit links open (`extra.repo_branch`), main when unset or not a plain name."""
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9._/-]{1,100}", value) and ".." not in value:
        return value
    return DEFAULT_BRANCH


def edit_url(repo_url: str, branch: str, file: str) -> str:
    return f"{repo_url}/edit/{quote(branch)}/{quote(file)}"


def comment_url(repo_url: str, kind: str, ident: str) -> str:
    template, field, title = FORMS[kind]
    query = {"template": template, "title": title.format(id=ident)}
    if field:
        query[field] = ident
    return f"{repo_url}/issues/new?{urlencode(query, quote_via=quote)}"


def contribute_links(ctx, kind: str, ident: object, file: str | None) -> str:
    """One line of links for a page, or '' when the repository's address is not set."""
    repo_url = getattr(ctx, "repo_url", None)
    if not repo_url or not isinstance(ident, str) or not file:
        return ""
    branch = getattr(ctx, "branch", DEFAULT_BRANCH)
    edit = esc_attr(edit_url(repo_url, branch, file))
    comment = esc_attr(comment_url(repo_url, kind, ident))
    return (f'<p class="krav-bidra"><a href="{edit}" rel="nofollow">Foreslå endring</a> · '
            f'<a href="{comment}" rel="nofollow">Kommenter</a></p>\n')
