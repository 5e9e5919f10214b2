"""A bundle as one tagged PDF (PDF/UA-1): one structure tree, links described, one outline.

The bundle's pages come from several tagged PDFs (the contents page and each
briefing, laid out by WeasyPrint, and PDFs from elsewhere), each with a tree of
its own. No PDF library merges them, so it is done here with pypdf's objects
(structure.py copies each tree): the bundle's tree is a Document holding one
Part per section, titled with its title (/T), in the order of the pages, and the
catalog says what a tagged PDF must: /MarkInfo, /Lang, /DisplayDocTitle and XMP
metadata naming PDF/UA-1. Every link is described by its text, and each part's
own bookmarks are nested under its entry in the outline. A part without tags
keeps its pages but adds nothing to the tree: the bundle is then not accessible
there, which bulletin.py reports by name (attachment-untagged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    TextStringObject,
)

from .._version import __version__
from ..render.tags import described_address
from .marked import TextReader
from .structure import (
    graft,
    is_tagged,
    kids_of,
    resolved,
    role_map,
    tree_root,
    untag,
)

MAX_OUTLINE = 10_000
MAX_OUTLINE_DEPTH = 32


@dataclass
class Section:
    """Pages of the bundle from one PDF: its title, the PDF, where its pages start, and
    whether it gets an entry in the outline (the contents page does not)."""

    title: str
    reader: PdfReader
    start: int
    bookmark: bool = True


@dataclass(frozen=True)
class Issue:
    """What the bundle says about itself: title, subject, language and date."""

    title: str
    subject: str
    lang: str
    published: date


def make_accessible(writer: PdfWriter, sections: list[Section], issue: Issue) -> None:
    """Tag the bundle assembled in `writer` from `sections`, describe its links, nest each
    section's bookmarks under its own, and write what PDF/UA-1 asks of the catalog."""
    tree = _structure(writer, sections, issue.lang)
    describe_links(writer, tree)
    for section in sections:
        if section.bookmark:
            _bookmarks(writer, section)
    root = writer._root_object
    root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    root[NameObject("/Lang")] = TextStringObject(issue.lang)
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    producer = str(writer._info.get_object().get("/Producer", "")) if writer._info else ""
    metadata = DecodedStreamObject()  # never compressed: a reader finds it as text
    metadata.set_data(xmp(issue, producer).encode("utf-8"))
    metadata.update({NameObject("/Type"): NameObject("/Metadata"),
                     NameObject("/Subtype"): NameObject("/XML")})
    root[NameObject("/Metadata")] = writer._add_object(metadata)


def _structure(writer: PdfWriter, sections: list[Section], lang: str) -> dict[int, object]:
    """Build the one structure tree; returns its ParentTree as a mapping."""
    tree_reference = writer._add_object(NullObject())  # made when its kids are known
    document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                 NameObject("/S"): NameObject("/Document"),
                                 NameObject("/P"): tree_reference})
    document_reference = writer._add_object(document)
    roles: dict[str, str] = {}
    entries: dict[int, object] = {}
    ids: dict[bytes, IndirectObject] = {}
    parts = ArrayObject()
    for number, section in enumerate(sections):
        pages = writer.pages[section.start:section.start + len(section.reader.pages)]
        if not is_tagged(section.reader):
            untag(pages)
            continue
        part = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                 NameObject("/S"): NameObject("/Part"),
                                 NameObject("/T"): TextStringObject(section.title),
                                 NameObject("/P"): document_reference,
                                 NameObject("/Pg"): pages[0].indirect_reference})
        own_lang = resolved(section.reader.root_object.get("/Lang"))
        if own_lang and str(own_lang) != lang:
            part[NameObject("/Lang")] = TextStringObject(str(own_lang))
        part_reference = writer._add_object(part)
        copied = graft(section.reader, writer, section.start, part_reference,
                       max(entries, default=-1) + 1, _roles(roles, role_map(section.reader)),
                       f"part{number}-")
        entries.update(copied.entries)
        ids.update(copied.ids)
        if copied.kids:
            part[NameObject("/K")] = ArrayObject(copied.kids)
        parts.append(part_reference)
    document[NameObject("/K")] = parts
    tree_root(writer, [document_reference], entries, ids, roles, tree_reference)
    return entries


