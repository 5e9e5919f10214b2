"""Pictures of a built briefing's pages, for a quick look, an email or an intranet news item."""

from __future__ import annotations

import io
from pathlib import Path

from .files import write_atomic

PREVIEW_DPI = 100


def preview_pages(pdf: Path, folder: Path, dpi: int = PREVIEW_DPI) -> list[Path]:
    """Write each page of `pdf` as `folder/<stem>-<n>.png`; return the paths in page order."""
    import pypdfium2

    written = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for number, page in enumerate(document, start=1):
            image = page.render(scale=dpi / 72).to_pil()
            stream = io.BytesIO()
            image.save(stream, format="PNG", optimize=True)
            target = folder / f"{pdf.stem}-{number}.png"
            write_atomic(target, stream.getvalue())
            written.append(target)
            page.close()
    finally:
        document.close()
    return written


def page_picture(pdf: bytes, number: int, dpi: int = PREVIEW_DPI) -> bytes | None:
    """One page of a PDF's bytes as a PNG picture (pages count from 1), or None when the
    PDF has no such page; made quickly, for a picture shown while the author types."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        if not 1 <= number <= len(document):
            return None
        page = document[number - 1]
        image = page.render(scale=dpi / 72).to_pil()
        page.close()
        stream = io.BytesIO()
        image.save(stream, format="PNG", compress_level=1)
        return stream.getvalue()
    finally:
        document.close()
