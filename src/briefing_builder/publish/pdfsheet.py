"""A completed discussion sheet read from a PDF: its form fields, by name.

The fields are walked by hand rather than with pypdf's own form reader, so that the
work is bounded however many fields, however deep, a hostile file holds.
"""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from ..render.discussion import MARKER, MARKER_FIELD
from .sheetfile import MAX_FIELDS, Filled, SheetError, question_words, read_marker, sheet_title

MAX_DEPTH = 6


def read_pdf_sheet(data: bytes) -> Filled:
    """The sheet in the PDF `data`. Raises SheetError when it cannot be read."""
    if b"%%EOF" not in data[-4096:]:
        raise SheetError("response-unreadable", "the PDF is truncated (it has no end)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise SheetError("response-unreadable", "the PDF is protected by a password")
        filled = Filled()
        _walk(reader, filled)
        if filled.name is None:
            _from_metadata(reader, filled)
        filled.title = sheet_title((reader.metadata or {}).get("/Title"))
        return filled
    except SheetError:
        raise
    except RecursionError:
        raise SheetError("response-unreadable", "the PDF is damaged (it refers to itself "
                         "without end)") from None
    except Exception as exc:  # a damaged file may fail anywhere in the PDF reader
        raise SheetError("response-unreadable",
                         f"the PDF is damaged ({type(exc).__name__}: {exc})"[:300]) from None


def _walk(reader: PdfReader, filled: Filled) -> None:
    form = reader.trailer["/Root"].get("/AcroForm")
    form = form.get_object() if form is not None else None
    fields = form.get("/Fields") if isinstance(form, DictionaryObject) else None
    fields = fields.get_object() if fields is not None else []
    stack = [(reference, 0) for reference in reversed(list(fields)[:MAX_FIELDS + 1])]
    seen: set[int] = set()
    count = 0
    while stack:
        reference, depth = stack.pop()
        number = getattr(reference, "idnum", None)
        if number is not None and number in seen:
            continue
        seen.add(number)
        node = reference.get_object()
        count += 1
        if count > MAX_FIELDS or depth > MAX_DEPTH:
            raise SheetError("response-too-many-fields", f"the form has more than "
                             f"{MAX_FIELDS} fields or is nested deeper than {MAX_DEPTH}: "
                             "it is not a discussion sheet")
        if not isinstance(node, DictionaryObject):
            continue
        kids = node.get("/Kids")
        named_kids = [k for k in (kids.get_object() if kids is not None else [])
                      if "/T" in k.get_object()]
        if named_kids:
            stack += [(kid, depth + 1) for kid in reversed(named_kids[:MAX_FIELDS + 1])]
        elif "/T" in node:
            _field(node, filled)


def _field(node: DictionaryObject, filled: Filled) -> None:
    """Keep one field's value; names in a bundle are prefixed, their last part counts."""
    name = str(node["/T"]).rsplit(".", 1)[-1]
    value = node.get("/V")
    text = value.get_object() if value is not None else ""
    text = str(text) if isinstance(text, str) else ""
    if name == MARKER_FIELD:
        found = read_marker(text)
        if found:
            filled.name, filled.version = found
        return
    filled.put(name, text.replace("\r\n", "\n").replace("\r", "\n").strip())
    tooltip = node.get("/TU")
    question = question_words(str(tooltip)) if tooltip is not None else None
    if question:
        filled.questions[question[0]] = question[1]


def _from_metadata(reader: PdfReader, filled: Filled) -> None:
    """The marker kept in the document's information, for a viewer that lost the field."""
    info = reader.metadata or {}
    if str(info.get("/BriefingSheet", "")) != MARKER:
        return
    name, version = str(info.get("/BriefingName", "")), str(info.get("/BriefingVersion", ""))
    found = read_marker(f"{MARKER}; name={name}; version={version}")
    if found:
        filled.name, filled.version = found
