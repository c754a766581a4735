"""The site builds with `mkdocs build --strict`, and every internal link in it resolves."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from sitehelpers import PROJECT, build_site


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Every relative link (and its #anchor) in the built site that points nowhere."""
    parsed = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, links in parsed.items():
        if page.name == "404.html":  # served for any address, so MkDocs gives it absolute links
            continue
        for href in links.links:
            if urlsplit(href).scheme or href.startswith(("//", "mailto:")):
                continue
            target, anchor = urldefrag(href)
            path = (page.parent / unquote(target)).resolve() if target else page
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(site)}: {href}")
            elif anchor and path.suffix == ".html" and unquote(anchor) not in parsed[path].ids:
                broken.append(f"{page.relative_to(site)}: {href} (ankeret finnes ikke)")
    return broken


def test_fixture_site_has_the_stable_addresses(fixture_site):
    for address in ("index.html", "krav/IK-001/index.html", "krav/IK-002/index.html", "mandat/index.html",
                    "standard/omfang/index.html", "standard/internkontroll/index.html", "lov/index.html",
                    "lov/lov-2021-06-18-97/index.html", "analyse/index.html", "regler/index.html",
                    "search/search_index.json"):
        assert (fixture_site / address).is_file(), address


def test_fixture_site_links_resolve(fixture_site):
    assert broken_links(fixture_site) == []


def test_generated_pages_are_not_written_to_docs(fixture_site):
    docs = PROJECT / "docs"
    assert not (docs / "krav").exists() and not (docs / "lov").exists()
    assert not (docs / "mandat.md").exists() and not (docs / "regler.md").exists()


def test_search_index_is_escaped(fixture_site):
    text = (fixture_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text


@pytest.mark.skipif(not (PROJECT / "krav").is_dir(), reason="repositoriet har ingen krav/ ennå")
def test_repository_site_builds_strict_and_links_resolve(tmp_path):
    env_root = os.environ.pop("KRAV_ROOT", None)
    try:
        done = build_site(PROJECT, tmp_path)
    finally:
        if env_root is not None:
            os.environ["KRAV_ROOT"] = env_root
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    ids = {p.stem for p in (PROJECT / "krav").rglob("*.yaml") if re.fullmatch(r"[A-Z]{2,4}-\d{3,}", p.stem)}
    built = {p.name for p in (tmp_path / "krav").iterdir()}
    assert ids <= built
    assert broken_links(tmp_path) == []
