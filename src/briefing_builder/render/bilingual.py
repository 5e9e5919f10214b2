"""A bilingual briefing: the pages in one language, then the same pages in the other, as
one document, so that it has one structure tree and one outline, and every page's content
is tagged with its own language (Welsh Language Standards: Welsh placed to be read first)."""

from __future__ import annotations

import re

_BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_LANG = re.compile(r'<html lang="([^"]+)">')


def bilingual_html(first: str, second: str) -> str:
    """Two briefing pages (the HTML of `briefing_html`) as one document: `first` in its
    language, then `second` in its own, on a new page; the title names both."""
    parts = []
    for page in (first, second):
        lang, body = _LANG.search(page), _BODY.search(page)
        if lang is None or body is None:
            raise ValueError("not a briefing page")
        parts.append((lang.group(1), body.group(1)))
    titles = [_TITLE.search(page).group(1) for page in (first, second)]  # type: ignore[union-attr]
    head = _TITLE.sub(lambda m: f"<title>{titles[0]} / {titles[1]}</title>",
                      first[:first.index("<body>")], count=1)
    (lang_one, body_one), (lang_two, body_two) = parts
    return (f'{head}<body>\n<div lang="{lang_one}" style="break-after: page">{body_one}</div>\n'
            f'<div lang="{lang_two}">{body_two}</div>\n</body>\n</html>\n')


def tag_languages(pdf: bytes, first_pages: int, first: str, second: str) -> bytes:
    """The PDF with each page's structure elements tagged with its language: the first
    `first_pages` pages `first`, the rest `second`. (The layout engine tags only the
    document's language.)"""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    from .archival import quiet_pdf_reader

    with quiet_pdf_reader():
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(writer.pages)}

    def tag(node) -> None:
        node = node.get_object()
        page = node.get("/Pg")
        if page is not None and node.get("/S") is not None:
            lang = first if pages.get(page.idnum, 0) < first_pages else second
            node[NameObject("/Lang")] = TextStringObject(lang)
            return
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid.get_object() if hasattr(kid, "get_object") else kid, "get"):
                tag(kid)

    tag(writer._root_object["/StructTreeRoot"])
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()
