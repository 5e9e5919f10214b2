"""Archival PDFs carry their own source: the briefing's YAML, embedded as an associated file.

A PDF/A-3 built with `--pdf-a` holds the exact bytes of the YAML it was made
from, so years later the PDF alone is enough to check, correct and rebuild it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from .foreign import read_pdf

SOURCE_DESCRIPTION = "The briefing's source, from which this PDF was built"


def source_attachment(path: Path, data: bytes, published: date):
    """Return the attachment that embeds `data` (the source at `path`) in the PDF."""
    from ..render.engine import Attachment

    # The briefing's date, not the time of the build: the same source, the same bytes.
    when = datetime(published.year, published.month, published.day, tzinfo=UTC)
    return Attachment(file_obj=io.BytesIO(data), name=path.name,
                      description=SOURCE_DESCRIPTION, created=when, modified=when,
                      relationship="Source")


@dataclass(frozen=True)
class EmbeddedSource:
    """A briefing source found inside a PDF."""

    name: str
    data: bytes


def embedded_sources(pdf: Path) -> list[EmbeddedSource]:
    """Return the YAML sources embedded in `pdf`, in the order they were embedded.

    Raises OSError when the file cannot be read and ValueError when it is not a
    readable PDF.
    """
    reader, reason = read_pdf(pdf.read_bytes())
    if reader is None:
        raise ValueError(reason)
    attachments = reader.attachments
    return [EmbeddedSource(name, content)
            for name, contents in attachments.items()
            if name.endswith((".yaml", ".yml"))
            for content in contents]
