"""Parts of a page in another language, tagged with it in the PDF.

A part an author marks ([Cefndir]{lang=cy}) is a `<span lang="cy">` in the page's
HTML. The layout engine makes a Span structure element of every span but writes no
language on it (WeasyPrint 70 writes /Lang on the catalog only), so a screen reader
would read the Welsh words with an English voice. This pass, run as the PDF is
written (WeasyPrint's `finisher`, before anything is serialised), gives each of those
Span elements its /Lang.

The layout engine makes the Span elements in the order it walks the laid-out boxes,
depth first, page by page (weasyprint/pdf/tags.py); the boxes of span elements are
walked here in the same order and paired with them one by one. When the two counts
differ (a layout engine that walks otherwise) nothing is guessed: ValueError.
"""

from __future__ import annotations

from collections.abc import Iterator


def _span_boxes(box) -> Iterator[object]:
    """Every box of a span element under `box`, depth first, as the engine tags them:
    placeholders of positioned boxes stand for their box, line boxes are not elements,
    text boxes are marked content inside their element."""
    from .engine import LineBox, TextBox

    box = getattr(box, "_box", box)  # an AbsolutePlaceholder's box
    if isinstance(box, TextBox):
        return
    if not isinstance(box, LineBox) and box.element is not None and box.element_tag == "span":
        yield box
    for child in getattr(box, "children", ()):
        yield from _span_boxes(child)


def _span_elements(pdf) -> list[dict]:
    """The Span structure elements the engine made for span elements, in the order made
    (the Spans that only hold a run of text hold its marked-content number instead)."""
    found = []
    for item in pdf.objects:
        if isinstance(item, dict) and item.get("Type") == "/StructElem" and \
                item.get("S") == "/Span" and \
                not any(isinstance(kid, int) for kid in item.get("K", ())):
            found.append(item)
    return found


def tag_parts(document, pdf) -> None:
    """Give each Span element of a part in another language its /Lang (a finisher for
    WeasyPrint's write_pdf). Raises ValueError when the spans cannot be paired."""
    languages = [box.element.get("lang") for page in document.pages
                 for box in _span_boxes(page._page_box)]
    if not any(languages) or "StructTreeRoot" not in pdf.catalog:
        return
    import pydyf

    elements = _span_elements(pdf)
    if len(elements) != len(languages):
        raise ValueError(f"the page has {len(languages)} spans but its tags "
                         f"{len(elements)}: the parts in another language cannot be tagged")
    for element, lang in zip(elements, languages, strict=True):
        if lang:
            element["Lang"] = pydyf.String(lang)
