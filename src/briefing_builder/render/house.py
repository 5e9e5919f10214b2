"""The house style made ready once: stylesheets parsed, fonts found, the page reader.

A `HouseStyle` belongs to the batch that made it; every layout of the batch in
that theme shares its parsed CSS, font configuration and fetcher.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree import ElementTree

from cssselect2 import ElementWrapper

from .engine import CSS, HTML, CounterStyle, FontConfiguration
from .fetcher import StylesFetcher
from .theme import DEFAULT_THEME, load_theme, logo_url

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
        self.folder = folder.resolve()
        self.fetcher = StylesFetcher([self.folder])
        self.theme = load_theme(self.folder, theme or DEFAULT_THEME)
        self.fetcher.generated[self.folder / "bullet.png"] = (
            bullet_png(self.theme.colours.accent), "image/png")
        self.fonts = FontConfiguration()
        self.counters = CounterStyle()  # the stylesheets' @counter-style rules
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
                   font_config=self.fonts, counter_style=self.counters)

    def with_extra(self, extra_css: str) -> list[CSS]:
        """The house stylesheets followed by `extra_css`, parsed once per distinct text."""
        if not extra_css:
            return self.stylesheets
        if extra_css not in self._extra:
            self._extra[extra_css] = self._css(string=extra_css)
        return [*self.stylesheets, self._extra[extra_css]]
