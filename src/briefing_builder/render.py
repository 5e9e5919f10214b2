"""Render a briefing: Jinja2 makes the HTML, WeasyPrint lays it out and writes the PDF.

WeasyPrint reaches the outside world only through `StylesFetcher`, which
serves files from the house style folder and refuses everything else.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import mimetypes
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import jinja2
import segno
from cssselect2 import ElementWrapper
from markupsafe import Markup

from . import __version__
from .engine import CSS, HTML, FontConfiguration, URLFetcher, URLFetcherResponse
from .layout import Panel, panels, recommendation_columns
from .model import Briefing
from .reading import briefing_words, reading_minutes

logger = logging.getLogger(__name__)

LANG = "en-GB"
A4_LANDSCAPE_MM = (297.0, 210.0)
# A3 is A4 scaled by the square root of two: the same layout, every length larger.
ZOOM = {"a4": 1.0, "a3": math.sqrt(2)}


class StylesFetcher(URLFetcher):
    """A URL fetcher that serves only files inside the given folders."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols=("file",))
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []
        # Files the builder makes for the house style, served as if they were in it.
        self.generated: dict[Path, tuple[bytes, str]] = {}

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
        if path is not None and parts.netloc in ("", "localhost") and path in self.generated:
            data, content_type = self.generated[path]
            return URLFetcherResponse(path.as_uri(), data, {"Content-Type": content_type})
        if path is None or parts.netloc not in ("", "localhost") or not any(
                path.is_relative_to(root) for root in self.roots) or not path.is_file():
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only the house style's own files are used")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                  {"Content-Type": content_type})


USER_AGENT_CSS = "user-agent.css"


class BriefingPage(HTML):
    """A briefing page as WeasyPrint reads it, in two ways cheaper than plain HTML.

    The house style's element defaults (user-agent.css), when it has them, stand in
    for WeasyPrint's stylesheet for all of HTML. And as the templates write
    well-formed XHTML, the page is parsed by expat rather than by WeasyPrint's HTML5
    parser, which is written in Python (4 ms a page); whatever expat refuses goes to
    that parser.
    """

    def __init__(self, page: str, house: HouseStyle) -> None:
        self.user_agent = house.user_agent
        try:
            root = ElementTree.fromstring(page)
        except ElementTree.ParseError:
            super().__init__(string=page, base_url=house.base_url, url_fetcher=house.fetcher)
            return
        # What HTML.__init__ keeps of a parsed page.
        self.base_url, self.url_fetcher, self.media_type = house.base_url, house.fetcher, "print"
        self.wrapper_element = ElementWrapper.from_html_root(root, content_language=None)
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        # WeasyPrint asks its documents for their user-agent stylesheets here.
        if self.user_agent is None:
            return super()._ua_stylesheets(forms)
        return [self.user_agent]


@dataclass(frozen=True)
class Sheet:
    """One page of panels at one body text size, with or without the centre title."""

    text_size: float
    panels: list[Panel]
    centre: bool = True


def bullet_png(colour: str, pixels: int = 48) -> bytes:
    """A round bullet in `colour` (#rrggbb) as a small PNG, smooth at print resolution.

    A picture reused by every item costs less to draw than an SVG drawn for each.
    """
    from PIL import Image, ImageDraw

    large = Image.new("RGBA", (pixels * 4, pixels * 4), (0, 0, 0, 0))
    rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    ImageDraw.Draw(large).ellipse((4, 4, pixels * 4 - 5, pixels * 4 - 5), fill=(*rgb, 255))
    stream = io.BytesIO()
    large.resize((pixels, pixels), Image.LANCZOS).save(stream, "PNG", optimize=True)
    return stream.getvalue()


class HouseStyle:
    """The house style made ready once for a whole batch: stylesheets parsed, fonts found.

    Every layout of a batch shares the parsed CSS, the font configuration and
    the fetcher, so no briefing pays for them again.
    """

    def __init__(self, folder: Path, stylesheets: tuple[str, ...] = ("briefing.css",),
                 theme: str | None = None) -> None:
        from .theme import DEFAULT_THEME, load_theme, logo_url

        self.folder = folder.resolve()
        self.fetcher = StylesFetcher([self.folder])
        self.theme = load_theme(self.folder, theme or DEFAULT_THEME)
        self.fetcher.generated[self.folder / "bullet.png"] = (
            bullet_png(self.theme.colours.accent), "image/png")
        self.fonts = FontConfiguration()
        self.base_url = self.folder.as_uri() + "/"
        self.stylesheets = [self._css(filename=str(self.folder / name)) for name in stylesheets]
        defaults = self.folder / USER_AGENT_CSS
        self.user_agent = self._css(filename=str(defaults)) if defaults.is_file() else None
        self.logo = None
        if theme is not None:  # the page's own colours, fonts and logo
            self.stylesheets.append(self._css(string=self.theme.css()))
            url = logo_url(self.folder, theme, self.theme)
            self.logo = (url, self.theme.logo.alt) if url else None
        if self.fetcher.refused:
            raise ValueError(f"{self.folder}: the stylesheets ask for "
                             f"{', '.join(self.fetcher.refused)}, outside the house style")
        self._extra: dict[str, CSS] = {}

    def _css(self, **source) -> CSS:
        return CSS(**source, base_url=self.base_url, url_fetcher=self.fetcher,
                   font_config=self.fonts)

    def with_extra(self, extra_css: str) -> list[CSS]:
        """The house stylesheets followed by `extra_css`, parsed once per distinct text."""
        if not extra_css:
            return self.stylesheets
        if extra_css not in self._extra:
            self._extra[extra_css] = self._css(string=extra_css)
        return [*self.stylesheets, self._extra[extra_css]]


@lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    """The package's Jinja2 templates, autoescaped, loaded once."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("briefing_builder", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def long_date(day: date) -> str:
    """Return a date as people write it in the UK: 1 July 2021."""
    return f"{day.day} {day:%B %Y}"


def qr_code(url: str) -> Markup:
    """Return an SVG QR code for `url`, to print beside the link it stands for.

    Its title is the figure's alternative text in the tagged PDF.
    """
    code = segno.make(url, error="m", micro=False)
    svg = io.BytesIO()
    code.save(svg, kind="svg", xmldecl=False, svgns=True, nl=False, scale=1, border=0,
              dark="#000", omitsize=True, title=f"QR code: link to the full report at {url}")
    return Markup(svg.getvalue().decode("utf-8"))


def briefing_facts(briefing: Briefing) -> dict:
    """What the printed page and its HTML twin both say of a briefing besides its panels."""
    subject = briefing.kind.label + (f": {briefing.subject}" if briefing.subject else "")
    return {
        "briefing": briefing,
        "published": long_date(briefing.published),
        "minutes": reading_minutes(briefing_words(briefing)),
        "subject_line": f"7-minute briefing. {subject}",
        "generator": f"briefing-builder {__version__}",
    }


def briefing_html(briefing: Briefing, sheets: list[Sheet], *, measuring: bool = False,
                  logo: tuple[str, str] | None = None) -> str:
    """Return the briefing as one HTML document, panels in reading order 1..7.

    When `measuring`, the document holds one sheet per candidate text size and
    no recommendations page: it is laid out only to be measured.
    """
    source_url = briefing.source.url if briefing.source else None
    return templates().get_template("briefing.html.j2").render(
        **briefing_facts(briefing),
        sheets=sheets,
        measuring=measuring,
        recommendations=recommendation_columns(briefing.recommendations or []),
        qr=qr_code(source_url) if source_url else None,
        lang=briefing.lang,
        logo=logo,
    )


def final_sheet(briefing: Briefing, text_size: float, cut: int | None = None) -> list[Sheet]:
    """The one sheet of the built page; `cut` concerns in panel 2 (default: even by length)."""
    return [Sheet(text_size, panels(briefing, cut))]


@dataclass
class Rendering:
    """A laid-out document and what happened on the way."""

    document: object
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def pdf(self, paper: str = "a4", variant: str = "pdf/ua-1",
            attachments: list | None = None) -> bytes:
        """Return the PDF bytes, tagged for screen readers (PDF/UA-1) by default.

        `variant` "pdf/a-3a" makes an archival PDF/A-3 that is tagged too; its
        `attachments` are kept as associated files. Either way the same source
        gives the same bytes: no random identifier, dates from the briefing.
        """
        with warnings.catch_warnings(), _layout_engine_messages() as messages:
            # For PDF/A, WeasyPrint opens its sRGB profile and leaves the file to the
            # garbage collector to close.
            warnings.simplefilter("ignore", ResourceWarning)
            data = self.document.write_pdf(zoom=ZOOM[paper], pdf_variant=variant,
                                           pdf_identifier=variant.startswith("pdf/a"),
                                           attachments=attachments)
        self.warnings += messages  # drawing is when a missing glyph is found
        return data


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _layout_engine_messages() -> Iterator[list[str]]:
    """Collect WeasyPrint's warnings instead of letting them reach the terminal: the
    build turns them into problems with a place in the briefing."""
    collect = _Collect()
    weasy_logger = logging.getLogger("weasyprint")
    weasy_logger.addHandler(collect)
    propagate, weasy_logger.propagate = weasy_logger.propagate, False
    try:
        yield collect.messages
    finally:
        weasy_logger.removeHandler(collect)
        weasy_logger.propagate = propagate


def print_css(paper: str = "a4", bleed_mm: float = 0.0, marks: bool = False) -> str:
    """Return the page rules for professional print: bleed and crop marks.

    Lengths are divided by the zoom, so 3 mm of bleed is 3 mm on A3 too. Extra
    stylesheets have user origin, hence !important.
    """
    rules = []
    if bleed_mm:
        rules.append(f"bleed: {bleed_mm / ZOOM[paper]:.4f}mm !important;")
    if marks:
        rules.append("marks: crop !important;")
    return "@page { " + " ".join(rules) + " }" if rules else ""


def lay_out(html: str, house: HouseStyle, extra_css: str = "") -> Rendering:
    """Lay out `html` with the house style; returns the laid-out document.

    Only files of the house style's folder can be fetched; every other URL is
    refused and listed in the result.
    """
    refused_before = len(house.fetcher.refused)
    with _layout_engine_messages() as messages:
        document = BriefingPage(html, house).render(
            stylesheets=house.with_extra(extra_css), font_config=house.fonts)
    return Rendering(document, house.fetcher.refused[refused_before:],
                     [m for m in messages if "refused to fetch" not in m])
