"""Render a briefing: Jinja2 makes the HTML, WeasyPrint lays it out and writes the PDF.

WeasyPrint reaches the outside world only through `StylesFetcher`, which
serves files from the house style folder and refuses everything else.
"""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import __version__
from .layout import panels
from .markup import inline
from .model import Briefing

logger = logging.getLogger(__name__)

LANG = "en-GB"


class StylesFetcher(URLFetcher):
    """A URL fetcher that serves only files inside the given folders."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols=("file",))
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
        if path is None or parts.netloc not in ("", "localhost") or not any(
                path.is_relative_to(root) for root in self.roots) or not path.is_file():
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only the house style's own files are used")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                  {"Content-Type": content_type})


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("briefing_builder", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def long_date(day) -> str:
    """Return a date as people write it in the UK: 1 July 2021."""
    return f"{day.day} {day:%B %Y}"


def briefing_html(briefing: Briefing) -> str:
    """Return the briefing as one HTML document, panels in reading order 1..7."""
    subject = briefing.kind.label + (f": {briefing.subject}" if briefing.subject else "")
    return _templates().get_template("briefing.html.j2").render(
        briefing=briefing,
        panels=panels(briefing),
        recommendations=[inline(r) for r in briefing.recommendations or ()],
        published=long_date(briefing.published),
        subject_line=f"7-minute briefing. {subject}",
        generator=f"briefing-builder {__version__}",
        lang=LANG,
    )


@dataclass
class Rendering:
    """A laid-out briefing: the WeasyPrint document and what happened on the way."""

    document: object
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def pdf(self) -> bytes:
        """Return the PDF bytes: no identifier, so the same source gives the same bytes."""
        return self.document.write_pdf(pdf_identifier=False)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render(briefing: Briefing, styles: Path) -> Rendering:
    """Lay out `briefing` with the house style in `styles`; returns the laid-out document."""
    fetcher = StylesFetcher([styles])
    collect = _Collect()
    weasy_logger = logging.getLogger("weasyprint")
    weasy_logger.addHandler(collect)
    try:
        html = HTML(string=briefing_html(briefing), base_url=styles.as_uri() + "/",
                    url_fetcher=fetcher)
        document = html.render()
    finally:
        weasy_logger.removeHandler(collect)
    return Rendering(document, fetcher.refused,
                     [m for m in collect.messages if "refused to fetch" not in m])
