"""The site for every reader, in a real browser: accessibility (axe-core, WCAG 2.1 AA) on every
page type, no request to any host but the local server, the 404 page under a sub-path, the
«what applies to us» filter, the self-assessment checklist and the print of the standard.

axe-core comes from the PyPI package axe-playwright-python (its bundled axe.min.js is injected
with add_script_tag; nothing is fetched). Chromium is Debian's, as in test_e2e.py.
Screenshots of every page type at 1280 px and 375 px go to test-artefakter/.
"""

from __future__ import annotations

import csv
import http.server
import io
import json
import re
import shutil
import subprocess
import threading
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitehelpers import FIXTURE_REPO, PROJECT, build_site
from test_e2e import ARTEFACTS, _unavailable, base_url, browser  # noqa: F401 (fixtures)

# Every kind of page a reader meets; (name, path, open the search first).
PAGE_TYPES = [
    ("forside", "/", False),
    ("omrade", "/standard/internkontroll/", False),
    ("krav", "/krav/IK-003/", False),
    ("krav-relasjoner", "/krav/BE-001/", False),
    ("lov", "/lov/lov-2021-06-18-97/", False),
    ("analyse", "/analyse/", False),
    ("regler", "/regler/", False),
    ("egenkontroll", "/egenkontroll/", False),
    ("utskrift", "/standard/utskrift/", False),
    ("mandat", "/mandat/", False),
    ("404", "/404.html", False),
    ("sok", "/", True),
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> Path:
    try:
        import axe_playwright_python
    except ImportError:
        _unavailable("axe-playwright-python (axe-core) er ikke installert")
    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    if not path.is_file():
        _unavailable(f"{path} finnes ikke")
    return path


class Guard:
    """Records every request the page makes and refuses any that leaves 127.0.0.1."""

    def __init__(self) -> None:
        self.outside: list[str] = []
        self.problems: list[str] = []

    def route(self, route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture
def reader(browser):  # noqa: F811
    """A function that opens a fresh tab (width in px) guarded against outside requests."""
    opened = []

    def open_tab(width: int = 1280, expect_404: bool = False):
        context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
        guard = Guard()
        context.route("**/*", guard.route)
        tab = context.new_page()
        tab.on("pageerror", lambda error: guard.problems.append(f"pageerror: {error}"))

        def on_console(message):
            if message.type == "error" and not (expect_404 and "status of 404" in message.text):
                guard.problems.append(f"console: {message.text}")

        tab.on("console", on_console)
        tab.set_default_timeout(15000)
        opened.append((context, guard))
        return tab, guard

    yield open_tab
    for context, guard in opened:
        context.close()
        assert guard.outside == [], "forespørsler til andre verter enn 127.0.0.1:\n" + "\n".join(guard.outside)
        assert guard.problems == [], "JavaScript-feil:\n" + "\n".join(guard.problems)


def open_search(tab) -> None:
    tab.keyboard.press("s")  # Material's shortcut opens the search dialog
    box = tab.locator("input.md-search__input")
    box.wait_for(state="visible")
    for _ in range(10):  # the index loads in a worker: type again until results show
        box.fill("")
        box.press_sequentially("bemanning", delay=20)
        try:
            tab.locator(".md-search-result__item").first.wait_for(timeout=2000)
            return
        except Exception:
            continue
    pytest.fail("søket ga ingen treff")


def serious_violations(tab) -> list[str]:
    tab.add_script_tag(path=str(axe_script()))
    result = tab.evaluate("axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
                          % json.dumps(WCAG))
    found = []
    for violation in result["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = ", ".join(str(n["target"]) for n in violation["nodes"][:5])
            found.append(f"{violation['impact']} {violation['id']}: {violation['help']} ({targets})")
    return found


@pytest.mark.parametrize("name,path,search", PAGE_TYPES, ids=[p[0] for p in PAGE_TYPES])
def test_page_type_has_no_serious_accessibility_violation(reader, base_url, name, path, search):  # noqa: F811
    for width in (1280, 375):
        tab, guard = reader(width)
        tab.goto(base_url + path)
        tab.wait_for_load_state("load")
        if search:
            open_search(tab)
        ARTEFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTEFACTS / f"side-{name}-{width}.png"), full_page=not search)
        assert serious_violations(tab) == [], f"{path} ({width} px)"


def test_no_page_is_wider_than_a_phone(reader, base_url):  # noqa: F811
    """Nothing is cut off at 375 px: wide tables scroll inside their own box."""
    tab, _ = reader(375)
    for _, path, _ in PAGE_TYPES:
        tab.goto(base_url + path)
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} er {width} px bred"


