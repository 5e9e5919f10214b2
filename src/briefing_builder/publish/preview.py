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