def _roles(merged: dict[str, str], own: dict[str, str]) -> dict[str, str]:
    """Add a part's role map to the bundle's; returns the part's types to rename: one it
    maps otherwise than an earlier part gets a name of its own."""
    rename: dict[str, str] = {}
    for name, standard in own.items():
        new, number = name, 1
        while merged.get(new, standard) != standard:
            number += 1
            new = f"{name}-{number}"
        merged[new] = standard
        if new != name:
            rename[name] = new
    return rename


def describe_links(writer: PdfWriter, entries: dict[int, object]) -> None:
    """Describe every link by its text: the annotation's /Contents and its Link element's
    /Alt. A link that wraps is one element per line, and each is described by the whole
    link's text. A link outside the tree (in a part without tags) is described by the
    text drawn under it, or by where it leads."""
    reader, whole = TextReader(), {}
    for number, page in enumerate(writer.pages):
        for reference in resolved(page.get("/Annots")) or ():
            annotation = resolved(reference)
            if not isinstance(annotation, DictionaryObject) or \
                    annotation.get("/Subtype") != "/Link":
                continue
            key = resolved(annotation.get("/StructParent"))
            element = entries.get(int(key)) if isinstance(key, int) else None
            text = ""
            if isinstance(element, IndirectObject):
                if element.idnum not in whole:
                    whole.update(_link_run(element, reader))
                text = whole[element.idnum]
            text = text or _own(annotation) or _text_under(page, annotation) or \
                _where(writer, annotation, number)
            annotation[NameObject("/Contents")] = TextStringObject(text)
            if isinstance(element, IndirectObject):
                element.get_object()[NameObject("/Alt")] = TextStringObject(text)


def _target(element) -> str | None:
    """Where a Link element's annotation leads, as text to compare."""
    for kid in kids_of(resolved(element)):
        kid = resolved(kid)
        if isinstance(kid, DictionaryObject) and kid.get("/Type") == "/OBJR":
            annotation = resolved(kid.get("/Obj"))
            if isinstance(annotation, DictionaryObject):
                action = resolved(annotation.get("/A"))
                if isinstance(action, DictionaryObject) and "/URI" in action:
                    return str(resolved(action["/URI"]))
                destination = resolved(annotation.get("/Dest"))
                if isinstance(destination, ArrayObject) and destination:
                    return repr(destination[0])
    return None


def _link_run(element: IndirectObject, reader: TextReader) -> dict[int, str]:
    """The text of the link `element` is a line of: it and the Link elements beside it
    under the same parent that lead to the same place, each given the whole text."""
    parent = resolved(element.get_object().get("/P"))
    siblings = [kid for kid in kids_of(parent) if isinstance(kid, IndirectObject)]
    if element not in siblings:
        return {element.idnum: " ".join(reader.text(element).split())}
    place, target = siblings.index(element), _target(element)

    def joins(kid) -> bool:
        node = resolved(kid)
        return isinstance(node, DictionaryObject) and node.get("/S") == "/Link" and \
            _target(kid) == target

    first, last = place, place
    while first > 0 and joins(siblings[first - 1]):
        first -= 1
    while last + 1 < len(siblings) and joins(siblings[last + 1]):
        last += 1
    run = siblings[first:last + 1]
    text = " ".join(" ".join(reader.text(kid) for kid in run).split())
    return {kid.idnum: text for kid in run}


def _own(annotation: DictionaryObject) -> str:
    """The link's own description, when it is words: not a web address or a placeholder."""
    text = " ".join(str(resolved(annotation.get("/Contents")) or "").split())
    if not text or re.match(r"[a-z][a-z0-9+.-]*:", text, re.I) or "attachment.invalid" in text:
        return ""
    return text


