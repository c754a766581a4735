"""MkDocs hooks: generate the standard's pages from the records during the build.

MkDocs loads this file (see `hooks:` in mkdocs.yml). On every build, including each live
reload of `mkdocs serve`, it loads the repository, renders every page with scripts.render
and adds them as virtual files: nothing generated is written to docs/ or to git.

The repository root is the folder of mkdocs.yml, or the folder named by the environment
variable KRAV_ROOT (used by tests and benchmarks to publish another set of records).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

_HERE = Path(__file__).resolve().parent.parent
if str(_HERE) not in sys.path:  # works without the editable install too
    sys.path.insert(0, str(_HERE))

from scripts import gate, pipeline, render, report  # noqa: E402
from scripts.findings import FEIL  # noqa: E402
from scripts.messages import MESSAGES  # noqa: E402

log = logging.getLogger("mkdocs.hooks.krav")
_state: dict = {}
WATCHED = ("krav", "lovhjemler", "mandat", "termer", "schemas")  # termer: clause 3 (issue 10)


def repository_root(config) -> Path:
    configured = os.environ.get("KRAV_ROOT")
    if not configured:
        return Path(config.config_file_path).resolve().parent
    root = Path(configured).resolve()
    if not root.is_dir():  # a typo must not publish an empty standard without a word
        raise PluginError(f"KRAV_ROOT viser til «{configured}», som ikke er en mappe.")
    return root


def on_startup(command, dirty):
    # `mkdocs build` publishes: a record with an error stops it. `mkdocs serve` previews: it
    # shows the draft anyway, with the errors in the terminal and on every page.
    _state["command"] = command


def record_errors(ctx) -> list:
    """The errors `krav sjekk` reports (not the analysis): these stop a published build."""
    return [f for f in ctx.findings if f.level == FEIL and getattr(MESSAGES.get(f.rule), "kind", "") == "sjekk"]


def on_config(config):
    if os.environ.get("KRAV_VERSJONER") == "1":  # built by mike (scripts/nettsted_versjon.py):
        config.extra.setdefault("version", {"provider": "mike"})  # the version selector
        # As strict as `make site`: mike builds without --strict, so count warnings ourselves and
        # stop in on_post_build (mkdocs reads config.strict before this hook runs).
        _state["varsler"] = _Counter()
        logging.getLogger("mkdocs").addHandler(_state["varsler"])
    # Live reload: also watch the record folders of the repository being published.
    root = repository_root(config)
    for name in WATCHED:
        folder = str(root / name)
        if os.path.isdir(folder) and folder not in config.watch:
            config.watch.append(folder)
    return config


def on_files(files: Files, config) -> Files:
    root = repository_root(config)
    try:
        extra = config.get("extra") or {}  # extra.repo_url: the one setting for the links to GitHub
        ctx = pipeline.site(root)
        render.set_repository_links(ctx, extra.get("repo_url"), extra.get("repo_branch"))
        pages = render.render_site(ctx)
    except Exception as error:  # a bug in the tooling, not in the records: one clear line
        raise PluginError(f"Sidene kunne ikke lages fra postene: intern feil i verktøyet "
                          f"({type(error).__name__}: {error}). Meld fra til redaksjonen.") from error
    _state["ctx"] = ctx
    errors = record_errors(ctx)
    _state["errors"] = errors
    if errors:
        text = report.format_text(errors).rstrip("\n")
        if _state.get("command") != "serve":  # a record that fails must never vanish from a published draft
            raise PluginError("Utkastet publiseres ikke fordi postene har feil (kjør «make check»):\n" + text)
        for line in text.splitlines():
            log.warning("%s", line)
    # A hand-written page in docs/ that is a link out of the project is never published.
    project = os.path.dirname(config.config_file_path)
    for file in list(files):
        source = getattr(file, "abs_src_path", None)
        if source and file.src_dir == config.docs_dir and not gate.inside(project, source):
            files.remove(file)
            log.error("«%s» er en symbolsk lenke ut av repositoriet og blir ikke publisert.", file.src_uri)
    for src_uri, content in pages.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:  # a hand-written page wins; say so rather than hide it
            log.warning("Siden %s finnes både i docs/ og som generert side; den håndskrevne brukes.", src_uri)
            continue
        files.append(File.generated(config, src_uri, content=content))
    from scripts.export.api import site_api_files  # the static API: /api/v1/*.json (scripts/export/api.py)
    for src_uri, content in site_api_files(root, ctx.repo, config.site_url).items():
        files.append(File.generated(config, src_uri, content=content))
    config.nav = render.navigation(ctx)
    log.info("Genererte %d sider fra %s (%d krav).", len(pages), root, len(ctx.krav_uri))
    return files


def on_page_markdown(markdown: str, page, config, files):
    if page.file.src_uri == "index.md" and render.FRONT_MARKER in markdown and "ctx" in _state:
        markdown = markdown.replace(render.FRONT_MARKER, render.render_front_status(_state["ctx"]))
    errors = _state.get("errors")
    if errors:  # only in `mkdocs serve`: a published build stops before this
        markdown = render.render_error_banner(errors) + markdown
    return markdown


def on_page_content(html: str, page, config, files):
    # Every page says which draft it belongs to (scripts/render/utgave_banner.py), also in print.
    if "ctx" in _state:
        from scripts.render.utgave_banner import banner_html

        return banner_html(_state["ctx"]) + html
    return html


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def on_post_build(config):
    counter = _state.pop("varsler", None)
    if counter is not None:
        logging.getLogger("mkdocs").removeHandler(counter)
        if counter.count:
            raise PluginError(f"Versjonen publiseres ikke: bygget ga {counter.count} advarsler (se over).")

