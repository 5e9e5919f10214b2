"""The tags of every briefing PDF, read back from the structure tree as a screen reader
meets them: each link one Link element, holding every annotation of it, described by its
text; the recommendations one list, each item its number (Lbl) and its text (LBody); and
the ParentTree naming, for every piece of content and every annotation, the element that
holds it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import page
import pytest
import yaml
from helpers import EMILY, ROOT, marked_text, minimal, normalise, write
from pypdf import PdfReader

from briefing_builder import build
from briefing_builder.settings import load_settings

SOURCE = yaml.safe_load(EMILY.read_text("utf-8"))
LINK_TEXTS = [SOURCE["source"]["title"], *(r["title"] for r in SOURCE["resources"])]
RECOMMENDATIONS = [normalise(text) for text in SOURCE["recommendations"]]
BUILDS = {"default": {"large_print": True, "html": True},
          "a3": {"paper": "a3", "bleed": 3.0, "marks": True},
          "themed": {"theme": "example-partnership"}, "pdf-a": {"pdf_a": True}}
LONG_TITLE = ("Multi-agency procedures of the partnership for child protection conferences, "
              "core groups and the plans they make")


@dataclass
class Node:
    """A structure element: its type, its text, its /Alt, its kids and its annotations."""

    tag: str
    text: str
    alt: str | None
    reference: int
    kids: list[Node] = field(default_factory=list)
    annotations: list = field(default_factory=list)

    def all(self, tag: str) -> list[Node]:
        """Every element of type `tag` at or under this one, in reading order."""
        found = [self] if self.tag == tag else []
        for kid in self.kids:
            found += kid.all(tag)
        return found


def tree(reader: PdfReader) -> Node:
    """The structure tree of a PDF, from its root."""
    pages = {page.indirect_reference.idnum: page for page in reader.pages}
    texts: dict[int, dict[int, str]] = {}

    def node(reference, page_id) -> Node:
        element = reference.get_object()
        if "/Pg" in element:
            page_id = element.raw_get("/Pg").idnum
        kids = element.get("/K", [])
        made = Node(str(element.get("/S", "/StructTreeRoot"))[1:], "",
                    str(element["/Alt"]) if "/Alt" in element else None, reference.idnum)
        pieces = []
        for kid in kids if isinstance(kids, list) else [kids]:
            value = kid.get_object()
            if isinstance(value, int):
                if page_id not in texts:
                    texts[page_id] = marked_text(pages[page_id])
                pieces.append(texts[page_id].get(value, ""))
            elif value.get("/Type") == "/OBJR":
                made.annotations.append(value["/Obj"].get_object())
            elif "/S" in value:
                made.kids.append(node(kid, page_id))
                pieces.append(made.kids[-1].text)
        made.text = " ".join(" ".join(pieces).split())
        return made

    return node(reader.trailer["/Root"].raw_get("/StructTreeRoot"), None)


def parent_tree_faults(reader: PdfReader) -> list[str]:
    """Where the ParentTree names an element that does not hold the content or the
    annotation it is the entry of, or one that is not in the tree."""
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    nums = root["/ParentTree"]["/Nums"]
    entries = {nums[index]: nums[index + 1] for index in range(0, len(nums), 2)}
    faults = []
    for number, sheet in enumerate(reader.pages):
        for mcid, holder in enumerate(entries[sheet["/StructParents"]]):
            if mcid not in _kids(holder):
                faults.append(f"page {number + 1}, MCID {mcid}: not in the element named")
            if not _in_tree(holder):
                faults.append(f"page {number + 1}, MCID {mcid}: its element is not in the tree")
        for annotation in sheet.get("/Annots", []):
            holder = entries[annotation.get_object()["/StructParent"]]
            if not any(not isinstance(kid, int) and kid.get_object().get("/Obj") == annotation
                       for kid in _kids(holder)):
                faults.append(f"page {number + 1}: an annotation not in the element named")
            if not _in_tree(holder):
                faults.append(f"page {number + 1}: an annotation's element is not in the tree")
    return faults


def _kids(reference) -> list:
    kids = reference.get_object().get("/K", [])
    return kids if isinstance(kids, list) else [kids]


def _in_tree(reference) -> bool:
    """True when every element from this one up to the root is among its parent's kids.
    What the page margins hold (the page number) the layout engine tags, but keeps out of
    the tree on purpose: it counts as in it."""
    while reference.get_object().get("/Type") == "/StructElem":
        parent = reference.get_object().raw_get("/P")
        if reference not in _kids(parent):
            return reference.get_object()["/S"] == "/NonStruct" and \
                parent.get_object().get("/S") == "/Document"
        reference = parent
    return True


def assert_links_whole(reader: PdfReader, texts: list[str]) -> None:
    """One Link element per link, holding all its annotations, each described by the
    link's text, as the element is."""
    links = tree(reader).all("Link")
    assert sorted(link.alt or "" for link in links) == sorted(texts)
    for link in links:
        # all of the text drawn, each line apart (one may end in a hyphen: "non-", "mobile")
        assert link.text.replace(" ", "") == link.alt.replace(" ", "")
        assert link.annotations
        assert [str(a["/Contents"]) for a in link.annotations] == [link.alt] * len(
            link.annotations)
    assert parent_tree_faults(reader) == []


def recommendation_lists(reader: PdfReader) -> list[Node]:
    """The lists that hold the recommendations, in reading order."""
    return [element for element in tree(reader).all("L")
            if any(text in element.text for text in RECOMMENDATIONS)]