# --- The 404 page under a sub-path ------------------------------------------------------------------------


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /utkast/ and answers 404 with the site's 404.html, as web hosts do."""

    prefix = "/utkast/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "finnes-ikke")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_404_page_is_norwegian_and_works_under_a_sub_path(reader, tmp_path, monkeypatch):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_SubPathHandler, directory=str(tmp_path)))
    port = server.server_address[1]
    monkeypatch.setenv("KRAV_SITE_URL", f"http://127.0.0.1:{port}/utkast/")
    done = build_site(FIXTURE_REPO, tmp_path)
    assert done.returncode == 0, done.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        tab, _ = reader(1280, expect_404=True)
        response = tab.goto(f"http://127.0.0.1:{port}/utkast/dette/finnes/ikke/")
        assert response.status == 404
        assert tab.locator("h1").inner_text() == "Siden finnes ikke"
        # The theme's stylesheet loaded (absolute link from site_url), so the page is styled.
        assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
        assert "Arbeidsutkast fra komiteen" in tab.locator("footer").inner_text()
        tab.locator("article a", has_text="Gå til forsiden").click()
        tab.wait_for_url(f"http://127.0.0.1:{port}/utkast/")
        assert "Standard for barnevernsinstitusjoner" in tab.title()
        tab.wait_for_load_state("networkidle")  # the search index loads in the background
        tab.close()
    finally:
        server.shutdown()
        server.server_close()


def test_footer_is_norwegian(reader, base_url):  # noqa: F811
    tab, _ = reader()
    tab.goto(base_url + "/")
    footer = tab.locator("footer").inner_text()
    assert "Made with" not in footer and "Laget med" in footer


# --- «Hva gjelder for oss» ---------------------------------------------------------------------------------


def visible_ids(tab) -> set[str]:
    return set(tab.evaluate("""Array.from(document.querySelectorAll('article h2.krav-bestemmelse[id]'))
        .filter(h => h.offsetParent !== null).map(h => h.id)"""))


def test_filter_shows_only_what_applies_and_the_choice_is_in_the_address(reader, base_url):  # noqa: F811
    tab, _ = reader()
    tab.goto(base_url + "/standard/bemanning/")
    assert visible_ids(tab) == {"BE-001", "BE-002"}
    tab.select_option("#krav-filter-eierform", "statlig")
    assert visible_ids(tab) == {"BE-002"}  # BE-001 applies to municipal and private only
    assert "eierform=statlig" in tab.url
    assert "1 av 2 bestemmelser" in tab.locator(".krav-filter-status").inner_text()
    tab.select_option("#krav-filter-institusjonstype", "omsorg")
    assert visible_ids(tab) == set()
    shared = tab.url  # a shared address gives the same view
    other, _ = reader()
    other.goto(shared)
    assert visible_ids(other) == set()
    assert other.locator("#krav-filter-eierform").input_value() == "statlig"
    # The choice follows the reader to the next page: the law page lists only what applies.
    other.goto(base_url + "/lov/lov-2021-06-18-97/?eierform=statlig")
    listed = other.evaluate("""Array.from(document.querySelectorAll('#omrade-bemanning + ul a[href*="krav/BE-001"]'))
        .filter(a => a.offsetParent !== null).length""")
    assert listed == 0 and other.locator("#omrade-bemanning + ul a[href*='krav/BE-001']").count() == 1
    link = other.locator("article a[href*='krav/IK-003']").first.get_attribute("href")
    assert "eierform=statlig" in link
    other.goto(base_url + "/krav/BE-001/?eierform=statlig")
    assert other.locator("[data-krav-filter]").get_attribute("data-krav-gjelder") == "nei"
    assert "gjelder ikke for statlig" in other.locator(".krav-filter-status").inner_text()


def test_without_javascript_everything_is_shown(browser, base_url):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(base_url + "/standard/bemanning/?eierform=statlig&institusjonstype=omsorg")
        text = tab.locator("article").inner_text()
        assert "Våkne voksne om natten" in text and "Egen bemanningsplan" in text
        assert "Hva gjelder for oss" not in text  # the control appears only where it works
    finally:
        context.close()


