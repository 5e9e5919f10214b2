"""A bulletin issue as one accessible web page: its contents, then each briefing.

For readers who should not have to open a PDF: one h1 (the issue's title), the
contents as a list of links (to each briefing's section on the page, and to the
PDF of every other attachment, named by its title), then each briefing's HTML twin
(web.briefing_section) as an article a level lower, in its own language. The
house style's web.css and issue-web.css are inlined; nothing is fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from .._version import __version__
from ..i18n import long_date, translations
from .html import templates
from .web import web_css

STYLESHEET = "issue-web.css"


@dataclass(frozen=True)
class IssueEntry:
    """One attachment on the page: a briefing's `section` (its twin) under `anchor`, or
    a PDF's file at `href`, relative to the page."""

    title: str
    kind: str
    anchor: str
    section: Markup | None = None
    href: str | None = None
    lang: str = "en-GB"


def issue_page(title: str, published: date, lang: str, entries: list[IssueEntry],
               styles: Path) -> str:
    """Return the issue as one HTML page. Raises ValueError when a stylesheet of the house
    style could close its <style> element."""
    extra = styles / STYLESHEET
    css = web_css(styles) + "\n" + (extra.read_text("utf-8") if extra.is_file() else "")
    if "</" in css:
        raise ValueError(f"{extra}: a stylesheet may not contain '</'")
    return templates().get_template("issue-web.html.j2").render(
        title=title, lang=lang, entries=entries, css=Markup(css), _=translations(lang).gettext,
        published=long_date(published, lang), published_iso=published.isoformat(),
        generator=f"briefing-builder {__version__}")