def assert_numbered(items: list[Node]) -> None:
    """The recommendations as list items, in order 1..N, each its number and its text."""
    assert [item.tag for item in items] == ["LI"] * len(RECOMMENDATIONS)
    for number, (item, text) in enumerate(zip(items, RECOMMENDATIONS, strict=True), 1):
        assert [kid.tag for kid in item.kids] == ["Lbl", "LBody"]
        label, body = item.kids
        assert label.text == f"{number}."
        assert body.text == text


def test_a_link_that_wraps_is_one_link_element_described_by_its_text(tmp_path):
    path = write(tmp_path, "a.yaml", minimal(resources=[
        {"title": LONG_TITLE, "url": "https://example.org/procedures"}]))
    [result] = build([path], tmp_path / "out",
                     settings=load_settings(ROOT).model_copy(update={"discussion": False}))
    assert result.status == "built", [p.format() for p in result.problems]
    reader = PdfReader(result.output)
    annotations = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert len(annotations) >= 2  # the title wraps: an annotation for each line
    links = tree(reader).all("Link")
    assert len(links) == 1
    [link] = links
    assert link.alt == LONG_TITLE and link.text.replace(" ", "") == LONG_TITLE.replace(" ", "")
    assert [a.indirect_reference for a in link.annotations] == \
        [a.indirect_reference for a in annotations]
    assert [str(a["/Contents"]) for a in annotations] == [LONG_TITLE] * len(annotations)
    assert parent_tree_faults(reader) == []


def test_a_link_with_a_part_in_another_language_holds_all_its_annotations(tmp_path):
    """A part in another language inside a link has a box, so an annotation, of its own:
    it is the link's too, held by the Link element, not by the part's Span."""
    title = ("Multi-agency procedures of the partnership, [Gweithdrefnau amlasiantaethol y "
             "bartneriaeth]{lang=cy}, for child protection conferences and core groups")
    path = write(tmp_path, "a.yaml", minimal(resources=[
        {"title": title, "url": "https://example.org/procedures"}]))
    [result] = build([path], tmp_path / "out",
                     settings=load_settings(ROOT).model_copy(update={"discussion": False}))
    assert result.status == "built", [p.format() for p in result.problems]
    reader = PdfReader(result.output)
    words = title.replace("[", "").replace("]{lang=cy}", "")
    links = tree(reader).all("Link")
    assert len(links) == 1
    [link] = links
    assert link.alt == words
    assert sorted(a.indirect_reference.idnum for a in link.annotations) == sorted(
        a.idnum for a in reader.pages[0]["/Annots"])
    assert [str(a["/Contents"]) for a in link.annotations] == [words] * len(link.annotations)
    assert parent_tree_faults(reader) == []
    report = page.validate_pdf(result.output, profile="ua1")  # a link annotation in a Link
    assert [failure.rule_id for failure in report.failures] == []


def test_the_recommendations_are_one_list_of_numbered_items(emily_pdf):
    reader = PdfReader(emily_pdf)
    lists = recommendation_lists(reader)
    assert len(lists) == 1
    assert_numbered(lists[0].kids)
    assert parent_tree_faults(reader) == []


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, Path]:
    """EMILY as every PDF the builder writes of a briefing: each kind of build, the large
    print edition, a Welsh translation and the bilingual document of it."""
    folder = tmp_path_factory.mktemp("editions")
    emily = write(folder, "emily.yaml", EMILY.read_text("utf-8"))
    welsh = write(folder, "emily.cy.yaml", EMILY.read_text("utf-8").replace(
        "published: 2021-07-01", "published: 2021-07-01\nlang: cy-GB\n"
        "translation_of: emily.yaml"))
    found = {}
    for name, options in BUILDS.items():
        settings = load_settings(ROOT).model_copy(update={"discussion": False, **options})
        out = folder / name
        results = build([emily, welsh] if name == "default" else [emily], out, settings=settings)
        assert all(result.status == "built" for result in results)
        found[name] = out / "emily.pdf"
    out = folder / "default"
    found |= {"large print": out / "emily-large-print.pdf", "welsh": out / "emily.cy.pdf",
              "bilingual": out / "emily.bilingual.pdf", "html": out / "emily.html"}
    return found


@pytest.mark.parametrize("edition", ["default", "a3", "themed", "pdf-a", "welsh", "bilingual",
                                     "large print"])
def test_every_edition_has_whole_links_and_one_list_of_recommendations(editions, edition):
    reader = PdfReader(editions[edition])
    copies = 2 if edition == "bilingual" else 1  # the translation, then the original
    assert_links_whole(reader, LINK_TEXTS * copies)
    lists = recommendation_lists(reader)
    if edition == "large print":
        # The list goes on over a page break, and the layout engine tags the part on each
        # page as a list of its own: its items are still numbered, in order.
        assert_numbered([item for element in lists for item in element.kids])
    else:
        assert len(lists) == copies
        for recommendations in lists:
            assert_numbered(recommendations.kids)


def test_the_html_twin_has_the_same_one_list_of_recommendations(editions):
    page = editions["html"].read_text("utf-8")
    section = page[page.index('id="recommendations"'):]
    section = section[:section.index("</section>")]
    assert section.count("<ol>") == 1
    items = [normalise(html.unescape(re.sub(r"<[^>]+>", "", item))) for item in
             re.findall(r"<li>(.*?)</li>", section, re.DOTALL)]
    assert items == RECOMMENDATIONS
    lists = recommendation_lists(PdfReader(editions["default"]))
    assert len(lists) == 1
    assert [item.kids[1].text for item in lists[0].kids] == items