# --- Egenkontroll in the browser --------------------------------------------------------------------------

COLUMNS = ["Punkt", "Id", "Type", "Tittel", "Tekst", "Slik kontrolleres det", "Vurdering", "Begrunnelse (ikke relevant)",
           "Dokumentasjon", "Tiltak", "Ansvarlig", "Frist"]
EMPTY = ["", "", "", "", "", ""]


def answers(tab) -> dict:
    return tab.evaluate("""() => {
        const out = {};
        document.querySelectorAll('section.krav-sjekk').forEach(s => {
            const r = s.querySelector('input[type=radio]:checked');
            out[s.dataset.krav] = [r ? r.value : '', ...['begrunnelse', 'dokumentasjon', 'tiltak', 'ansvarlig', 'frist']
                .map(f => s.querySelector(`[data-felt=${f}]`).value)];
        });
        return out;
    }""")


def fill_in(tab) -> None:
    tab.locator("section[data-krav='IK-001'] input[value='delvis']").check()
    tab.locator("#IK-001-dokumentasjon").fill('Kvalitetshåndboka, kap. 2; "rutiner" =SUM(A1)')
    tab.locator("#IK-001-tiltak").fill("Oppdatere rutinene\nmed ny linje")
    tab.locator("#IK-001-ansvarlig").fill("Leder")
    tab.locator("#IK-001-frist").fill("2027-03-01")
    tab.locator("section[data-krav='BE-002'] input[value='ikke_relevant']").check()
    tab.locator("#BE-002-begrunnelse").fill("Vi har ikke helgeturnus")


def export(tab, label: str, dest: Path) -> Path:
    with tab.expect_download() as info:
        tab.get_by_role("button", name=label).click()
    info.value.save_as(str(dest))
    return dest


def test_checklist_keeps_answers_on_the_device_and_round_trips(reader, base_url, tmp_path):  # noqa: F811
    tab, guard = reader()
    tab.goto(base_url + "/egenkontroll/")
    assert tab.locator("section.krav-sjekk").count() == 4  # the withdrawn IK-002 is not assessed
    fill_in(tab)
    filled = answers(tab)
    assert filled["IK-001"] == ["delvis", "", 'Kvalitetshåndboka, kap. 2; "rutiner" =SUM(A1)',
                                "Oppdatere rutinene\nmed ny linje", "Leder", "2027-03-01"]
    tab.reload()
    assert answers(tab) == filled  # kept in this browser
    assert "Svar for 2 bestemmelser" in tab.locator(".krav-egenkontroll-status").inner_text()

    as_json = export(tab, "Eksporter som JSON", tmp_path / "svar.json")
    as_csv = export(tab, "Eksporter som CSV", tmp_path / "svar.csv")
    data = json.loads(as_json.read_text(encoding="utf-8"))
    assert data["format"] == "krav-egenkontroll" and data["formatversjon"] == 1
    assert data["standard"]["tittel"] == "Testmandat for nettstedet"
    row = next(r for r in data["rader"] if r["id"] == "IK-001")
    assert list(row) == ["punkt", "id", "type", "tittel", "tekst", "verifisering", "vurdering", "begrunnelse",
                         "dokumentasjon", "tiltak", "ansvarlig", "frist"]
    assert row["vurdering"] == "delvis" and row["type"] == "skal" and row["punkt"] == "4.1"
    raw = as_csv.read_bytes()
    assert raw.startswith("\ufeff".encode()), "CSV skal ha BOM"
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:4] == ["krav-egenkontroll", "1", "Testmandat for nettstedet", data["standard"]["versjon"]]
    assert table[1] == COLUMNS and len(table) == 6
    csv_row = next(r for r in table if r[1] == "IK-001")
    assert csv_row[6] == "delvis oppfylt" and csv_row[9] == "Oppdatere rutinene\nmed ny linje"
    assert csv_row[8] == "Kvalitetshåndboka, kap. 2; \"rutiner\" =SUM(A1)"
    assert next(r for r in table if r[1] == "BE-002")[6:8] == ["ikke relevant", "Vi har ikke helgeturnus"]

    for source in (as_json, as_csv):
        tab.get_by_role("button", name="Slett svarene på denne maskinen").click()
        assert all(v == EMPTY for v in answers(tab).values())
        tab.reload()
        assert all(v == EMPTY for v in answers(tab).values())
        tab.set_input_files("#krav-egenkontroll-fil", str(source))
        tab.wait_for_function("document.querySelector('.krav-egenkontroll-status').textContent.includes('Importerte')")
        assert answers(tab) == filled, source.name
        tab.reload()
        assert answers(tab) == filled, source.name
    assert guard.outside == []


