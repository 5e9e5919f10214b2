"""A bulletin issue as one accessible web page: contents with anchors, each briefing's HTML
twin as a section, PDFs from elsewhere listed by title; read back as a screen reader
would (headings and links), and checked by axe-core in Chromium where both are here."""

from __future__ import annotations

import html
import html.parser
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT, minimal, write

from briefing_builder.bulletin import bundle
from briefing_builder.settings import Settings

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
# axe-core from npm: where AXE_CORE says, or where the browser tests install it.
AXE = [Path(os.environ["AXE_CORE"])] if os.environ.get("AXE_CORE") else [
    ROOT / "tests" / "editor" / "node_modules" / "axe-core" / "axe.min.js",
    ROOT / "node_modules" / "axe-core" / "axe.min.js"]
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

MANIFEST = """\
title: Practice and Learning Bulletin – March 2022
issue: 2022-03
published: 2022-03-01
attachments:
  - briefing: ../alex.yaml
  - pdf: ../reports/review.pdf
    title: Serious Case Review – Alex (full report)
  - briefing: ../sam.yaml
"""


class Outline(html.parser.HTMLParser):
    """Headings, ids, links and languages of a page, as a screen reader lists them."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str, str | None]] = []  # level, text, id
        self.links: list[tuple[str, str]] = []  # href, text
        self.ids: set[str] = set()
        self.langs: dict[str, str] = {}  # an element's id -> its lang
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
            if "lang" in attrs:
                self.langs[attrs["id"]] = attrs["lang"]
        if re.fullmatch(r"h[1-6]|a", tag):
            self._open.append([tag, attrs, ""])

    def handle_data(self, data):
        for item in self._open:
            item[2] += data

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            tag, attrs, text = self._open.pop()
            text = " ".join(text.split())
            if tag == "a":
                self.links.append((attrs["href"], text))
            else:
                self.headings.append((tag, text, attrs.get("id")))


@pytest.fixture(scope="module")
def issue(tmp_path_factory, emily_pdf):
    project = tmp_path_factory.mktemp("issue")
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    write(project, "alex.yaml", minimal())
    write(project, "sam.yaml", minimal(title="Learning from Practice Review – SAM",
                                       subject="SAM", background="Sam was four.",
                                       lang="cy-GB"))
    (project / "reports").mkdir()
    shutil.copy(emily_pdf, project / "reports" / "review.pdf")
    (project / "issues").mkdir()
    write(project / "issues", "2022-03.yaml", MANIFEST)
    result = bundle(project / "issues" / "2022-03.yaml", Settings(output=project / "build"),
                    project / "out")
    assert not result.failed, [p.format() for p in result.problems]
    return project / "out" / "2022-03.html"


def test_the_page_reads_contents_then_each_briefing(issue):
    page = Outline()
    page.feed(issue.read_text("utf-8"))
    levels = [(level, text) for level, text, _ in page.headings]
    assert levels[:2] == [("h1", "Practice and Learning Bulletin – March 2022"),
                          ("h2", "In this issue")]
    assert levels[2:4] == [("h2", "Learning from Practice Review – “ALEX”"),
                           ("h3", "1 Background")]
    assert [text for level, text in levels if level == "h2"][1:] == [
        "Learning from Practice Review – “ALEX”", "Learning from Practice Review – SAM"]
    assert len([level for level, _ in levels if level == "h3"]) == 14  # seven panels each
    # No heading skips a level, and every id is used once.
    numbers = [int(level[1]) for level, _ in levels]
    assert all(b <= a + 1 for a, b in zip(numbers, numbers[1:]))
    assert len(page.ids) == len(re.findall(r'\bid="', issue.read_text("utf-8")))


def test_the_contents_link_to_anchors_and_pdfs(issue):
    page = Outline()
    page.feed(issue.read_text("utf-8"))
    contents = page.links[:3]
    assert contents == [
        ("#01-learning-from-practice-review-alex", "Learning from Practice Review – “ALEX”"),
        ("2022-03/02-serious-case-review-alex-full-report.pdf",
         "Serious Case Review – Alex (full report)"),
        ("#03-learning-from-practice-review-sam", "Learning from Practice Review – SAM")]
    for href, _ in contents:
        if href.startswith("#"):
            assert href[1:] in page.ids and f"{href[1:]}-title" in page.ids
        else:
            assert (issue.parent / href).is_file()
    assert page.langs == {"03-learning-from-practice-review-sam": "cy-GB"}
    assert ("https://example.org/procedures", "Procedures") in page.links
    assert 'lang="en-GB"' in issue.read_text("utf-8").split(">", 2)[1]


def test_the_page_is_made_again_the_same(issue, tmp_path):
    project = issue.parent.parent
    again = bundle(project / "issues" / "2022-03.yaml", Settings(output=project / "build"),
                   tmp_path)
    assert (tmp_path / "2022-03.html").read_bytes() == issue.read_bytes()
    assert again.output.read_bytes() == (issue.parent / "2022-03.pdf").read_bytes()


def axe_violations(page: Path, folder: Path) -> list[dict]:
    """axe-core's violations of a page, run in headless Chromium over a copy of it."""
    axe = next((path for path in AXE if path.is_file()), None)
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    if axe is None:
        pytest.skip("axe-core is not installed: `npm install --prefix tests/editor` (or set "
                    "AXE_CORE to its axe.min.js)")
    runner = (
        f"<script>{axe.read_text('utf-8')}</script><script>"
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(RULES)}}}}})"
        ".then(function (r) { var pre = document.createElement('pre'); pre.id = 'axe-result';"
        " pre.textContent = JSON.stringify(r.violations.map(function (v) { return {id: v.id,"
        " nodes: v.nodes.map(function (n) { return n.target.join(' '); })}; }));"
        " document.body.appendChild(pre); });</script>")
    copy = folder / "axe.html"
    copy.write_text(page.read_text("utf-8").replace("</body>", runner + "</body>"), "utf-8")
    shown = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--virtual-time-budget=30000", "--dump-dom",
         copy.as_uri()], capture_output=True, text=True, timeout=180, check=False)
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', shown.stdout, re.S)
    assert found, shown.stderr[-2000:]
    return json.loads(html.unescape(found.group(1)))


def test_axe_finds_no_violations(issue, tmp_path):
    assert axe_violations(issue, tmp_path) == []


def test_axe_is_listening(issue, tmp_path):
    """The same run finds a picture without alternative text: the check can fail."""
    broken = tmp_path / "broken.html"
    broken.write_text(issue.read_text("utf-8").replace("</main>", '<img src="x.png"></main>'))
    assert [v["id"] for v in axe_violations(broken, tmp_path)] == ["image-alt"]
