"""What the builder mends in the tags the layout engine writes, before the PDF is written.

WeasyPrint tags every box as it falls on the page. Three things a screen reader meets
come out otherwise than the page means, and are mended here:

- a link whose text wraps is a box per line, so a Link element per line, each holding its
  line's annotation, and every annotation is described by the address it leads to; a part
  of a link with a box of its own (a span in another language) has an annotation of its
  own too, held by the part's Span. The elements of one link (the boxes of one <a>) are
  joined into its first, which then holds every annotation and all the text, and the
  ParentTree names it for each of them; it and its annotations are described by the
  link's text (/Alt, /Contents);
- a list laid out in columns (the recommendations) has a box (Div) between it and its
  items: the items are made the list's own, in order;
- a numbered item whose number is drawn at the start of its first line (its marker
  inside) has a label (Lbl) but no body: the rest of the item is made its body (LBody).

This is WeasyPrint's finisher: it works on the objects about to be written, the boxes of
the laid-out pages at hand, so nothing is read back and the file is written once.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pydyf

BETWEEN_LIST_AND_ITEMS = ("/Div", "/NonStruct")


def mend_tags(document, pdf: pydyf.PDF) -> None:
    """Join and describe the links and mend the lists of `pdf`, laid out as `document`;
    a PDF without tags is left as it is."""
    root = _object(pdf, pdf.catalog.get("StructTreeRoot"))
    if root is None:
        return
    for element in _elements(pdf, root):
        if element.get("S") == "/L":
            _items_own(pdf, element)
        elif element.get("S") == "/LI":
            _body(pdf, element)
    _links(document, pdf, _object(pdf, root.get("ParentTree")))


def described_address(address: str) -> str:
    """Words for where a link without text leads: an email address, or a web site."""
    parts = urlsplit(address)
    if parts.scheme == "mailto":
        return f"Email {parts.path}"
    host = (parts.hostname or "").removeprefix("www.")
    return f"Link to the {host} website" if host else "Link to a web page"


def _object(pdf: pydyf.PDF, reference) -> pydyf.Dictionary | None:
    """The dictionary a reference (b"12 0 R") names, if it is one."""
    if not isinstance(reference, bytes) or not reference.endswith(b" R"):
        return None
    number = int(reference.split()[0])
    found = pdf.objects[number] if 0 < number < len(pdf.objects) else None
    return found if isinstance(found, pydyf.Dictionary) else None


def _elements(pdf: pydyf.PDF, root: pydyf.Dictionary) -> list[pydyf.Dictionary]:
    """Every structure element, parents before their kids, each once."""
    found, seen = [], set()
    stack = list(reversed(root.get("K") or []))
    while stack:
        element = _object(pdf, stack.pop())
        if element is None or "S" not in element or element.number in seen:
            continue
        seen.add(element.number)
        found.append(element)
        stack += reversed(element.get("K") or [])
    return found


def _kind(pdf: pydyf.PDF, reference) -> str | None:
    element = _object(pdf, reference)
    return element.get("S") if element is not None else None


def _items_own(pdf: pydyf.PDF, element: pydyf.Dictionary) -> None:
    """Dissolve the boxes between a list and its items: a Div (or NonStruct) in the list
    that holds list items and nothing else gives them to the list, in its place."""
    kids = pydyf.Array()
    for kid in element.get("K") or []:
        box = _object(pdf, kid)
        items = (box.get("K") or []) if box is not None else []
        if box is not None and box.get("S") in BETWEEN_LIST_AND_ITEMS and items and \
                all(_kind(pdf, item) == "/LI" for item in items):
            for item in items:
                _object(pdf, item)["P"] = element.reference
            kids.extend(items)
            box.clear()  # no longer in the tree
        else:
            kids.append(kid)
    element["K"] = kids


def _body(pdf: pydyf.PDF, element: pydyf.Dictionary) -> None:
    """Give a list item that has a label and no body one: the elements after its label.
    An item with marked content or annotations of its own is left as it is."""
    kids = list(element.get("K") or [])
    labels = [kid for kid in kids if _kind(pdf, kid) == "/Lbl"]
    rest = [kid for kid in kids if kid not in labels]
    if not labels or not rest or any(_kind(pdf, kid) in (None, "/LBody") for kid in rest):
        return
    body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array(rest),
                             "P": element.reference})
    if "Pg" in element:
        body["Pg"] = element["Pg"]
    pdf.add_object(body)
    for kid in rest:
        _object(pdf, kid)["P"] = body.reference
    element["K"] = pydyf.Array([*labels, body.reference])


def _links(document, pdf: pydyf.PDF, parent_tree: pydyf.Dictionary | None) -> None:
    """One Link element for each link, it and its annotations described by its text."""
    nums = parent_tree["Nums"] if parent_tree is not None else pydyf.Array()
    entries = {nums[index]: index + 1 for index in range(0, len(nums) - 1, 2)}
    links: dict[object, list[pydyf.Dictionary]] = {}  # the annotations of each <a>
    for page in document.pages:
        _gather(page._page_box, None, links)
    moved: dict[bytes, bytes] = {}
    for link, pieces in links.items():
        first = None
        for piece in pieces:
            entry = entries.get(piece.get("StructParent"))
            holder = _object(pdf, nums[entry]) if entry is not None else None
            if holder is None or holder is first:
                continue
            if first is None:
                first = holder
            elif holder.get("S") == "/Link":  # the link's next line
                _join(pdf, first, holder)
                moved[holder.reference] = first.reference
            else:  # a part of the link with a box of its own (a span): its annotation
                _move_annotation(pdf, piece, holder, first)
            nums[entry] = first.reference
        text = " ".join("".join(link.itertext()).split()) or \
            described_address(str(link.get("href", "")))
        for piece in pieces:
            piece["Contents"] = pydyf.String(text)
        if first is not None:
            first["Alt"] = pydyf.String(text)
    for index in range(1, len(nums), 2):  # each MCID of a joined element
        if isinstance(nums[index], pydyf.Array):
            nums[index][:] = [moved.get(item, item) for item in nums[index]]


def _gather(box, link, links: dict) -> None:
    """The annotations of each link under `box`, by its element: a box inside a link (a
    span in it) has an annotation of its own, which is the link's too."""
    if box.link_annotation is not None:
        link = box.element if link is None else link
        links.setdefault(link, []).append(box.link_annotation)
    for child in getattr(box, "children", ()):
        _gather(child, link, links)


