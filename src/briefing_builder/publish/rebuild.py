"""PDFs from elsewhere, rebuilt from what is allowed rather than cleaned of what is not.

A new, empty PDF receives only what a reader needs: each page with its content
and the resources its content draws with (copier.py); links to web pages
(https, http, mailto) and to places inside the same PDF; the PDF's own outline
and named destinations. Nothing else is copied, so nothing else can come along:
no actions of any kind (nor the actions chained after them with /Next), no
JavaScript, forms, XFA, multimedia, embedded or associated files, comments or
metadata. The structure tree (tags) is copied from an allow-list of its own
(structure.carry), so that a tagged PDF stays readable by screen readers. What
was left behind is named by kind, for the warning.
"""

from __future__ import annotations

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from ..checks.characters import without_hidden
from .copier import (
    ANNOTATION_KINDS,
    LINK_KEYS,
    MAX_ENTRIES,
    MAX_TREE_DEPTH,
    NAME_TREE_KINDS,
    PAGE_KEYS,
    Rebuilder,
    Refused,
    link_scheme,
    measure_streams,
    name_of,
    name_tree,
    resolved,
    uri_kind,
    written,
)
from .structure import carry

MAX_OUTLINE = 10_000
LETTER = (612, 792)


def rebuild(reader: PdfReader, title: str, stream_limit: int,
            decoded_limit: int) -> tuple[bytes, list[str]]:
    """Return the PDF rebuilt from what is allowed, titled `title`, and the kinds of
    what was left behind. Raises Refused when it cannot be done within the limits (any
    one stream decoded, all of them together)."""
    work = Rebuilder(reader, stream_limit)
    version = str(reader.pdf_header)[-3:]
    if version in ("1.4", "1.5", "1.6", "1.7", "2.0"):
        work.writer.pdf_header = f"%PDF-{version}".encode()
    root = reader.root_object
    _survey(work, root)
    sources = list(reader.pages)
    for index, page in enumerate(sources):
        work.pages.setdefault(page.indirect_reference.idnum, index)
    for page in sources:
        _page(work, page)
    _named_destinations(work, root)
    for page, target in zip(sources, work.targets, strict=True):
        _links(work, page, target)
    _outline(work, root)
    try:  # the tags, from an allow-list of keys, for screen readers
        carry(reader, work.writer)
    except ValueError as exc:
        raise Refused(str(exc)) from exc
    work.writer.add_metadata({"/Title": title})
    measure_streams(work.writer, stream_limit, decoded_limit)
    return written(work.writer), sorted(work.dropped)


def _survey(work: Rebuilder, root: DictionaryObject) -> None:
    """Name what the document as a whole carries that is not copied."""
    for key in ("/OpenAction", "/AA"):
        if isinstance(resolved(root.get(key)), DictionaryObject):
            work.dropped.add("actions that run on opening")
            work.dropped |= work.action_kinds(root.raw_get(key))
    form = resolved(root.get("/AcroForm"))
    if isinstance(form, DictionaryObject):
        work.dropped.add("forms")
        if "/XFA" in form:
            work.dropped.add("XFA forms")
    names = resolved(root.get("/Names"))
    if isinstance(names, DictionaryObject):
        work.dropped |= {kind for key, kind in NAME_TREE_KINDS.items() if key in names}
    if "/AF" in root:
        work.dropped.add("associated files")
    if "/Collection" in root:
        work.dropped.add("embedded files")


def _page(work: Rebuilder, page) -> None:
    try:
        size = float(page.mediabox.width), float(page.mediabox.height)
    except (TypeError, ValueError, KeyError, IndexError):
        size = LETTER
    target = work.writer.add_blank_page(width=size[0], height=size[1])
    for key in PAGE_KEYS:
        if key in page and _well_formed(key, resolved(page.raw_get(key))):
            target[NameObject(key)] = work.copy(_contents(page) if key == "/Contents"
                                                else page.raw_get(key))
    if "/AA" in page:
        work.dropped.add("actions that run on opening")
        work.dropped |= work.action_kinds(page.raw_get("/AA"))
    if "/AF" in page:
        work.dropped.add("associated files")
    work.targets.append(target.indirect_reference)


def _well_formed(key: str, value) -> bool:
    """A page's entry of the kind it must be; a damaged one is left out (and the page is
    blank, or letter-sized, rather than the file refused)."""
    if key.endswith("Box"):
        return isinstance(value, ArrayObject) and len(value) == 4 and all(
            isinstance(resolved(n), (NumberObject, FloatObject)) for n in value)
    if key in ("/Resources", "/Group"):
        return isinstance(value, DictionaryObject)
    if key == "/Contents":
        return isinstance(value, StreamObject) or isinstance(value, ArrayObject)
    if key == "/Tabs":  # the order of its annotations: by structure, rows or columns
        return value in ("/S", "/R", "/C")
    return isinstance(value, (NumberObject, FloatObject))


def _contents(page):
    """A page's content: its stream, or the streams of its array (anything else left out)."""
    value = page.raw_get("/Contents")
    if isinstance(resolved(value), ArrayObject):
        return ArrayObject(item for item in resolved(value)[:MAX_ENTRIES]
                           if isinstance(resolved(item), StreamObject))
    return value


