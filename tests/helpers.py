"""Helpers every test may use: tiny briefings written into a folder, the shipped EMILY,
and a built PDF read the way a reader would: words and where they sit, links, fonts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pypdf import PageObject, PdfReader

from briefing_builder.publish.marked import marked_text  # noqa: F401  (tests use it too)

MM_PER_PT = 25.4 / 72
ROOT = Path(__file__).resolve().parent.parent
EMILY = ROOT / "briefings" / "emily.yaml"


def minimal(**fields) -> dict:
    """A valid briefing with short text in every panel; `fields` override or add."""
    data = {
        "title": "Learning from Practice Review – “ALEX”",
        "partnership": "Example Safeguarding Partnership",
        "subject": "ALEX",
        "published": "2022-03-01",
        "background": "Alex was nine years old and lived with his father.",
        "concerns": ["Concern one about school.", "Concern two about health.",
                     "Concern three about housing."],
        "information": ["Information point."],
        "resources": [{"title": "Procedures", "url": "https://example.org/procedures"}],
        "questions": ["What is the child's day like?"],
        "what_to_do": ["Talk to the child."],
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def write(folder: Path, name: str, content: dict | str) -> Path:
    """Write a briefing file; a dict is dumped as YAML, a str is written as it is."""
    path = folder / name
    text = content if isinstance(content, str) else yaml.safe_dump(
        content, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Run:
    """A run of text and the millimetres of its baseline start from the page's top left."""

    text: str
    left: float
    top: float


def runs(page: PageObject) -> list[Run]:
    """Return the text runs of a page in content-stream (reading) order."""
    height = float(page.mediabox.height)
    found: list[Run] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Run(text.strip(), x * MM_PER_PT, (height - y) * MM_PER_PT))

    page.extract_text(visitor_text=visit)
    return found


def page_size_mm(page: PageObject) -> tuple[float, float]:
    return (round(float(page.mediabox.width) * MM_PER_PT, 1),
            round(float(page.mediabox.height) * MM_PER_PT, 1))


def link_targets(page: PageObject) -> list[str]:
    """The URIs of the page's link annotations, in order."""
    targets = []
    for annotation in page.get("/Annots") or ():
        annotation = annotation.get_object()
        if annotation.get("/Subtype") == "/Link" and "/A" in annotation:
            targets.append(str(annotation["/A"].get("/URI")))
    return targets


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Map each font's name to whether its program is embedded in the file."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts", [font])[0].get_object()
            descriptor = descendant.get("/FontDescriptor", {})
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def font_sizes(page: PageObject) -> dict[str, float]:
    """Map each text run to the size, in points, it is printed at."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes[text.strip()] = round(size * abs(tm[0]) * abs(cm[0]), 2)

    page.extract_text(visitor_text=visit)
    return sizes


def picture(path, page: int = 0, dpi: int = 100, mode: str = "L"):
    """Return a page of the PDF as a PIL image, greyscale unless `mode` says otherwise."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        bitmap = document[page].render(scale=dpi / 72)
        return bitmap.to_pil().convert(mode)
    finally:
        document.close()


@dataclass(frozen=True)
class Element:
    """A structure element of a tagged PDF: its type, its text, its alternative text."""

    tag: str
    text: str
    alt: str | None
    title: str | None = None
    lang: str | None = None


