"""Structure trees of tagged PDFs: read, copied into another document, and read for text.

A tagged PDF ties its content to its structure in two directions. Each element
lists its marked content (an MCID on a page) and its annotations (an OBJR); each
page names its entry in the structure tree's ParentTree (/StructParents), whose
array gives, by MCID, the element each piece of marked content belongs to, and
each annotation names its own entry (/StructParent). MCIDs are numbered per page
and stay as they are when pages move to another document; the ParentTree's keys
are numbered per document, so a copied tree gets new keys and every page and
annotation that used the old ones is renumbered.

Elements are copied from an allow-list of keys, never whole: what a structure
element may carry that is not structure (actions, files, /ID references to trees
not copied) stays behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
)

from ..checks.characters import without_hidden

MAX_DEPTH = 200  # structure nests deeply (lists in lists in tables), but not this deeply
MAX_ELEMENTS = 500_000
# What a structure element keeps: its type, title, language, texts and attributes.
TEXT_KEYS = ("/T", "/Lang", "/Alt", "/ActualText", "/E")
VALUE_KEYS = ("/A", "/C", "/R")


def resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def is_tagged(reader: PdfReader) -> bool:
    """True when the PDF has a structure tree with at least one element in it."""
    tree = resolved(reader.root_object.get("/StructTreeRoot"))
    return isinstance(tree, DictionaryObject) and bool(kids_of(tree))


def role_map(reader: PdfReader) -> dict[str, str]:
    """The PDF's own structure types and the standard types they stand for."""
    tree = resolved(reader.root_object.get("/StructTreeRoot"))
    roles = resolved(tree.get("/RoleMap")) if isinstance(tree, DictionaryObject) else None
    if not isinstance(roles, DictionaryObject):
        return {}
    return {str(key): str(resolved(value)) for key, value in roles.items()
            if isinstance(resolved(value), NameObject)}


def number_tree(node, depth: int = 0) -> dict[int, object]:
    """A number tree (such as the ParentTree) as one mapping, leaves and kids alike."""
    node = resolved(node)
    found: dict[int, object] = {}
    if not isinstance(node, DictionaryObject) or depth > 32:
        return found
    pairs = resolved(node.get("/Nums"))
    if isinstance(pairs, ArrayObject):
        for index in range(0, len(pairs) - 1, 2):
            key = resolved(pairs[index])
            if isinstance(key, int):
                found[int(key)] = pairs[index + 1]
    for kid in resolved(node.get("/Kids")) or ():
        found.update(number_tree(kid, depth + 1))
    return found


def kids_of(node) -> list:
    """An element's kids as they are written: references stay references (a single kid
    too), so that an element is known by its object number."""
    if not isinstance(node, DictionaryObject) or "/K" not in node:
        return []
    kids = node.raw_get("/K")
    return list(resolved(kids)) if isinstance(resolved(kids), ArrayObject) else [kids]


def plain(value, depth: int = 0):
    """A copy of a value made of names, numbers, strings, booleans, arrays and
    dictionaries of them (an element's attributes); anything else becomes null."""
    value = resolved(value)
    if depth > 8:
        return NullObject()
    for kind in (BooleanObject, NameObject, FloatObject, NumberObject):
        if isinstance(value, kind):
            return kind(value)
    if isinstance(value, ByteStringObject):
        return ByteStringObject(bytes(value))
    if isinstance(value, TextStringObject):
        return TextStringObject(str(value))
    if isinstance(value, ArrayObject):
        return ArrayObject(plain(item, depth + 1) for item in value[:1000])
    if isinstance(value, DictionaryObject):
        return DictionaryObject({NameObject(key): plain(item, depth + 1)
                                 for key, item in list(value.items())[:1000]})
    return NullObject()


@dataclass
class Graft:
    """A structure tree copied into a writer: its top elements (to be given a parent),
    its ParentTree entries under their new keys, and the next key free."""

    kids: list[IndirectObject] = field(default_factory=list)
    entries: dict[int, object] = field(default_factory=dict)
    next_key: int = 0
    elements: dict[int, IndirectObject] = field(default_factory=dict)
    ids: dict[bytes, IndirectObject] = field(default_factory=dict)


