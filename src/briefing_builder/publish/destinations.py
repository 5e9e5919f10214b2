"""Named destinations in a bundle: each part's names made its own, so that no link lands
in another part.

Two PDFs may both name a place "chapter-1"; bundled as they are, a link of the
second would lead to the first's. Before a part is bundled, every name it
defines and every link, bookmark and action that uses one is given the part's
prefix (`part2-chapter-1`).
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

from .copier import MAX_ENTRIES, name_of, resolved

MAX_DEPTH = 32


def has_names(reader: PdfReader) -> bool:
    """True when the PDF names any destination."""
    root = reader.root_object
    names = resolved(root.get("/Names"))
    return "/Dests" in root or isinstance(names, DictionaryObject) and "/Dests" in names


def with_prefix(reader: PdfReader, prefix: str) -> PdfReader:
    """The PDF with `prefix` before every name of a destination, where it is defined and
    wherever it is used; the PDF itself when it names none."""
    if not has_names(reader):
        return reader
    writer = PdfWriter(clone_from=reader)
    root = writer._root_object
    if "/Dests" in root:
        old = resolved(root["/Dests"])
        root[NameObject("/Dests")] = DictionaryObject(
            {NameObject(f"/{prefix}{name_of(NameObject(key))}"): value
             for key, value in list(old.items())[:MAX_ENTRIES]})
    names = resolved(root.get("/Names"))
    if isinstance(names, DictionaryObject) and "/Dests" in names:
        _rename_tree(names.raw_get("/Dests"), prefix)
    for page in writer.pages:
        for annotation in resolved(page.get("/Annots")) or ():
            _rename_uses(resolved(annotation), prefix)
    _rename_outline(resolved(root.get("/Outlines")), prefix)
    stream = io.BytesIO()
    writer.write(stream)
    return PdfReader(io.BytesIO(stream.getvalue()))


def _prefixed(value, prefix: str):
    """A name of a destination with the prefix, or the value as it was (an explicit one)."""
    value = resolved(value)
    if isinstance(value, (NameObject, TextStringObject, ByteStringObject)):
        return TextStringObject(prefix + name_of(value))
    return value


def _rename_uses(item, prefix: str) -> None:
    if not isinstance(item, DictionaryObject):
        return
    if "/Dest" in item:
        item[NameObject("/Dest")] = _prefixed(item.raw_get("/Dest"), prefix)
    action = resolved(item.get("/A"))
    if isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo" and "/D" in action:
        action[NameObject("/D")] = _prefixed(action.raw_get("/D"), prefix)


def _rename_tree(node, prefix: str, depth: int = 0) -> None:
    node = resolved(node)
    if not isinstance(node, DictionaryObject) or depth > MAX_DEPTH:
        return
    pairs = resolved(node.get("/Names"))
    if isinstance(pairs, ArrayObject):
        for index in range(0, min(len(pairs), 2 * MAX_ENTRIES) - 1, 2):
            pairs[index] = TextStringObject(prefix + name_of(resolved(pairs[index])))
    limits = resolved(node.get("/Limits"))
    if isinstance(limits, ArrayObject):  # the same prefix keeps the names in their order
        node[NameObject("/Limits")] = ArrayObject(
            TextStringObject(prefix + name_of(resolved(limit))) for limit in limits)
    for kid in resolved(node.get("/Kids")) or ():
        _rename_tree(kid, prefix, depth + 1)


def _rename_outline(outlines, prefix: str) -> None:
    if not isinstance(outlines, DictionaryObject):
        return
    waiting, seen = [outlines.raw_get("/First")] if "/First" in outlines else [], set()
    while waiting and len(seen) < MAX_ENTRIES:
        node = waiting.pop()
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
        item = resolved(node)
        if not isinstance(item, DictionaryObject):
            continue
        _rename_uses(item, prefix)
        waiting += [item.raw_get(key) for key in ("/First", "/Next") if key in item]
