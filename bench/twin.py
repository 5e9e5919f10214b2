"""A briefing's content as JSON for the Typst twin (bench/typst-twin/briefing.typ).

The same seven panels, in the same words, as the page the builder prints: the panels as
`render.panels` arranges them (the concerns split evenly between panels 2 and 3), the
centre's facts as the template words them, the recommendations, and the QR code as the
SVG the builder draws. Text is given as runs (plain, bold, italic, link), the Markdown
read with the same rules as the builder's; Typst lays it out and fits it itself.
"""

from __future__ import annotations

import json
from pathlib import Path

from markdown_it import MarkdownIt

from briefing_builder.i18n import translations
from briefing_builder.render.html import briefing_facts, qr_code
from briefing_builder.render.panels import panels
from briefing_builder.source.model import Briefing

_MARKDOWN = MarkdownIt("zero", {"html": False}).enable(
    ["emphasis", "link", "autolink", "escape", "backticks"])


def runs(text: str) -> list[dict]:
    """`text` (Markdown) as runs: {text, strong, emph, link}."""
    found: list[dict] = []
    strong = emph = 0
    link: str | None = None
    for token in _MARKDOWN.parseInline(text):
        for child in token.children or ():
            if child.type == "strong_open":
                strong += 1
            elif child.type == "strong_close":
                strong -= 1
            elif child.type == "em_open":
                emph += 1
            elif child.type == "em_close":
                emph -= 1
            elif child.type == "link_open":
                link = str(child.attrs.get("href", ""))
            elif child.type == "link_close":
                link = None
            elif child.type in ("text", "code_inline", "softbreak", "hardbreak"):
                words = child.content if child.type in ("text", "code_inline") else " "
                found.append({"text": words, "strong": strong > 0, "emph": emph > 0,
                              "link": link})
    return found


def briefing_json(briefing: Briefing, label: str) -> dict:
    """What the Typst twin prints of `briefing`."""
    facts = briefing_facts(briefing, label)
    words = translations(briefing.lang)
    source = briefing.source
    minutes = facts["minutes"]
    return {
        "lang": briefing.lang,
        "label": facts["label"],
        "title": briefing.title,
        "kind": facts["kind"] + (f": {briefing.subject}" if briefing.subject
                                 and briefing.kind.value == "topic" else ""),
        "partnership": briefing.partnership,
        "published": f"{words.gettext('Published')} {facts['published']}"
        if facts["published"] else None,
        "reading": words.ngettext("About %(num)d minute to read",
                                  "About %(num)d minutes to read", minutes) % {"num": minutes},
        "source": {"title": source.title, "url": source.url,
                   "qr": str(qr_code(source.url, briefing.lang)) if source.url else None}
        if source else None,
        "panels": [{
            "number": panel.number,
            "heading": panel.heading,
            "blocks": [{"kind": block.kind, "continued": block.continued, "url": block.url,
                        "printed": block.printed, "runs": runs(block.text)}
                       for block in panel.blocks],
        } for panel in panels(briefing)],
        "recommendations_heading": words.gettext("Recommendations from the review"),
        "recommendations": [runs(text) for text in briefing.recommendations or ()],
    }


def write_json(briefing: Briefing, label: str, path: Path) -> Path:
    path.write_text(json.dumps(briefing_json(briefing, label), ensure_ascii=False), "utf-8")
    return path