class _Copier:
    """One source tree on its way into the writer, its pages at `start` onwards."""

    def __init__(self, source: PdfReader, writer: PdfWriter, start: int,
                 rename: dict[str, str], prefix: str) -> None:
        self.writer, self.rename, self.prefix = writer, rename, prefix.encode("utf-8")
        targets = writer.pages[start:start + len(source.pages)]
        self.pages = {page.indirect_reference.idnum: target.indirect_reference
                      for page, target in zip(source.pages, targets, strict=True)}
        self.sources, self.targets = list(source.pages), targets
        # Annotations by the key they had: the writer's copies still carry it.
        self.annotations: dict[int, tuple[IndirectObject, IndirectObject]] = {}
        for target in targets:
            for reference in resolved(target.get("/Annots")) or ():
                key = resolved(resolved(reference).get("/StructParent"))
                if isinstance(key, int) and isinstance(reference, IndirectObject):
                    self.annotations[int(key)] = (reference, target.indirect_reference)
        self.graft = Graft()
        self.count = 0

    def element(self, node, parent: IndirectObject, depth: int) -> IndirectObject | None:
        source = resolved(node)
        if not isinstance(source, DictionaryObject) or "/S" not in source:
            return None
        if isinstance(node, IndirectObject) and node.idnum in self.graft.elements:
            return None  # an element reached twice is copied once
        self.count += 1
        if depth > MAX_DEPTH or self.count > MAX_ELEMENTS:
            raise ValueError("its structure tree is too large or too deep to copy")
        kind = str(resolved(source["/S"]))
        copy = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                 NameObject("/S"): NameObject(self.rename.get(kind, kind)),
                                 NameObject("/P"): parent})
        for key in TEXT_KEYS:  # read aloud: no invisible characters, and not a book's worth
            value = resolved(source.get(key))
            if isinstance(value, TextStringObject | ByteStringObject):
                copy[NameObject(key)] = TextStringObject(without_hidden(str(value))[:5000])
        for key in VALUE_KEYS:
            if key in source:
                copy[NameObject(key)] = self._headers(plain(source[key]))
        own_id = resolved(source.get("/ID"))
        if isinstance(own_id, TextStringObject | ByteStringObject):
            copy[NameObject("/ID")] = ByteStringObject(self.prefix + _bytes(own_id))
        page = self._page(source.raw_get("/Pg") if "/Pg" in source else None)
        if page is not None:
            copy[NameObject("/Pg")] = page
        reference = self.writer._add_object(copy)
        if isinstance(node, IndirectObject):
            self.graft.elements[node.idnum] = reference
        if "/ID" in copy:
            self.graft.ids.setdefault(bytes(copy["/ID"]), reference)
        kids = ArrayObject()
        for kid in kids_of(source):
            made = self.kid(kid, reference, depth + 1)
            if made is not None:
                kids.append(made)
        if kids:
            copy[NameObject("/K")] = kids if len(kids) > 1 else kids[0]
        return reference

    def kid(self, kid, parent: IndirectObject, depth: int):
        value = resolved(kid)
        if isinstance(value, int) and not isinstance(value, bool):
            return NumberObject(value)  # an MCID on the element's page
        if not isinstance(value, DictionaryObject):
            return None
        if value.get("/Type") == "/MCR":
            return self._marked_reference(value)
        if value.get("/Type") == "/OBJR":
            return self._object_reference(value)
        return self.element(kid, parent, depth)

    def _headers(self, attributes):
        """Attributes with the IDs of the table headers they name given the same prefix
        as the headers' own IDs."""
        for owner in attributes if isinstance(attributes, ArrayObject) else [attributes]:
            headers = owner.get("/Headers") if isinstance(owner, DictionaryObject) else None
            if isinstance(headers, ArrayObject):
                owner[NameObject("/Headers")] = ArrayObject(
                    ByteStringObject(self.prefix + _bytes(header))
                    if isinstance(header, TextStringObject | ByteStringObject) else header
                    for header in headers)
        return attributes

    def _page(self, reference) -> IndirectObject | None:
        if isinstance(reference, IndirectObject):
            return self.pages.get(reference.idnum)
        return None

    def _marked_reference(self, value: DictionaryObject):
        mcid, page = resolved(value.get("/MCID")), self._page(value.raw_get("/Pg")
                                                               if "/Pg" in value else None)
        if not isinstance(mcid, int) or "/Stm" in value:
            return None  # marked content in a form's own stream is not followed
        made = DictionaryObject({NameObject("/Type"): NameObject("/MCR"),
                                 NameObject("/MCID"): NumberObject(mcid)})
        if page is not None:
            made[NameObject("/Pg")] = page
        return made

    def _object_reference(self, value: DictionaryObject):
        annotation = resolved(value.get("/Obj"))
        key = resolved(annotation.get("/StructParent")) if isinstance(
            annotation, DictionaryObject) else None
        found = self.annotations.get(int(key)) if isinstance(key, int) else None
        if found is None:
            return None  # an annotation left out of the copy, or one never drawn
        return DictionaryObject({NameObject("/Type"): NameObject("/OBJR"),
                                 NameObject("/Obj"): found[0], NameObject("/Pg"): found[1]})


def _bytes(value) -> bytes:
    return bytes(value) if isinstance(value, ByteStringObject) else \
        str(value).encode("utf-8")


