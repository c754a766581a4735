"""End-to-end: the versioned site mike deploys, in Debian's Chromium.

Two versions (the draft hoering-1 and the living draft «utkast») are deployed into the
gh-pages branch of a temporary git repository, the branch is exported and served on
127.0.0.1, and the browser checks the version selector, the address of each version and the
draft banner, also when the page is printed.
"""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from repotools import git_repository, mkdocs_config_in

from sitehelpers import PROJECT
from test_e2e import ARTEFACTS, _free_port, browser  # noqa: F401 - the shared browser fixture

MINIMAL = PROJECT / "tests" / "fixtures" / "gyldig" / "minimal"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def versioned_url(tmp_path_factory):
    from scripts import cli
    from scripts.nettsted_versjon import deploy

    tmp = tmp_path_factory.mktemp("versjoner")
    root = tmp / "standard"
    git_repository(MINIMAL, root)
    assert cli.main(["utgave", "ny", "hoering-1", "--stadium", "høring", "--dato", "2027-01-25",
                     "--start", "2027-02-01", "--sti", str(root)]) == 0
    config_file = mkdocs_config_in(tmp)
    deploy(root, "hoering-1", config_file, push=False)
    deploy(root, "utkast", config_file, push=False)
    served = tmp / "gh-pages"
    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", "gh-pages"],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(served, filter="data")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(served)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("http.server startet ikke")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_each_version_has_its_address_a_selector_and_a_banner_in_print(browser, versioned_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_default_timeout(15000)
    try:
        page.goto(versioned_url + "/")  # the root redirects to the default version: the living draft
        page.wait_for_url("**/utkast/")
        banner = page.locator("p.krav-utgave")
        assert banner.inner_text().startswith("Arbeidsutkast, ikke sendt på høring, versjon hoering-1")
        selector = page.locator(".md-version")
        selector.wait_for()
        titles = [t.strip() for t in page.locator(".md-version__link").all_inner_texts()]
        assert titles == ["Arbeidsutkast", "prNS xxxx:2027 – høringsutkast, frist 1. april 2027"]
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "utgave-utkast-versjonsvelger.png"))

        page.goto(versioned_url + "/hoering-1/krav/IK-001/")
        assert page.locator("p.krav-utgave").inner_text() == (
            "prNS xxxx:2027 – høringsutkast, frist 1. april 2027 (utgave hoering-1, publisert 25. januar 2027)")
        page.emulate_media(media="print")
        assert page.locator("p.krav-utgave").is_visible()
        page.screenshot(path=str(ARTEFACTS / "utgave-hoering-1-utskrift.png"))
        assert not problems, problems
    finally:
        context.close()