def _move_annotation(pdf: pydyf.PDF, annotation: pydyf.Dictionary,
                     holder: pydyf.Dictionary, link: pydyf.Dictionary) -> None:
    """Move the reference to `annotation` (its OBJR) from `holder` to the Link element."""
    kept = pydyf.Array()
    for kid in holder.get("K") or []:
        reference = _object(pdf, kid)
        if reference is not None and reference.get("Type") == "/OBJR" and \
                reference.get("Obj") == annotation.reference:
            link["K"].append(kid)
        else:
            kept.append(kid)
    holder["K"] = kept


def _join(pdf: pydyf.PDF, first: pydyf.Dictionary, other: pydyf.Dictionary) -> None:
    """Move the kids of the Link element `other` to the end of `first`'s (its marked
    content with its page, when that is another) and take `other` out of the tree."""
    for kid in other["K"]:
        if isinstance(kid, int) and other.get("Pg") != first.get("Pg"):
            kid = pydyf.Dictionary({"Type": "/MCR", "Pg": other["Pg"], "MCID": kid})
        elif _kind(pdf, kid) is not None:
            _object(pdf, kid)["P"] = first.reference
        first["K"].append(kid)
    parent = _object(pdf, other.get("P"))
    if parent is not None:
        parent["K"] = pydyf.Array(kid for kid in parent["K"] if kid != other.reference)
    other.clear()  # no longer in the tree
