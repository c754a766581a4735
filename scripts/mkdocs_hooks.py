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

from scripts import render  # noqa: E402

log = logging.getLogger("mkdocs.hooks.krav")
_state: dict = {}
WATCHED = ("krav", "lovhjemler", "mandat", "schemas")


def repository_root(config) -> Path:
    configured = os.environ.get("KRAV_ROOT")
    if not configured:
        return Path(config.config_file_path).resolve().parent
    root = Path(configured).resolve()
    if not root.is_dir():  # a typo must not publish an empty standard without a word
        raise PluginError(f"KRAV_ROOT viser til «{configured}», som ikke er en mappe.")
    return root


def on_config(config):
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
        ctx = render.prepare(root)
        pages = render.render_site(ctx)
    except Exception as error:  # a bug in the tooling, not in the records: one clear line
        raise PluginError(f"Sidene kunne ikke lages fra postene: intern feil i verktøyet "
                          f"({type(error).__name__}: {error}). Meld fra til redaksjonen.") from error
    _state["ctx"] = ctx
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
        return markdown.replace(render.FRONT_MARKER, render.render_front_status(_state["ctx"]))
    return markdown
