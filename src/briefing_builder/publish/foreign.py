"""PDFs from elsewhere: read within limits, vetted, then rebuilt from what is allowed.

Manifests point at PDFs from other agencies. Before any of their content is
decoded, a file is refused when it is not a regular file (a FIFO, a device, a
folder), is larger than the size limit, or its page tree says it has no pages
or more than the page limit; every stream is then measured within the stream
limit as it is copied. Nothing in a bundle may act when a practitioner opens it:
each attachment is rebuilt from an allow-list (rebuild.py), and the bundle says
what was left out of which.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from ..inputs import NotAFile, opened

MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    """How large a PDF from elsewhere may be: bytes, pages, bytes of any one stream
    decoded and of all its streams decoded together. The defaults are the settings'
    (attachment_max_mb, attachment_max_pages, attachment_max_stream_mb,
    attachment_max_decoded_mb)."""

    size: int = 50 * MB
    pages: int = 500
    stream: int = 100 * MB
    decoded: int = 500 * MB


def read_file(path: Path, limit: int) -> tuple[bytes | None, str | None, bool]:
    """Return the bytes of `path`, or None, why not, and whether it could not be read at all.

    A FIFO or a device is refused, never waited on (see `inputs.opened`); a file over
    `limit` bytes is refused unread.
    """
    try:
        with opened(path) as (stream, size):
            too_large = (f"it is {size / MB:.1f} MB; an attachment may be at most "
                         f"{limit / MB:g} MB (attachment_max_mb)")
            if size > limit:
                return None, too_large, False
            data = stream.read(limit + 1)
        return (None, too_large, False) if len(data) > limit else (data, None, False)
    except NotAFile as exc:
        return None, f"it is {exc.kind}, not a PDF file", False
    except OSError as exc:
        return None, f"cannot read it: {exc.strerror or exc}", True


def read_pdf(data: bytes, limits: Limits | None = None) -> tuple[PdfReader | None, str | None]:
    """Return the PDF read from `data`, or None and why it cannot be used.

    Only its structure is read: the cross-reference table and the page tree, whose
    count is checked against the page limit before the pages are listed. No page's
    content is decoded here.
    """
    limits = limits or Limits()
    if not data:
        return None, "the file is empty"
    if data.lstrip()[:5] != b"%PDF-":
        return None, "the file is not a PDF"
    if b"%%EOF" not in data[-2048:]:
        return None, "the PDF is truncated (it has no end-of-file marker)"
    try:
        with quiet_pypdf():
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                return None, "the PDF is encrypted; attach an unprotected copy"
            declared = reader.root_object["/Pages"].get("/Count", 0)
            reason = _page_count(int(declared), limits.pages)
            if reason is None:
                reason = _page_count(len(reader.pages), limits.pages)
    except Exception as exc:  # noqa: BLE001 - any failure of a parser given hostile bytes
        return None, f"the PDF is damaged ({_plainly(exc)})"
    return (None, reason) if reason else (reader, None)


def _page_count(count: int, limit: int) -> str | None:
    if count <= 0:
        return "the PDF has no pages"
    if count > limit:
        return (f"the PDF has {count:,} pages; an attachment may have at most {limit:,} "
                "(attachment_max_pages)")
    return None


def _plainly(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return text or type(exc).__name__


@contextlib.contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf's warnings about a damaged file stay out of the terminal: a file that cannot
    be used is refused in the builder's words, and one that can is used."""
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        pypdf_logger.setLevel(level)
