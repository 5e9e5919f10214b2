"""The editor in a real Chromium, against a real uvicorn server on a free port: what an
author does, typed and clicked as they would, and axe-core's accessibility checks.

Skipped, with the reason, only where no Chromium (or no Playwright) can be had; `make test`
installs Debian's chromium and the npm axe-core when it runs as root.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from conftest import make_project
from helpers import EMILY

from briefing_builder.editor.app import create_app
from briefing_builder.settings import load_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

playwright = pytest.importorskip("playwright.sync_api", reason="the playwright package is "
                                 "not installed (pip install -e '.[test]')")
if not Path(CHROMIUM).exists():
    pytest.skip("no chromium: install it with `apt-get install chromium` (make test does, "
                "as root)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """uvicorn serving the editor over a project, in a thread."""

    def __init__(self, project: Path, port: int | None = None) -> None:
        import uvicorn

        self.port = port or free_port()
        app = create_app(load_settings(project), warm=False)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "the editor did not start"
            time.sleep(0.05)
        app.app.state.editor.warm()  # a layout made once, as at start-up

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop, and wait until no request of this server is laying a page out: the tests
        after it use the layout engine in the main thread."""
        self.server.should_exit = True
        self.thread.join(20)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(20)
        assert not self.thread.is_alive(), "the editor did not stop"


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("editor"))


@pytest.fixture(scope="module")
def warm_server(shared):
    """One server for the module: laying out the first briefing in a process is slow."""
    running = Server(shared)
    yield running
    running.stop()


@pytest.fixture
def project(shared) -> Path:
    """The shared project with only EMILY in it, as it is shipped."""
    folder = shared / "briefings"
    shutil.rmtree(folder)
    folder.mkdir()
    shutil.copy(EMILY, folder / "emily.yaml")
    return shared


@pytest.fixture
def server(warm_server, project):
    return warm_server


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def findings(page, group: str):
    return page.locator(f"#{group}-findings[role=status]")


def test_a_postcode_is_found_as_it_is_typed_and_goes_when_removed(page, server):
    page.goto(f"{server.url}/b/emily")
    background = page.get_by_label("Background", exact=True)
    background.press("Control+End")
    background.press_sequentially(" BD1 1HX", delay=20)
    started = time.monotonic()
    playwright.expect(findings(page, "f-background")).to_contain_text(
        "postcode: 'BD1 1HX'", timeout=5000)
    assert time.monotonic() - started < 2.5  # within a second or so of the last key
    playwright.expect(background).to_have_attribute("aria-invalid", "true")
    playwright.expect(page.locator("#summary")).to_contain_text("1 error")
    for _ in " BD1 1HX":
        background.press("Backspace")
    playwright.expect(findings(page, "f-background")).to_have_text("", timeout=5000)
    playwright.expect(page.locator("#summary")).to_have_text("No problems found.")
    playwright.expect(page.get_by_alt_text("Page 1 preview")).to_be_visible()
    playwright.expect(page.get_by_alt_text("Page 2 preview")).to_be_visible()
    playwright.expect(page.locator("#preview-state")).to_have_text(
        "Printed at text size 9 pt.")


def test_an_overflowing_panel_is_marked_on_the_picture(page, server):
    page.goto(f"{server.url}/b/emily")
    long = " ".join(["The family moved home again and the records did not follow."] * 40)
    page.get_by_label("Background", exact=True).fill(long)
    playwright.expect(page.locator("#marks rect")).to_have_count(1, timeout=8000)
    playwright.expect(page.locator("#overflows")).to_contain_text(
        re.compile(r"Marked on the picture: the \"Background\" panel is \d+ lines? too long "
                   r"to fit the page, even at 7.5 pt: cut at least \d+ words"))
    playwright.expect(findings(page, "f-background")).to_contain_text("cut at least")
    playwright.expect(page.locator("#preview-state")).to_contain_text("Too long")


def test_save_writes_the_yaml_keeping_the_comments(page, server, project):
    path = project / "briefings" / "emily.yaml"
    before = path.read_text("utf-8")
    page.goto(f"{server.url}/b/emily")
    group = page.get_by_role("group", name="Questions")
    group.get_by_label("Question 1", exact=True).fill("What does the child say?")
    group.get_by_role("button", name="Move down question 1").click()
    page.get_by_role("button", name="Save", exact=True).click()
    playwright.expect(page.locator("#save-state")).to_contain_text("Saved at")
    after = path.read_text("utf-8")
    assert after.startswith("# 7-minute briefing from the Practice and Learning Bulletin")
    assert after == before.replace(
        "  - What is the day to day life of the child like?\n"
        "  - What is the impact on the child (or children) of repeated incidents?\n",
        "  - What is the impact on the child (or children) of repeated incidents?\n"
        "  - What does the child say?\n")


def test_save_refuses_when_the_file_changed_on_disk(page, server, project):
    path = project / "briefings" / "emily.yaml"
    page.goto(f"{server.url}/b/emily")
    page.get_by_label("Subject", exact=True).fill("EMILY B")
    theirs = path.read_text("utf-8").replace("partnership: Bradford", "partnership: Leeds")
    path.write_text(theirs, encoding="utf-8")
    page.get_by_role("button", name="Save", exact=True).click()
    alert = page.get_by_role("alert").filter(has_text="changed on disk")
    playwright.expect(alert).to_contain_text("Not saved: emily.yaml was changed on disk")
    playwright.expect(page.locator("#theirs")).to_contain_text("partnership: Leeds")
    playwright.expect(page.locator("#yours")).to_contain_text("subject: EMILY B")
    assert path.read_text("utf-8") == theirs