def test_checklist_import_names_row_and_column_of_bad_input(reader, base_url, tmp_path):  # noqa: F811
    tab, _ = reader()
    tab.goto(base_url + "/egenkontroll/")
    bad = tmp_path / "feil.csv"
    bad.write_text("\ufeff" + ";".join(COLUMNS) + "\r\n4.1;IK-001;skal;t;x;;kanskje;;;;;\r\n9.9;XX-999;skal;t;x;;oppfylt;;;;;\r\n",
                   encoding="utf-8")
    tab.set_input_files("#krav-egenkontroll-fil", str(bad))
    status = tab.locator(".krav-egenkontroll-status")
    tab.wait_for_function("document.querySelector('.krav-egenkontroll-status').textContent.includes('feil.csv')")
    text = status.inner_text()
    assert "feil.csv, rad 2, kolonne «Vurdering»: ukjent svar «kanskje»" in text
    assert "feil.csv, rad 3: ukjent id «XX-999»" in text
    wrong = tmp_path / "kolonner.csv"
    wrong.write_text("Id;Svar\r\nIK-001;oppfylt\r\n", encoding="utf-8")
    tab.set_input_files("#krav-egenkontroll-fil", str(wrong))
    tab.wait_for_function("document.querySelector('.krav-egenkontroll-status').textContent.includes('kolonner.csv')")
    assert "rad 1: kolonnene «Punkt»" in status.inner_text()


