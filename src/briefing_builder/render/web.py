"""The HTML twin of a briefing: one self-contained, accessible page in reading order 1..7.

For intranets and for readers who should not have to open a PDF: the same
text as the printed page, one h1, the seven panels as h2 sections with the
concerns split as on paper, the recommendations under "What to do", the house
style's `web.css` inlined, and nothing fetched from anywhere.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..source.markup import inline
from ..source.model import Briefing
from .html import DEFAULT_LABEL, briefing_facts, templates
from .panels import panels

STYLESHEET = "web.css"


def briefing_page(briefing: Briefing, styles: Path, cut: int | None = None,
                  theme_css: str = "", label: str = DEFAULT_LABEL) -> str:
    """Return the briefing as one HTML page; `cut` concerns in panel 2, as on the PDF.

    Raises ValueError when the house style's web.css could close its <style> element.
    """
    css = web_css(styles) + "\n" + theme_css
    if "</" in css:
        raise ValueError(f"{styles / STYLESHEET}: a stylesheet may not contain '</'")
    return templates().get_template("briefing-web.html.j2").render(
        **_content(briefing, cut, label), level=1, ids="", css=Markup(css))


def web_css(styles: Path) -> str:
    """The house style's web.css, to go inside a <style> element.

    Raises ValueError when it could close the element.
    """
    css_path = styles / STYLESHEET
    css = css_path.read_text("utf-8") if css_path.is_file() else ""
    if "</" in css:
        raise ValueError(f"{css_path}: a stylesheet may not contain '</'")
    return css


def briefing_section(briefing: Briefing, cut: int | None, label: str, ids: str) -> Markup:
    """The HTML twin's content as part of a larger page (an issue's): the title a level-2
    heading with the id `<ids>title`, the panels level 3, every id after the prefix."""
    return Markup(templates().get_template("briefing-web-body.html.j2").render(
        **_content(briefing, cut, label), level=2, ids=ids))


def _content(briefing: Briefing, cut: int | None, label: str) -> dict:
    return {**briefing_facts(briefing, label), "panels": panels(briefing, cut),
            "recommendations": [inline(r) for r in briefing.recommendations or ()]}
