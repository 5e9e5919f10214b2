"""The large-print edition: the seven panels in reading order on A4 portrait pages, body
text at 16 pt and headings at 18 pt (RNIB clear print), links written out in full, with
the same tags, language and metadata as the page."""

from __future__ import annotations

from ..source.markup import inline
from ..source.model import Briefing
from .html import DEFAULT_LABEL, briefing_facts, templates
from .panels import panels

STYLESHEET = "large-print.css"


def large_print_html(briefing: Briefing, cut: int | None = None,
                     label: str = DEFAULT_LABEL) -> str:
    """Return the large-print edition as one HTML document; `cut` as on the page."""
    return templates().get_template("large-print.html.j2").render(
        **briefing_facts(briefing, label),
        panels=panels(briefing, cut),
        recommendations=[inline(r) for r in briefing.recommendations or ()],
    )