def test_checklist_export_follows_what_applies(reader, base_url, tmp_path):  # noqa: F811
    tab, _ = reader()
    tab.goto(base_url + "/egenkontroll/?institusjonstype=omsorg")
    data = json.loads(export(tab, "Eksporter som JSON", tmp_path / "omsorg.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in data["rader"]] == ["IK-001", "IK-003", "BE-001"]  # BE-002 is for akutt only
    assert data["utvalg"]["gjelder_for"] == {"institusjonstype": "omsorg"}


# --- The print of the whole standard ------------------------------------------------------------------------


def test_print_of_the_whole_standard_marks_every_page_as_draft(reader, base_url, tmp_path):  # noqa: F811
    if shutil.which("pdftotext") is None:
        _unavailable("pdftotext finnes ikke (apt-get install poppler-utils)")
    tab, _ = reader()
    tab.goto(base_url + "/standard/utskrift/")
    tab.emulate_media(media="print")
    assert tab.locator(".md-sidebar--primary").first.is_hidden()  # no menus on paper
    assert tab.locator("details.krav-komite").count() == 0 or tab.locator("details.krav-komite").first.is_hidden()
    pdf = tmp_path / "standarden.pdf"
    tab.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    ARTEFACTS.mkdir(exist_ok=True)
    shutil.copy(pdf, ARTEFACTS / "standarden.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    printed = [p for p in text.split("\f") if p.strip()]
    assert len(printed) >= 2
    for number, content in enumerate(printed, start=1):
        assert "UTKAST – ikke en fastsatt standard" in content, f"side {number} mangler utkastmerket"
    whole = " ".join(printed)
    for expected in ("1 Omfang", "3 Termer og definisjoner", "4 Internkontroll",
                     "5 Bemanning", "Egen bemanningsplan"):
        assert expected in whole
    assert "Viser alt" not in whole  # the filter box is printed only when it narrows the page
    tab.goto(base_url + "/standard/utskrift/?institusjonstype=omsorg")
    tab.emulate_media(media="print")
    tab.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    narrowed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Viser det som gjelder for omsorgsinstitusjon" in narrowed and "Egen bemanningsplan" not in narrowed


def test_browser_exports_are_read_by_the_cli_and_cli_forms_by_the_browser(reader, base_url, tmp_path):  # noqa: F811
    """The same columns both ways: `krav egenkontroll` reads what the site exports, and the
    site imports the CLI's blank form once filled in."""
    from scripts.loading import load_repository
    from scripts.selfassessment.form import blank_form, to_csv, to_json
    from scripts.selfassessment.read import read_form

    repo = load_repository(FIXTURE_REPO)
    tab, _ = reader()
    tab.goto(base_url + "/egenkontroll/")
    tab.get_by_role("button", name="Slett svarene på denne maskinen").click()
    fill_in(tab)
    for label, name in (("Eksporter som JSON", "fra-nettstedet.json"), ("Eksporter som CSV", "fra-nettstedet.csv")):
        reading = read_form(export(tab, label, tmp_path / name), repo)
        assert [p.format() for p in reading.problems] == [], name
        rows = {r["id"]: r for r in reading.form.rows}
        assert rows["IK-001"]["vurdering"] == "delvis" and rows["IK-001"]["frist"] == "2027-03-01"
        assert rows["IK-001"]["dokumentasjon"] == 'Kvalitetshåndboka, kap. 2; "rutiner" =SUM(A1)'
        assert rows["BE-002"]["vurdering"] == "ikke_relevant" and rows["BE-002"]["begrunnelse"] == "Vi har ikke helgeturnus"

    form = blank_form(repo, FIXTURE_REPO)
    for row in form.rows:
        if row["id"] == "IK-003":
            row.update(vurdering="oppfylt", dokumentasjon="=Rutinehåndbok 3.1", ansvarlig="Kvalitetsleder")
    (tmp_path / "fra-cli.csv").write_bytes(to_csv(form))
    (tmp_path / "fra-cli.json").write_text(to_json(form), encoding="utf-8")
    for name in ("fra-cli.csv", "fra-cli.json"):
        tab.get_by_role("button", name="Slett svarene på denne maskinen").click()
        tab.set_input_files("#krav-egenkontroll-fil", str(tmp_path / name))
        tab.wait_for_function("document.querySelector('.krav-egenkontroll-status').textContent.includes('Importerte')")
        assert "Ikke importert" not in tab.locator(".krav-egenkontroll-status").inner_text()
        assert answers(tab)["IK-003"] == ["oppfylt", "", "=Rutinehåndbok 3.1", "", "Kvalitetsleder", ""], name


def test_xlsx_from_the_browser_is_read_by_the_cli_and_the_cli_xlsx_by_the_browser(reader, base_url, tmp_path):  # noqa: F811
    from openpyxl import load_workbook

    from scripts.loading import load_repository
    from scripts.render import egenkontroll
    from scripts.selfassessment import xlsx
    from scripts.selfassessment.form import blank_form
    from scripts.selfassessment.read import read_form

    assert (egenkontroll.FORM_SHEET, egenkontroll.MARKER_SHEET) == (xlsx.FORM_SHEET, xlsx.MARKER_SHEET)
    repo = load_repository(FIXTURE_REPO)
    tab, _ = reader()
    tab.goto(base_url + "/egenkontroll/")
    tab.get_by_role("button", name="Slett svarene på denne maskinen").click()
    fill_in(tab)
    filled = answers(tab)
    made = export(tab, "Eksporter som XLSX", tmp_path / "fra-nettstedet.xlsx")
    reading = read_form(made, repo)
    assert [p.format() for p in reading.problems] == []
    rows = {r["id"]: r for r in reading.form.rows}
    assert rows["IK-001"]["vurdering"] == "delvis" and rows["IK-001"]["tiltak"] == "Oppdatere rutinene\nmed ny linje"
    assert rows["BE-002"]["begrunnelse"] == "Vi har ikke helgeturnus"
    book = load_workbook(made)
    sheet = book[xlsx.FORM_SHEET]
    assert book[xlsx.MARKER_SHEET].sheet_state == "hidden"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and "delvis oppfylt" in validation.formula1
    assert sheet.print_title_rows in ("1:2", "$1:$2")

    # Back into the browser: our own file, then the CLI's form filled in with openpyxl.
    tab.get_by_role("button", name="Slett svarene på denne maskinen").click()
    tab.set_input_files("#krav-egenkontroll-fil", str(made))
    tab.wait_for_function("document.querySelector('.krav-egenkontroll-status').textContent.includes('Importerte')")
    assert answers(tab) == filled
    cli = tmp_path / "fra-cli.xlsx"
    form = blank_form(repo, FIXTURE_REPO)
    for row in form.rows:
        if row["id"] == "IK-003":
            row.update(vurdering="ikke_oppfylt", tiltak="Skrive beskrivelsen", frist="2027-06-30")
    cli.write_bytes(xlsx.write_form(form))
    tab.get_by_role("button", name="Slett svarene på denne maskinen").click()
    tab.set_input_files("#krav-egenkontroll-fil", str(cli))
    tab.wait_for_function("document.querySelector('.krav-egenkontroll-status').textContent.includes('fra-cli.xlsx')")
    assert "Importerte" in tab.locator(".krav-egenkontroll-status").inner_text(), tab.locator(".krav-egenkontroll-status").inner_text()
    assert answers(tab)["IK-003"] == ["ikke_oppfylt", "", "", "Skrive beskrivelsen", "", "2027-06-30"]


def test_checklist_refuses_a_broken_or_hostile_xlsx_with_a_norwegian_message(reader, base_url, tmp_path):  # noqa: F811
    import zipfile

    tab, _ = reader()
    tab.goto(base_url + "/egenkontroll/")
    not_zip = tmp_path / "tull.xlsx"
    not_zip.write_bytes(b"dette er ikke en arbeidsbok")
    climbing = tmp_path / "klatrer.xlsx"
    with zipfile.ZipFile(climbing, "w") as package:
        package.writestr("../../utenfor.xml", "<x/>")
    for path, expected in ((not_zip, "tull.xlsx: filen er ikke en XLSX-arbeidsbok"),
                           (climbing, "klatrer.xlsx: en del av pakken har et ugyldig navn")):
        tab.set_input_files("#krav-egenkontroll-fil", str(path))
        tab.wait_for_function("name => document.querySelector('.krav-egenkontroll-status').textContent.includes(name)",
                              arg=path.name)
        assert expected in tab.locator(".krav-egenkontroll-status").inner_text()
    assert all(v == EMPTY for v in answers(tab).values())


def test_checklist_asks_for_a_reason_when_not_relevant(reader, base_url):  # noqa: F811
    tab, _ = reader()
    tab.goto(base_url + "/egenkontroll/")
    tab.get_by_role("button", name="Slett svarene på denne maskinen").click()
    tab.locator("section[data-krav='IK-003'] input[value='ikke_relevant']").check()
    hint = tab.locator("#IK-003-begrunnelse-hint")
    assert hint.inner_text() == "Skriv hvorfor bestemmelsen ikke er relevant for dere."
    assert tab.locator("#IK-003-begrunnelse").get_attribute("aria-describedby") == "IK-003-begrunnelse-hint"
    tab.locator("#IK-003-begrunnelse").fill("Vi har ingen slik enhet")
    assert hint.count() == 0
    assert serious_violations(tab) == []


def test_front_page_counts_follow_the_filter(reader, base_url):  # noqa: F811
    tab, _ = reader()
    tab.goto(base_url + "/")
    table = tab.locator("article table").first
    bemanning = table.locator("tr", has_text="Bemanning")
    assert bemanning.locator("td").all_inner_texts()[1:] == ["1", "1", "0", "2"]
    tab.select_option("#krav-filter-institusjonstype", "omsorg")  # BE-002 (vedtatt) is for akutt only
    assert bemanning.locator("td").all_inner_texts()[1:] == ["1", "0", "0", "1"]
    assert table.locator("tr", has_text="Totalt").locator("td").all_inner_texts()[1:] == ["2", "1", "1", "4"]
    assert "0 tillatelser («kan»)" in tab.locator("article").inner_text()
    assert "Tallene viser det som gjelder for omsorgsinstitusjon" in tab.locator(".krav-filter-status").inner_text()
    assert "institusjonstype=omsorg" in tab.url


def test_new_pages_show_injected_record_text_as_text(reader, base_url):  # noqa: F811
    """IK-001's title and text try to inject script; the checklist, the print, the analysis
    figures and the relation diagrams must show them, never run them."""
    tab, _ = reader()
    for path in ("/egenkontroll/", "/standard/utskrift/", "/analyse/", "/krav/BE-001/", "/krav/IK-001/", "/"):
        tab.goto(base_url + path)
        tab.wait_for_load_state("load")
        assert tab.evaluate("window.__xss") is None, path
        article = tab.locator("article")
        assert article.locator("script, img, iframe, object").count() == 0, path
        assert tab.locator("a[href^='javascript:'], [onerror], [onload]").count() == 0, path
    tab.goto(base_url + "/egenkontroll/")
    assert "<script>window.__xss = 1; alert(1)</script>" in tab.locator("section[data-krav='IK-001'] h3").inner_text()
