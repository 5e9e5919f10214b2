"""The text of a tagged PDF's elements, read from their marked content: each page's
content read once, each piece of marked content by its MCID."""

from __future__ import annotations

from pypdf import PageObject
from pypdf.generic import DictionaryObject, IndirectObject

from .structure import MAX_DEPTH, kids_of, resolved


def marked_text(page: PageObject) -> dict[int, str]:
    """The text of each marked-content sequence of a page, by its MCID."""
    open_ids: list[int | None] = []
    texts: dict[int, str] = {}

    def before(operator, operands, cm, tm):
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, DictionaryObject) else None
            open_ids.append(mcid)
        elif operator == b"BMC":
            open_ids.append(None)
        elif operator == b"EMC" and open_ids:
            open_ids.pop()

    def visit(text, cm, tm, font, size):
        for mcid in reversed(open_ids):
            if mcid is not None:
                texts[int(mcid)] = texts.get(int(mcid), "") + text
                break

    page.extract_text(visitor_operand_before=before, visitor_text=visit)
    return texts


class TextReader:
    """Reads the text of elements of a writer's tree, each page's content read once."""

    def __init__(self) -> None:
        self.pages: dict[int, dict[int, str]] = {}

    def text(self, element, page=None, depth: int = 0) -> str:
        """The element's text: its own /ActualText, else its marked content's, in order,
        each piece apart from the next (lines are separate pieces)."""
        node = resolved(element)
        if depth > MAX_DEPTH:
            return ""
        if isinstance(node, int) and not isinstance(node, bool):
            return self._mcid(page, int(node))
        if not isinstance(node, DictionaryObject):
            return ""
        if isinstance(node.get("/Pg"), IndirectObject):
            page = node.raw_get("/Pg")
        if node.get("/Type") == "/MCR":
            mcid = resolved(node.get("/MCID"))
            return self._mcid(page, int(mcid)) if isinstance(mcid, int) else ""
        if "/ActualText" in node:
            return str(resolved(node["/ActualText"]))
        return " ".join(self.text(kid, page, depth + 1) for kid in kids_of(node))

    def _mcid(self, page, mcid: int) -> str:
        if not isinstance(page, IndirectObject):
            return ""
        if page.idnum not in self.pages:
            self.pages[page.idnum] = marked_text(page.get_object())
        return self.pages[page.idnum].get(mcid, "")
