"""Archival PDFs carry their own source: the briefing's YAML, embedded as an associated file.

A PDF/A-3 built with `--pdf-a` holds the YAML it was made from, byte for byte
(its comments are checked like its text, since they are archived with it), so
years later the PDF alone is enough to check, correct and rebuild it. Reading
one back is bounded like any PDF from elsewhere: the file's size first, then
no embedded source decoded past the size a briefing may have.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

from ..checks.characters import without_hidden
from ..source.load import MAX_FILE_BYTES
from .copier import MAX_ENTRIES, name_of, name_tree, resolved
from .foreign import Limits, quiet_pypdf, read_file, read_pdf
from .streams import TooLarge, decoded

SOURCE_DESCRIPTION = "The briefing's source, from which this PDF was built"
# What a briefing source may hold besides printable text: tabs and line ends.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def source_attachment(path: Path, data: bytes, published: date):
    """Return the attachment that embeds `data` (the source at `path`) in the PDF."""
    from ..render.engine import Attachment

    # The briefing's date, not the time of the build: the same source, the same bytes.
    when = datetime(published.year, published.month, published.day, tzinfo=UTC)
    return Attachment(file_obj=io.BytesIO(data), name=path.name,
                      description=SOURCE_DESCRIPTION, created=when, modified=when,
                      relationship="Source")


class UnusableSource(ValueError):
    """An embedded source too large to be a briefing's, or not text."""


@dataclass(frozen=True)
class EmbeddedSource:
    """A briefing source found inside a PDF."""

    name: str
    data: bytes


def embedded_sources(pdf: Path, limits: Limits = Limits()) -> list[EmbeddedSource]:
    """Return the YAML sources embedded in `pdf`, in the order they were embedded.

    A PDF over the size limit, or not a regular file, is refused unread; no source is
    decoded past `MAX_FILE_BYTES`, the most a briefing may hold. Raises ValueError
    when the file is not a readable PDF, UnusableSource when a source is too large
    or not text.
    """
    data, reason, _ = read_file(pdf, limits.size)
    if data is None:
        raise ValueError(reason)
    reader, reason = read_pdf(data, limits)
    if reader is None:
        raise ValueError(reason)
    with quiet_pypdf():
        return [source for name, spec in _specifications(reader.root_object)
                if (source := _source(name, spec)) is not None]


def _specifications(root: DictionaryObject) -> list[tuple[str, object]]:
    """Every embedded file's name and specification: the names tree, then /AF."""
    found: list[tuple[str, object]] = []
    names = resolved(root.get("/Names"))
    if isinstance(names, DictionaryObject) and "/EmbeddedFiles" in names:
        found += name_tree(names.raw_get("/EmbeddedFiles"))
    associated = resolved(root.get("/AF"))
    if isinstance(associated, ArrayObject):
        for spec in associated[:MAX_ENTRIES]:
            spec = resolved(spec)
            if isinstance(spec, DictionaryObject):
                found.append((name_of(resolved(spec.get("/UF", spec.get("/F", "")))), spec))
    seen, unique = set(), []
    for name, spec in found:
        target = resolved(spec)
        reference = getattr(target, "indirect_reference", None)
        key = reference.idnum if reference is not None else id(target)
        if key not in seen:
            seen.add(key)
            unique.append((name, spec))
    return unique


def _source(name: str, spec) -> EmbeddedSource | None:
    if not name.lower().endswith((".yaml", ".yml")):
        return None
    spec = resolved(spec)
    files = resolved(spec.get("/EF")) if isinstance(spec, DictionaryObject) else None
    stream = resolved(files.get("/UF", files.get("/F"))) if isinstance(files, DictionaryObject) \
        else None
    if not isinstance(stream, StreamObject):
        return None
    try:
        data = decoded(stream, MAX_FILE_BYTES)
    except TooLarge:
        raise UnusableSource(f"the embedded source {without_hidden(name)!r} is larger than a "
                         f"briefing may be ({MAX_FILE_BYTES:,} bytes); it was not "
                         "extracted") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = "\x00"
    if _NOT_TEXT.search(text):
        raise UnusableSource(f"the embedded file {without_hidden(name)!r} is not a briefing "
                         "source: it is not UTF-8 text")
    return EmbeddedSource(Path(without_hidden(name)).name, data)