def _named_destinations(work: Rebuilder, root: DictionaryObject) -> None:
    """The PDF's named destinations that lead to its own pages, as one flat name tree."""
    found: dict[str, object] = {}
    old = resolved(root.get("/Dests"))
    if isinstance(old, DictionaryObject):
        for key in list(old)[:MAX_ENTRIES]:
            found.setdefault(name_of(NameObject(key)), old.raw_get(key))
    names = resolved(root.get("/Names"))
    if isinstance(names, DictionaryObject) and "/Dests" in names:
        for name, value in name_tree(names.raw_get("/Dests")):
            found.setdefault(name, value)
    for name, value in found.items():
        destination = work.destination(value)
        if isinstance(destination, ArrayObject):
            work.names[name] = destination
    if work.names:
        flat = ArrayObject()
        for name in sorted(work.names):
            flat += [TextStringObject(name), work.names[name]]
        tree = work.writer._add_object(DictionaryObject({NameObject("/Names"): flat}))
        work.writer._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/Dests"): tree})


def _links(work: Rebuilder, page, target: IndirectObject) -> None:
    annotations = resolved(page.get("/Annots"))
    if not isinstance(annotations, ArrayObject):
        return
    kept = ArrayObject()
    for reference in annotations[:MAX_ENTRIES]:
        annotation = resolved(reference)
        if isinstance(annotation, DictionaryObject):
            link = _link(work, annotation)
            if link is not None:
                kept.append(work.writer._add_object(link))
    if kept:
        target.get_object()[NameObject("/Annots")] = kept


def _link(work: Rebuilder, annotation: DictionaryObject) -> DictionaryObject | None:
    """A link to a web page or a place in the PDF, rebuilt; anything else is left."""
    subtype = str(annotation.get("/Subtype"))
    for key in ("/A", "/AA") if subtype != "/Link" else ("/AA",):
        if key in annotation:
            work.dropped |= work.action_kinds(annotation.raw_get(key))
    if subtype != "/Link":
        work.dropped.add(ANNOTATION_KINDS.get(subtype, "comments and other annotations"))
        return None
    found = _target(work, annotation)
    if found is None:
        return None
    link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                             NameObject("/Subtype"): NameObject("/Link")})
    for key in LINK_KEYS:
        if key in annotation:
            link[NameObject(key)] = work.copy(annotation.raw_get(key))
    link[NameObject(found[0])] = found[1]
    return link


def _target(work: Rebuilder, annotation: DictionaryObject):
    """Where a link leads, as ("/Dest", destination) or ("/A", action); None: nowhere
    it may lead."""
    if "/Dest" in annotation:
        if "/A" in annotation:
            work.dropped |= work.action_kinds(annotation.raw_get("/A"))
        destination = work.destination(annotation.raw_get("/Dest"))
        return None if destination is None else ("/Dest", destination)
    action = resolved(annotation.get("/A"))
    if not isinstance(action, DictionaryObject):
        return None
    if "/Next" in action:
        work.dropped |= work.action_kinds(action.raw_get("/Next"))
    kind = action.get("/S")
    if kind == "/URI":
        uri = name_of(resolved(action.get("/URI", "")))
        if link_scheme(uri):
            return "/A", DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                           NameObject("/URI"): TextStringObject(uri)})
        work.dropped.add(uri_kind(uri))
        return None
    if kind == "/GoTo" and "/D" in action:
        destination = work.destination(action.raw_get("/D"))
        if destination is not None:
            return "/A", DictionaryObject({NameObject("/S"): NameObject("/GoTo"),
                                           NameObject("/D"): destination})
        return None
    work.dropped |= work.action_kinds(action)
    return None


def _outline(work: Rebuilder, root: DictionaryObject) -> None:
    """The PDF's own outline, each item leading to a page of its own or nowhere."""
    outlines = resolved(root.get("/Outlines"))
    if not isinstance(outlines, DictionaryObject) or "/First" not in outlines:
        return
    waiting, seen, count = [(outlines.raw_get("/First"), None, 0)], set(), 0
    while waiting:
        node, parent, depth = waiting.pop()
        while node is not None and count < MAX_OUTLINE:
            if isinstance(node, IndirectObject):
                if node.idnum in seen:
                    break
                seen.add(node.idnum)
            item = resolved(node)
            if not isinstance(item, DictionaryObject):
                break
            count += 1
            made = _outline_item(work, item, parent)
            if "/First" in item and depth < MAX_TREE_DEPTH:
                waiting.append((item.raw_get("/First"), made, depth + 1))
            node = item.raw_get("/Next") if "/Next" in item else None


def _outline_item(work: Rebuilder, item: DictionaryObject, parent):
    title = without_hidden(name_of(resolved(item.get("/Title", ""))))[:300]
    destination = None
    if "/Dest" in item:
        destination = work.destination(item.raw_get("/Dest"))
    elif "/A" in item:
        action = resolved(item.get("/A"))
        if isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo":
            destination = work.destination(action.raw_get("/D")) if "/D" in action else None
            if "/Next" in action:
                work.dropped |= work.action_kinds(action.raw_get("/Next"))
        else:
            work.dropped |= work.action_kinds(item.raw_get("/A"))
    made = work.writer.add_outline_item(title=title, page_number=None, parent=parent)
    if destination is not None:
        made.get_object()[NameObject("/Dest")] = destination
    return made
