"""The briefing page as HTML: Jinja2 templates filled with a briefing's panels and facts."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from functools import lru_cache

import jinja2
import jinja2.bccache
import segno
from markupsafe import Markup

from .._version import __version__
from ..i18n import long_date, translations
from ..source.model import Briefing
from ..source.words import briefing_words, reading_minutes
from . import TEMPLATES
from .geometry import Box, Geometry
from .panels import Panel, panels, recommendation_columns

LANG = "en-GB"


DEFAULT_LABEL = "7-minute briefing"


@dataclass(frozen=True)
class Sheet:
    """One page of panels at one body text size and geometry, with or without the title."""

    text_size: float
    panels: list[Panel]
    centre: bool = True
    geometry: Geometry = Geometry()

    @property
    def boxes(self) -> dict[int, Box]:
        return self.geometry.boxes()


@lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    """The package's Jinja2 templates, autoescaped, loaded once.

    Compiled templates are kept between runs in Jinja2's own cache folder (one per user,
    private, in the temporary folder; each checked against its template's text): compiling
    the page's template costs a new process about 15 ms, each of the others as much again.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_compiled_templates(),
    )


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja2's cache, which never stops a build: a template it cannot keep or read back is
    compiled as if it were not there."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - unreadable or damaged: compile it again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled_templates() -> jinja2.BytecodeCache | None:
    try:
        return _CompiledTemplates()
    except (OSError, RuntimeError):  # no private temporary folder: compile every time
        return None


@lru_cache(maxsize=64)
def qr_symbol(url: str) -> segno.QRCode:
    """The QR code of `url` as every edition prints it (error correction M), made once a
    process: the page, its discussion sheet and the Word sheet mostly print the same link,
    and a warm process the same links build after build."""
    return segno.make(url, error="m", micro=False)


@lru_cache(maxsize=64)
def qr_code(url: str, lang: str = LANG, briefing: bool = False) -> Markup:
    """Return an SVG QR code for `url` (a link to the full report, or to the `briefing`),
    to print beside the link it stands for.

    Its title is the figure's alternative text in the tagged PDF, in the language `lang`.
    """
    _ = translations(lang).gettext
    title = (_("QR code: link to the briefing at %(url)s") if briefing else
             _("QR code: link to the full report at %(url)s")) % {"url": url}
    svg = io.BytesIO()
    qr_symbol(url).save(svg, kind="svg", xmldecl=False, svgns=True, nl=False, scale=1,
                        border=0, dark="#000", omitsize=True, title=title)
    return Markup(svg.getvalue().decode("utf-8"))


def briefing_facts(briefing: Briefing, label: str = DEFAULT_LABEL) -> dict:
    """What the printed page and its HTML twin both say of a briefing besides its panels;
    `label` is the house style's name for the document, unless the briefing has its own."""
    words = translations(briefing.lang)
    kind = words.gettext(briefing.kind.label)
    subject = kind + (f": {briefing.subject}" if briefing.subject else "")
    label = briefing.label or words.gettext(label)
    return {
        "briefing": briefing,
        "_": words.gettext,
        "ngettext": words.ngettext,
        "kind": kind,
        "label": label,
        "published": long_date(briefing.published, briefing.lang) if briefing.published
        else None,
        "minutes": reading_minutes(briefing_words(briefing), briefing.lang),
        "subject_line": f"{label}. {subject}",
        "generator": f"briefing-builder {__version__}",
    }


def briefing_html(briefing: Briefing, sheets: list[Sheet], *, measuring: bool = False,
                  logo: tuple[str, str] | None = None, label: str = DEFAULT_LABEL) -> str:
    """Return the briefing as one HTML document, panels in reading order 1..7.

    When `measuring`, the document holds one sheet per candidate text size and
    no recommendations page: it is laid out only to be measured.
    """
    source_url = briefing.source.url if briefing.source else None
    return templates().get_template("briefing.html.j2").render(
        **briefing_facts(briefing, label),
        sheets=sheets,
        measuring=measuring,
        recommendations=recommendation_columns(briefing.recommendations or []),
        qr=qr_code(source_url, briefing.lang) if source_url else None,
        lang=briefing.lang,
        logo=logo,
    )


def final_sheet(briefing: Briefing, text_size: float, cut: int | None = None,
                geometry: Geometry = Geometry()) -> list[Sheet]:
    """The one sheet of the built page; `cut` concerns in panel 2 (default: even by length)."""
    return [Sheet(text_size, panels(briefing, cut), geometry=geometry)]