def _text_under(page, annotation: DictionaryObject) -> str:
    """The text drawn inside a link's rectangle, for a page without tags."""
    try:
        rect = [float(value) for value in resolved(annotation["/Rect"])[:4]]
        (left, right), (bottom, top) = sorted(rect[::2]), sorted(rect[1::2])
    except (KeyError, TypeError, ValueError, IndexError):
        return ""
    found: list[str] = []

    def visit(text, cm, tm, font, size):
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if left - 1 <= x <= right and bottom - 1 <= y <= top + 1:
            found.append(text)

    page.extract_text(visitor_text=visit)
    return " ".join(" ".join(found).split())


def _where(writer: PdfWriter, annotation: DictionaryObject, number: int) -> str:
    """Where a link without text leads, in words: a web site's name or a page."""
    action = resolved(annotation.get("/A"))
    if isinstance(action, DictionaryObject) and action.get("/S") == "/URI":
        return described_address(str(resolved(action.get("/URI", ""))))
    destination = resolved(annotation.get("/Dest"))
    if isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo":
        destination = resolved(action.get("/D"))
    if isinstance(destination, ArrayObject) and isinstance(destination[0], IndirectObject):
        for index, page in enumerate(writer.pages):
            if page.indirect_reference.idnum == destination[0].idnum:
                return f"Go to page {index + 1}"
    return f"Link on page {number + 1}"


def _bookmarks(writer: PdfWriter, section: Section) -> None:
    """The section's entry in the outline, its own bookmarks nested under it. A single
    top bookmark that repeats the section's title is the entry itself."""
    entry = writer.add_outline_item(title=section.title, page_number=section.start)
    items = section.reader.outline
    top = [item for item in items if not isinstance(item, list)]
    if len(top) == 1 and " ".join(str(top[0].title).split()) == \
            " ".join(section.title.split()):
        items = next((item for item in items if isinstance(item, list)), [])
    pages = {page.indirect_reference.idnum: index
             for index, page in enumerate(section.reader.pages)}
    _nest(writer, section, pages, items, entry, 0, [0])


def _nest(writer: PdfWriter, section: Section, pages: dict[int, int], items: list,
          parent: IndirectObject, depth: int, count: list[int]) -> None:
    made = None
    for item in items:
        if count[0] >= MAX_OUTLINE or depth > MAX_OUTLINE_DEPTH:
            return
        if isinstance(item, list):
            if made is not None:
                _nest(writer, section, pages, item, made, depth + 1, count)
            continue
        count[0] += 1
        made = writer.add_outline_item(title=" ".join(str(item.title or "").split()),
                                       page_number=None, parent=parent)
        page = item.get("/Page")
        index = pages.get(page.idnum) if isinstance(page, IndirectObject) else None
        if index is not None:
            target = writer.pages[section.start + index].indirect_reference
            made.get_object()[NameObject("/Dest")] = ArrayObject(
                [target, *item.dest_array[1:]])


def xmp(issue: Issue, producer: str) -> str:
    """The bundle's XMP metadata: title, subject, language, dates, tool and PDF/UA-1."""
    day = issue.published.isoformat()
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" '
        'pdfuaid:part="1" />\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(issue.title)}</rdf:li>'
        '</rdf:Alt></dc:title>'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(issue.subject)}'
        '</rdf:li></rdf:Alt></dc:description>'
        f'<dc:language><rdf:Bag><rdf:li>{escape(issue.lang)}</rdf:li></rdf:Bag></dc:language>'
        '</rdf:Description>\n'
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        f'xmp:CreateDate="{day}" xmp:ModifyDate="{day}" '
        f'xmp:CreatorTool="briefing-builder {__version__}" />\n'
        '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
        f'pdf:Producer="{escape(producer)}" />\n'
        '</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="r"?>')