def structure(reader: PdfReader) -> list[Element]:
    """Return every structure element in document order (depth first), with its text."""
    pages = {page.indirect_reference.idnum: page for page in reader.pages}
    marked: dict[int, dict[int, str]] = {}

    def text_of(node, page_id) -> str:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, int):
            if page_id not in marked:
                marked[page_id] = marked_text(pages[page_id])
            return marked[page_id].get(node, "")
        if isinstance(node, list):
            return "".join(text_of(kid, page_id) for kid in node)
        if hasattr(node, "get"):
            if "/Pg" in node:
                page_id = node.raw_get("/Pg").idnum
            if node.get("/Type") == "/MCR":
                return text_of(int(node["/MCID"]), page_id)
            if "/K" in node:
                return text_of(node["/K"], page_id)
        return ""

    found: list[Element] = []

    def walk(node, page_id):
        node = node.get_object()
        if "/Pg" in node:
            page_id = node.raw_get("/Pg").idnum
        if "/S" in node:
            alt, title, lang = node.get("/Alt"), node.get("/T"), node.get("/Lang")
            found.append(Element(str(node["/S"])[1:], " ".join(
                text_of(node.get("/K", []), page_id).split()), str(alt) if alt else None,
                str(title) if title else None, str(lang) if lang else None))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid_object = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid_object, "get") and "/S" in kid_object:
                walk(kid, page_id)

    walk(reader.trailer["/Root"]["/StructTreeRoot"], None)
    return found


HEADINGS = {1: "BACKGROUND", 2: "WHAT WERE THE CONCERNS?", 3: "THE CONCERNS CONTINUED",
            4: "INFORMATION", 5: "RESOURCES", 6: "QUESTIONS", 7: "WHAT TO DO"}


def panel_runs(page) -> dict[int | None, list[Run]]:
    """The text runs of a page of panels, by panel: the page is drawn in reading order,
    and each panel starts with its number, alone, followed by its heading in capitals.
    Runs before panel 1 (the title in the centre) are under None."""
    found: dict[int | None, list[Run]] = {None: []}
    current: int | None = None
    page_runs = runs(page)
    for index, run in enumerate(page_runs):
        following = page_runs[index + 1].text if index + 1 < len(page_runs) else ""
        expected = 1 if current is None else current + 1
        if run.text == str(expected) and following.isupper():
            current = expected
            found[current] = []
        found[current].append(run)
    return found


def panel_text(page) -> dict[int | None, str]:
    """The text of each panel of a page, by number (None: the title in the centre)."""
    return {number: " ".join(run.text for run in found)
            for number, found in panel_runs(page).items()}


def heading_places(page) -> dict[int, tuple[float, float]]:
    """Where each panel's number is printed: (left, top) in mm."""
    return {number: (found[0].left, found[0].top)
            for number, found in panel_runs(page).items() if number is not None}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Keys that carry active content or files, and names that say an object is one.
FORBIDDEN = {"/JavaScript", "/JS", "/EmbeddedFiles", "/AA", "/OpenAction", "/AF", "/EF",
             "/AcroForm", "/XFA", "/RichMediaContent", "/Ref"}
FORBIDDEN_NAMES = {"/JavaScript", "/Launch", "/FileAttachment", "/EmbeddedFile", "/Filespec",
                   "/Widget", "/RichMedia", "/Screen", "/Rendition", "/GoToR", "/SubmitForm",
                   "/ImportData"}


def active_parts(reader) -> set[str]:
    """Every forbidden key or name anywhere in the PDF's object graph, and "/Next" for an
    action with more actions chained after it."""
    found, seen = set(), set()

    def walk(value):
        if hasattr(value, "idnum"):
            if value.idnum in seen:
                return
            seen.add(value.idnum)
            value = value.get_object()
        if isinstance(value, dict):
            if "/S" in value and "/Next" in value:
                found.add("/Next")
            for key, item in value.items():
                if key in FORBIDDEN:
                    found.add(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif str(value) in FORBIDDEN_NAMES:
            found.add(str(value))

    walk(reader.trailer.raw_get("/Root"))
    return found


def untagged_aside(result):
    """A bundle's result with its `attachment-untagged` warnings set aside, for tests of
    PDFs from elsewhere made without tags on purpose (each warning is checked to be one)."""
    untagged = [p for p in result.problems if p.code == "attachment-untagged"]
    assert all(p.severity.value == "warning" for p in untagged)
    result.problems = [p for p in result.problems if p.code != "attachment-untagged"]
    return result