def test_typed_text_survives_a_failed_save_and_a_restart(page, project):
    first = Server(project)
    page.goto(f"{first.url}/b/emily")
    page.get_by_label("Partnership", exact=True).fill("Leeds Safeguarding Partnership")
    page.wait_for_timeout(300)
    first.stop()
    page.get_by_role("button", name="Save", exact=True).click()
    playwright.expect(page.locator("#save-alert")).to_contain_text("Not saved")
    second = Server(project, first.port)
    try:
        page.goto(f"{second.url}/b/emily")
        playwright.expect(page.locator("#draft-note")).to_contain_text("Put back the changes")
        playwright.expect(page.get_by_label("Partnership", exact=True)).to_have_value(
            "Leeds Safeguarding Partnership")
        page.get_by_role("button", name="Save", exact=True).click()
        playwright.expect(page.locator("#save-state")).to_contain_text("Saved at")
        assert "partnership: Leeds Safeguarding Partnership\n" in \
            (project / "briefings" / "emily.yaml").read_text("utf-8")
    finally:
        second.stop()


def test_a_new_briefing_is_started_from_the_home_page(page, server, project):
    page.goto(server.url)
    page.get_by_label("File name", exact=True).fill("alex")
    page.get_by_role("button", name="New briefing").click()
    page.wait_for_url(f"{server.url}/b/alex")
    playwright.expect(page.get_by_role("heading", level=1)).to_contain_text("“ALEX”")
    playwright.expect(findings(page, "f-background")).to_contain_text("guidance text")
    assert (project / "briefings" / "alex.yaml").is_file()
    page.goto(server.url)
    playwright.expect(page.get_by_role("link", name="Learning from Practice Review – “ALEX”")
                      ).to_be_visible()


def test_a_word_document_is_imported(page, server, project, tmp_path):
    from test_import import USUAL, word

    document = tmp_path / "Sam review.docx"
    document.write_bytes(word("Learning from Practice Review – SAM", USUAL))
    page.goto(server.url)
    page.get_by_label("Word document", exact=True).set_input_files(document)
    page.get_by_role("button", name="Import").click()
    page.wait_for_url(f"{server.url}/b/sam-review")
    playwright.expect(page.get_by_label("The incident", exact=True)).to_have_value(
        re.compile("Sam was four"))
    playwright.expect(page.locator(".note").first).to_contain_text("Imported from Sam review")


def test_points_are_added_and_removed_by_keyboard(page, server):
    page.goto(f"{server.url}/b/emily")
    add = page.get_by_role("button", name="Add a question")
    add.focus()
    page.keyboard.press("Enter")
    new = page.get_by_label("Question 8", exact=True)
    playwright.expect(new).to_be_focused()
    page.keyboard.type("Who speaks for the child?")
    playwright.expect(page.locator("#list-status")).to_have_text("Added Question 8.")
    page.get_by_role("button", name="Remove question 8").press("Enter")
    playwright.expect(page.get_by_label("Question 8", exact=True)).to_have_count(0)
    # Tab reaches every control in order, none is skipped or trapped.
    page.goto(f"{server.url}/b/emily")
    page.locator("body").focus()
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id || document.activeElement.name"))
    assert {"f-title", "f-background-text", "f-concerns-item-0", "f-resources-url-0",
            "f-concerns-add", "save", "build-pdf"} <= reached


def test_the_pdf_is_built_and_downloaded(page, server, project):
    page.goto(f"{server.url}/b/emily")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save and download the PDF").click()
    assert download.value.suggested_filename == "emily.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")


def axe(page) -> list[dict]:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm install --prefix tests/editor` "
                    "(make test does)")
    page.add_script_tag(content=AXE.read_text("utf-8"))
    result = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}}))
        .violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))""")
    return result


@pytest.fixture
def axe_page(browser):
    """A page that lets axe-core's script in past the editor's content security policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("path", ["/", "/b/emily", "/login"])
def test_axe_finds_no_violations(axe_page, server, path):
    page = axe_page
    page.goto(server.url + path)
    page.wait_for_timeout(300)
    assert axe(page) == []


def test_axe_finds_no_violations_with_findings_a_conflict_and_an_overflow(axe_page, server,
                                                                         project):
    page = axe_page
    page.goto(f"{server.url}/b/emily")
    page.get_by_label("Background", exact=True).fill(
        " ".join(["Seen at BD1 1HX, the records did not follow the family."] * 40))
    playwright.expect(page.locator("#marks rect")).to_have_count(1, timeout=8000)
    path = project / "briefings" / "emily.yaml"
    path.write_text(path.read_text("utf-8") + "\n", encoding="utf-8")
    page.get_by_role("button", name="Save", exact=True).click()
    playwright.expect(page.locator("#conflict")).to_be_visible()
    assert axe(page) == []


@pytest.mark.parametrize("path", ["/", "/b/emily"])
def test_it_works_at_320_pixels_wide(browser, server, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(server.url + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    if path != "/":
        playwright.expect(page.get_by_label("Background", exact=True)).to_be_visible()
        box = page.get_by_alt_text("Page 1 preview").bounding_box()
        assert box["width"] <= 320
    context.close()
