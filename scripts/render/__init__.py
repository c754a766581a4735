"""Render the loaded repository as the Markdown pages of the published draft.

`prepare(root)` loads and checks the repository and runs the analysis; `render_site(ctx)`
returns every generated page as {src_uri: markdown}; `navigation(ctx)` the site menu. All
are pure apart from `prepare` (which reads the records and asks git for the version). The
MkDocs hook (scripts/mkdocs_hooks.py) feeds the pages to MkDocs as virtual files, so
nothing generated is ever written into docs/.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .. import report
from ..messages import MESSAGES
from .context import SiteContext, build_context, read_version
from .egenkontroll import URI as CHECKLIST_URI, render_checklist
from .gjelder import DATA_URI as GJELDER_DATA_URI, render_data_script
from .utskrift import URI as PRINT_URI, render_print
from .krav_pages import render_area_page, render_krav_page, render_orphans_page
from .lov_pages import render_instrument_index, render_instrument_page
from .overview import render_analysis, render_front_status, render_mandate, render_rules, render_scope
from .bibliography import BIBLIOGRAPHY_URI, NORMATIVE_URI, render_bibliography, render_normative  # issue 10
from .provenance import vague_words_section  # issue 10
from .terms import TERMS_URI, render_terms  # issue 10: clause 3 from termer/
from .text import esc_attr

__all__ = ["prepare", "render_site", "navigation", "render_front_status", "render_error_banner", "SiteContext",
           "FRONT_MARKER"]

# Hand-written docs/index.md holds this line where the generated status goes.
FRONT_MARKER = "<!-- krav: status -->"
ORPHANS_URI = "standard/uten-omrade.md"


def prepare(root: Path | str, today: datetime.date | None = None, *, repo_url: object = None,
            branch: object = None) -> SiteContext:
    """Load, check and analyse the repository at `root` (never raises for bad records);
    `repo_url` / `branch` are mkdocs.yml's `extra.repo_url` / `extra.repo_branch` for the
    contribution links."""
    from .. import pipeline

    repo = pipeline.load(root)
    findings = pipeline.check_loaded(repo)
    analysis, error = None, None
    try:
        from ..analyse import analyse_repository

        analysis = analyse_repository(repo, today)
        findings += list(analysis.findings)
    except ImportError:
        error = "Analysemodulen er ikke tilgjengelig."
    except Exception as problem:  # the site must still build; the page says what happened
        error = f"Analysen stoppet med en intern feil ({type(problem).__name__})."
    ctx = build_context(repo, findings, analysis, error, read_version(Path(root)), today)
    from ..changes.history import requirement_histories  # issue 11: each requirement's history from git

    set_repository_links(ctx, repo_url, branch)
    drafts = sorted(((k, r.text("dato") or "") for k, r in repo.utgaver.items()), key=lambda d: d[1])
    ctx.history = requirement_histories(root, drafts)
    return ctx


def set_repository_links(ctx: SiteContext, repo_url: object, branch: object = None) -> None:
    """Where «Foreslå endring» and «Kommenter» point: mkdocs.yml `extra.repo_url` / `extra.repo_branch`
    (no links when the address is missing or not http(s); see render/bidra.py)."""
    from .bidra import repository_branch, repository_url

    ctx.repo_url, ctx.branch = repository_url(repo_url), repository_branch(branch)


def render_site(ctx: SiteContext) -> dict[str, str]:
    """Every generated page, keyed by its path as if it were in docs/."""
    pages: dict[str, str] = {
        "mandat.md": render_mandate(ctx),
        "standard/omfang.md": render_scope(ctx),
        NORMATIVE_URI: render_normative(ctx),  # issue 10: law is not a normative reference
        "lov/index.md": render_instrument_index(ctx),
        "analyse.md": render_analysis(ctx),
        "regler.md": render_rules(ctx, MESSAGES),
        TERMS_URI: render_terms(ctx),  # clause 3 from termer/ (issue 10)
        GJELDER_DATA_URI: render_data_script(ctx),
        CHECKLIST_URI: render_checklist(ctx),
    }
    pages["regler.md"] += vague_words_section(ctx)  # the committee's vague-word list (issue 10)
    pages[BIBLIOGRAPHY_URI] = render_bibliography(ctx)  # issue 10
    for area in ctx.areas:
        pages[area.uri] = render_area_page(ctx, area)
    if ctx.orphans:
        pages[ORPHANS_URI] = render_orphans_page(ctx, ORPHANS_URI)
    for krav_id, uri in ctx.krav_uri.items():
        pages[uri] = render_krav_page(ctx, ctx.repo.krav[krav_id])
    for instrument in ctx.instruments:
        pages[instrument.uri] = render_instrument_page(ctx, instrument)
    from . import endringer_page, kommentar_pages  # published drafts: changes and comment handling

    pages[endringer_page.URI] = endringer_page.render_changes(ctx)
    kommentar_pages.add_pages(ctx, pages)
    pages[PRINT_URI] = render_print(ctx, pages, ["standard/omfang.md", NORMATIVE_URI, TERMS_URI,
                                                 *(a.uri for a in ctx.areas)])
    return pages


def render_error_banner(errors: list) -> str:
    """A banner for the top of every page in the preview (`make serve`) while records have
    errors: the committee member editing a file sees the draft, and that it is not clean."""
    shown = errors[:5]
    items = "".join(f"<li><code>{esc_attr(report.location(f))}</code> {esc_attr(f.message)}</li>" for f in shown)
    more = f"<li>… og {len(errors) - len(shown)} til.</li>" if len(errors) > len(shown) else ""
    count = "1 feil" if len(errors) == 1 else f"{len(errors)} feil"
    return (f'<div class="admonition danger krav-feilbanner" role="alert"><p class="admonition-title">'
            f"Postene har {count}: dette utkastet kan ikke publiseres før de er rettet (kjør «make check»).</p>"
            f"<ul>{items}{more}</ul></div>\n\n")


def navigation(ctx: SiteContext) -> list:
    """The menu. Requirement and source pages are reached from the clause and law pages,
    not listed here: a thousand menu entries on every page would make the site slow."""
    clauses: list = [{"1 Omfang": "standard/omfang.md"},
                     {"2 Normative referanser": "standard/normative-referanser.md"},
                     {"3 Termer og definisjoner": TERMS_URI}]
    clauses += [{esc_attr(f"{a.clause} {a.name}"): a.uri} for a in ctx.areas]
    if ctx.orphans:
        clauses.append({"Krav uten gyldig område": ORPHANS_URI})
    clauses.append({"Bibliografi": BIBLIOGRAPHY_URI})
    clauses.append({"Hele standarden (utskrift)": PRINT_URI})
    return [
        {"Forside": "index.md"},
        {"Om standarden": "om-standarden.md"},
        {"Mandat": "mandat.md"},
        {"Standarden": clauses},
        {"Lovverket": "lov/index.md"},
        {"Egenkontroll": CHECKLIST_URI},
        {"Analyse": "analyse.md"},
        {"Regler": "regler.md"},
        *_draft_menu(ctx),
        {"Data og API": "data-og-api.md"},  # hand-written in docs/ (issue 14: the standard as data)
    ]


def _draft_menu(ctx: SiteContext) -> list:
    from . import kommentar_pages  # published drafts: changes and comment handling

    return [{"Endringer": "endringer.md"}, *kommentar_pages.menu(ctx)]
