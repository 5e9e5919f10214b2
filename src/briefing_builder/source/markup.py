"""The Markdown subset briefing text may use: **bold**, *italic* and [links](https://…).

Raw HTML is never passed through: markdown-it's HTML rules are off, so any
markup in briefing text is printed as the characters the author typed.
"""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt
from markupsafe import Markup

from .model import link_problem

_RULES = ["emphasis", "link", "autolink", "escape", "backticks"]


def _parser(validate_link) -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "typographer": False}).enable(_RULES)
    md.validateLink = validate_link
    return md


# Rendering only ever turns acceptable links into <a>; anything else stays text.
_render = _parser(lambda url: link_problem(url) is None)
# Finding every link the author wrote, acceptable or not, so checks can name it.
_find = _parser(lambda url: True)


def inline(text: str) -> Markup:
    """Return `text` as safe inline HTML."""
    return Markup(_render.renderInline(text).strip())


def plain(text: str) -> str:
    """Return `text` as the words a reader sees: the Markdown marks and link targets gone."""
    words = []
    for token in _render.parseInline(text):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
    return " ".join("".join(words).split())


def links(text: str) -> Iterator[str]:
    """Yield the target of every Markdown link written in `text`."""
    for token in _find.parseInline(text):
        for child in token.children or ():
            if child.type == "link_open":
                yield str(child.attrs.get("href", ""))
