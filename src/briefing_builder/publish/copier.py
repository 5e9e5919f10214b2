"""Copying what a page draws with out of a PDF from elsewhere, and naming what is left.

Resources are copied whole, with two exceptions: keys that lead out of the page
(to actions, files, other PDFs, the page tree) are not followed, and objects of
a kind no page draws with (file specifications, actions, annotations, PostScript)
become null. Actions are never copied; their kinds, and the kinds of the actions
chained after them with /Next, are named for the warning.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from .streams import TooLarge, check_stream

MAX_DEPTH = 100
MAX_ENTRIES = 100_000
MAX_TREE_DEPTH = 32
PAGE_KEYS = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate",
             "/UserUnit", "/Group", "/Resources", "/Contents", "/Tabs")
# A link's /StructParent ties it to its element of the structure tree (structure.carry).
LINK_KEYS = ("/Rect", "/Border", "/C", "/H", "/QuadPoints", "/Contents", "/F", "/StructParent")
FITS = {"/XYZ", "/Fit", "/FitH", "/FitV", "/FitR", "/FitB", "/FitBH", "/FitBV"}
SCHEMES = ("https", "http", "mailto")
# Keys that lead out of a page's resources: never followed.
LEAVING = {"/A", "/AA", "/JS", "/AF", "/EF", "/Ref", "/OPI", "/Alternates", "/Parent", "/P",
           "/Metadata", "/PieceInfo", "/StructParent", "/StructParents", "/Annots", "/Names",
           "/OpenAction", "/Dest", "/Next", "/URI", "/RichMediaContent", "/Thumb"}
ACTIONS = {"/GoTo", "/GoToR", "/GoToE", "/GoToDp", "/GoTo3DView", "/Launch", "/Thread", "/URI",
           "/Sound", "/Movie", "/Hide", "/Named", "/SubmitForm", "/ResetForm", "/ImportData",
           "/JavaScript", "/SetOCGState", "/Rendition", "/Trans", "/RichMediaExecute"}
# What a key or an object found where it does not belong is reported as.
KEY_KINDS = {"/AF": "associated files", "/EF": "embedded files", "/JS": "JavaScript",
             "/AA": "actions that run on opening", "/OpenAction": "actions that run on opening",
             "/Ref": "references to other files", "/OPI": "references to other files",
             "/RichMediaContent": "multimedia (RichMedia)"}
TYPE_KINDS = {"/Filespec": "embedded files", "/EmbeddedFile": "embedded files",
              "/Action": "actions", "/Annot": "annotations", "/RichMediaContent":
              "multimedia (RichMedia)"}
ANNOTATION_KINDS = {"/Widget": "forms", "/FileAttachment": "embedded files",
                    "/RichMedia": "multimedia (RichMedia)", "/Screen": "multimedia (RichMedia)",
                    "/Movie": "multimedia (RichMedia)", "/Sound": "multimedia (RichMedia)",
                    "/3D": "multimedia (RichMedia)"}
NAME_TREE_KINDS = {"/JavaScript": "JavaScript", "/EmbeddedFiles": "embedded files",
                   "/AlternatePresentations": "multimedia (RichMedia)",
                   "/Renditions": "multimedia (RichMedia)"}


class Refused(ValueError):
    """The PDF cannot be rebuilt within the limits; the message says which."""


def resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def reached(start: list, onward: Callable[[object], list]) -> Iterator[object]:
    """Each object reached from `start` and from what `onward` gives of each, references
    resolved, each indirect object once, and no more than MAX_ENTRIES of them: a graph from
    elsewhere may loop, or be vast."""
    waiting, seen = list(start), set()
    while waiting and len(seen) < MAX_ENTRIES:
        node = waiting.pop()
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
        item = resolved(node)
        yield item
        waiting += onward(item)


def _scalar(value):
    """A fresh copy of a number, name, string, boolean or null."""
    for kind in (BooleanObject, NameObject, FloatObject, NumberObject):
        if isinstance(value, kind):
            return kind(value)
    if isinstance(value, ByteStringObject):
        return ByteStringObject(bytes(value))
    if isinstance(value, TextStringObject):
        return TextStringObject(str(value))
    return NullObject()


class Rebuilder:
    """One PDF being rebuilt into a new writer, and what was left behind."""

    def __init__(self, reader: PdfReader, stream_limit: int) -> None:
        self.reader, self.stream_limit = reader, stream_limit
        self.writer = PdfWriter()
        self.dropped: set[str] = set()
        self.copied: dict[tuple[int, int], IndirectObject] = {}
        self.pages: dict[int, int] = {}  # a source page's object number -> its index
        self.targets: list[IndirectObject] = []  # the new pages, in order
        self.names: dict[str, ArrayObject] = {}

    # Resources and content: copied whole, but never out of the page.

    def copy(self, value, depth: int = 0):
        if depth > MAX_DEPTH:
            raise Refused(f"its objects are nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, IndirectObject):
            key = (value.idnum, value.generation)
            if key in self.copied:
                return self.copied[key]
            if value.idnum in self.pages:
                return NullObject()  # a page is reached through the page list only
            target = value.get_object()
            if self._out_of_place(target):
                return NullObject()
            reference = self.writer._add_object(NullObject())
            self.copied[key] = reference
            self.writer._replace_object(reference, self._direct(target, depth + 1))
            return reference
        return self._direct(value, depth + 1)

    def _direct(self, value, depth: int):
        if isinstance(value, StreamObject):
            copy = EncodedStreamObject() if "/Filter" in value else DecodedStreamObject()
            copy._data = value._data
            return self._fill(copy, value, depth)
        if isinstance(value, DictionaryObject):
            if self._out_of_place(value):
                return NullObject()
            return self._fill(DictionaryObject(), value, depth)
        if isinstance(value, ArrayObject):
            if len(value) > MAX_ENTRIES:
                raise Refused(f"an array has more than {MAX_ENTRIES:,} entries")
            return ArrayObject(self.copy(item, depth) for item in value)
        return _scalar(value)

    def _fill(self, copy: DictionaryObject, source: DictionaryObject, depth: int):
        if len(source) > MAX_ENTRIES:
            raise Refused(f"a dictionary has more than {MAX_ENTRIES:,} entries")
        for key, item in source.items():
            if key in LEAVING:
                if key in KEY_KINDS:
                    self.dropped.add(KEY_KINDS[key])
                if key in ("/A", "/AA", "/OpenAction", "/Next"):
                    self.dropped |= self.action_kinds(item)
                continue
            copy[NameObject(key)] = self.copy(item, depth)
        return copy

    def _out_of_place(self, target) -> bool:
        """True for an object no page draws with, found among its resources; reported."""
        if not isinstance(target, DictionaryObject):
            return False
        kind = TYPE_KINDS.get(str(target.get("/Type")))
        if kind is None and str(target.get("/S")) in ACTIONS:
            kind = "actions"
        if target.get("/Subtype") == "/PS":
            kind = "PostScript"
        if kind is None:
            return False
        self.dropped |= self.action_kinds(target) if kind == "actions" else {kind}
        return True

    # Actions: never copied; their kinds, and those chained after them, are named.

    def action_kinds(self, action) -> set[str]:
        def onward(item) -> list:
            if isinstance(item, ArrayObject):
                return list(item)
            if not isinstance(item, DictionaryObject):
                return []
            if "/S" not in item:  # an additional-actions dictionary: each of its actions
                return list(item.values())
            return [item.raw_get("/Next")] if "/Next" in item else []

        kinds: set[str] = set()
        for item in reached([action], onward):
            if isinstance(item, DictionaryObject) and "/S" in item:
                kind = str(item.get("/S"))
                kinds.add("JavaScript" if kind == "/JavaScript" or "/JS" in item else
                          f"{kind[1:]} actions")
        return kinds

    # Destinations: only to pages of this PDF.

    def destination(self, value):
        """The destination rebuilt against the new pages, or None when it leads elsewhere."""
        value = resolved(value)
        if isinstance(value, DictionaryObject):
            value = resolved(value.get("/D"))
        if isinstance(value, (NameObject, TextStringObject, ByteStringObject)):
            name = name_of(value)
            return TextStringObject(name) if name in self.names else None
        if not isinstance(value, ArrayObject) or not value:
            return None
        page = value[0]
        if not isinstance(page, IndirectObject) or page.idnum not in self.pages:
            return None
        target = self.targets[self.pages[page.idnum]]
        fit = value[1] if len(value) > 1 and str(value[1]) in FITS else NameObject("/Fit")
        numbers = [_scalar(resolved(item)) for item in value[2:6]
                   if isinstance(resolved(item), (NumberObject, FloatObject, NullObject))]
        return ArrayObject([target, NameObject(fit), *numbers])


def name_tree(node) -> list[tuple[str, object]]:
    """The (name, value) pairs of a name tree, within bounds."""
    found, waiting, seen = [], [(node, 0)], set()
    while waiting and len(found) < MAX_ENTRIES:
        node, depth = waiting.pop()
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
        node = resolved(node)
        if not isinstance(node, DictionaryObject) or depth > MAX_TREE_DEPTH:
            continue
        pairs = resolved(node.get("/Names"))
        if isinstance(pairs, ArrayObject):
            found += [(name_of(pairs[i]), pairs[i + 1])
                      for i in range(0, len(pairs) - 1, 2)][:MAX_ENTRIES]
        kids = resolved(node.get("/Kids"))
        if isinstance(kids, ArrayObject):
            waiting += [(kid, depth + 1) for kid in reversed(kids[:MAX_ENTRIES])]
    return found


def name_of(value) -> str:
    if isinstance(value, NameObject):
        return str(value)[1:]
    if isinstance(value, ByteStringObject):
        return bytes(value).decode("latin-1")
    return str(value)


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def link_scheme(uri: str) -> str | None:
    """The scheme of a link's target when it may be kept (https, http, mailto), else None."""
    if any(ord(c) <= 32 or ord(c) == 127 for c in uri):
        return None
    match = _SCHEME.match(uri)
    return match.group(1).lower() if match and match.group(1).lower() in SCHEMES else None


def uri_kind(uri: str) -> str:
    """How a link to a target that is not allowed is reported: `javascript: links`."""
    match = _SCHEME.match(uri.strip())
    return f"{match.group(1).lower()}: links" if match else "links that are not to web pages"


def written(writer: PdfWriter) -> bytes:
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def measure_streams(writer: PdfWriter, limit: int, total: int) -> None:
    """Raise Refused when a stream of the rebuilt PDF decodes to more than `limit` bytes,
    or all of them together to more than `total`: decoding stops at whichever comes first."""
    left = total
    for item in writer._objects:
        if isinstance(item, StreamObject):
            try:
                left -= check_stream(item, min(limit, left))
            except TooLarge:
                if left < limit:
                    raise Refused(f"its streams together decode to more than "
                                  f"{total / 1e6:g} MB (attachment_max_decoded_mb)") from None
                raise Refused(f"a stream or picture in it decodes to more than "
                              f"{limit / 1e6:g} MB (attachment_max_stream_mb)") from None
            except ValueError as exc:
                raise Refused(str(exc)) from None
