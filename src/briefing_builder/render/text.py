"""The plain-text edition of a briefing: UTF-8, panels numbered in reading order with their
headings, bullets as "- ", links written out in full, wrapped at 72 columns, so that a
screen reader or an email body reads it as it is."""

from __future__ import annotations

import textwrap

from ..source.markup import tokens
from ..source.model import Briefing
from .html import DEFAULT_LABEL, briefing_facts
from .panels import panels

WIDTH = 72


def plain(markdown: str, url: str | None = None) -> str:
    """Briefing text (Markdown) as plain words, read as the page reads it (a part in
    another language is its words); each link's address follows its words."""
    words: list[str] = []
    href = None
    for child in tokens(markdown):
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
        elif child.type == "link_close" and href:
            words.append(f" ({href})")
            href = None
        elif child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
    text = " ".join("".join(words).split())
    return f"{text} ({url})" if url else text


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def briefing_text(briefing: Briefing, cut: int | None = None,
                  label: str = DEFAULT_LABEL) -> str:
    """Return the briefing as plain text; `cut` concerns in panel 2, as on the page."""
    facts = briefing_facts(briefing, label)
    _, ngettext = facts["_"], facts["ngettext"]
    lines = [facts["label"].upper(), *_wrap(briefing.title), ""]
    details = [facts["kind"], briefing.partnership,
               f"{_('Published')} {facts['published']}" if facts["published"] else None,
               ngettext("About %(num)d minute to read", "About %(num)d minutes to read",
                        facts["minutes"]) % {"num": facts["minutes"]}]
    lines += [line for detail in details if detail for line in _wrap(detail)]
    if briefing.source:
        lines += _wrap(plain(briefing.source.title, briefing.source.url),
                       f"{_('Full report:')} ", "  ")
    for panel in panels(briefing, cut):
        lines += ["", f"{panel.number}. {panel.heading.upper()}", ""]
        for block in panel.blocks:
            text = plain(block.text, block.url)
            lines += _wrap(text, "- ", "  ") if block.kind == "li" and not block.continued \
                else _wrap(text, "  " if block.kind == "li" else "", "  " if block.kind == "li"
                           else "")
    if briefing.recommendations:
        lines += ["", _("Recommendations from the review").upper(), ""]
        for number, recommendation in enumerate(briefing.recommendations, start=1):
            lines += _wrap(plain(recommendation), f"{number}. ", " " * (len(str(number)) + 2))
    return "\n".join(lines).rstrip() + "\n"