def graft(source: PdfReader, writer: PdfWriter, start: int, parent: IndirectObject,
          first_key: int, rename: dict[str, str] | None = None, prefix: str = "") -> Graft:
    """Copy the structure tree of `source`, whose pages are the writer's pages from
    `start` on, under `parent`; renumber those pages' and their annotations' keys into
    the ParentTree from `first_key`, rename the types in `rename` and put `prefix` before
    every element ID (and the table headers' IDs that cells name), so that two trees'
    IDs never meet. Raises ValueError for a tree too large to copy."""
    copier = _Copier(source, writer, start, rename or {}, prefix)
    tree = resolved(source.root_object.get("/StructTreeRoot"))
    for kid in kids_of(tree):
        made = copier.element(kid, parent, 1)
        if made is not None:
            copier.graft.kids.append(made)
    _renumber(copier, number_tree(tree.get("/ParentTree")), first_key)
    return copier.graft


def _renumber(copier: _Copier, old: dict[int, object], key: int) -> None:
    """Give each page and annotation of the copy a new key and its entry under it."""
    graft, elements = copier.graft, copier.graft.elements

    def mapped(value):
        value = value if isinstance(value, IndirectObject) else None
        return elements.get(value.idnum, NullObject()) if value is not None else NullObject()

    for source, page in zip(copier.sources, copier.targets, strict=True):
        number = resolved(source.get("/StructParents"))  # copies of pages leave it out
        if "/StructParents" in page:
            del page["/StructParents"]
        entry = resolved(old.get(int(number))) if isinstance(number, int) else None
        if isinstance(entry, ArrayObject):
            page[NameObject("/StructParents")] = NumberObject(key)
            graft.entries[key] = ArrayObject(mapped(item) for item in entry)
            key += 1
        for reference in resolved(page.get("/Annots")) or ():
            annotation = resolved(reference)
            number = resolved(annotation.get("/StructParent"))
            if "/StructParent" in annotation:
                del annotation["/StructParent"]
            entry = old.get(int(number)) if isinstance(number, int) else None
            target = mapped(entry) if entry is not None else NullObject()
            if not isinstance(target, NullObject):
                annotation[NameObject("/StructParent")] = NumberObject(key)
                graft.entries[key] = target
                key += 1
    graft.next_key = key


def untag(pages: list[PageObject]) -> None:
    """Take the ParentTree keys off pages (and their annotations) whose tree is not kept."""
    for page in pages:
        if "/StructParents" in page:
            del page["/StructParents"]
        for reference in resolved(page.get("/Annots")) or ():
            annotation = resolved(reference)
            if isinstance(annotation, DictionaryObject) and "/StructParent" in annotation:
                del annotation["/StructParent"]


def tree_root(writer: PdfWriter, kids: list[IndirectObject], entries: dict[int, object],
              ids: dict[bytes, IndirectObject], roles: dict[str, str],
              reference: IndirectObject | None = None) -> IndirectObject:
    """Make the writer's StructTreeRoot (at `reference`, when the kids already point at
    it): its kids, the ParentTree and its next key, the IDTree and the role map."""
    tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot"),
                             NameObject("/K"): ArrayObject(kids)})
    numbers = ArrayObject()
    for key in sorted(entries):
        numbers += [NumberObject(key), entries[key]]
    tree[NameObject("/ParentTree")] = writer._add_object(
        DictionaryObject({NameObject("/Nums"): numbers}))
    tree[NameObject("/ParentTreeNextKey")] = NumberObject(max(entries, default=-1) + 1)
    if ids:  # a name tree of one leaf, its names in order
        names = ArrayObject()
        for name in sorted(ids):
            names += [ByteStringObject(name), ids[name]]
        tree[NameObject("/IDTree")] = writer._add_object(
            DictionaryObject({NameObject("/Names"): names}))
    if roles:
        tree[NameObject("/RoleMap")] = DictionaryObject(
            {NameObject(key): NameObject(value) for key, value in sorted(roles.items())})
    if reference is None:
        reference = writer._add_object(tree)
    else:
        writer._replace_object(reference, tree)
    writer._root_object[NameObject("/StructTreeRoot")] = reference
    return reference


def carry(source: PdfReader, writer: PdfWriter) -> bool:
    """Give `writer`, a copy of `source` page for page whose annotations kept their
    /StructParent, the structure tree of `source` (from the allow-list), and say it is
    tagged as `source` said: /MarkInfo, /Lang. Returns False, changing nothing, when
    `source` has no tags. Raises ValueError for a tree too large to copy."""
    if not is_tagged(source) or len(source.pages) != len(writer.pages):
        return False
    reference = writer._add_object(NullObject())
    copied = graft(source, writer, 0, reference, 0)
    tree_root(writer, copied.kids, copied.entries, copied.ids, role_map(source), reference)
    root = writer._root_object
    root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    lang = resolved(source.root_object.get("/Lang"))
    if isinstance(lang, TextStringObject | ByteStringObject):
        root[NameObject("/Lang")] = TextStringObject(str(lang)[:100])
    return True
