"""The Markdown subset briefing text may use: **bold**, *italic*, [links](https://…) and
words in another language, [Cefndir]{lang=cy}.

Raw HTML is never passed through: markdown-it's HTML rules are off, so any
markup in briefing text is printed as the characters the author typed. Words in
square brackets followed by `{lang=…}` are a part in another language (the attrs
span syntax of mdit-py-plugins): printed as `<span lang="…">`, and only the `lang`
attribute is ever passed on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.attrs.index import _span_rule

from .model import link_problem

_RULES = ["emphasis", "link", "autolink", "escape", "backticks"]
# What a part's language may be: a tag as the `lang` field takes it (cy, cy-GB, en-GB).
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")
# The syntax, for messages that show it.
EXAMPLE = "[words]{lang=cy}"


def _spans_with_places(state, silent: bool, *, allowed) -> bool:
    """The attrs plugin's span rule, noting on each span where it was written in the text
    (its first character and the one after it), so that checks can point at it."""
    start, first = state.pos, len(state.tokens)
    if not _span_rule(state, silent, allowed=allowed):
        return False
    if not silent:
        opening = next(token for token in state.tokens[first:] if token.type == "span_open")
        opening.meta["place"] = (start, state.pos)
    return True


def _parser(validate_link, allowed) -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "typographer": False}).enable(_RULES)
    md.validateLink = validate_link
    attrs_plugin(md, allowed=allowed)  # attributes after links and code: found, not kept
    md.inline.ruler.after("link", "span", partial(
        _spans_with_places, allowed=None if allowed is None else set(allowed)))
    return md


# Rendering only ever turns acceptable links into <a>, and keeps only a part's language;
# anything else stays text.
_render = _parser(lambda url: link_problem(url) is None, ["lang"])
# Finding every link and every attribute the author wrote, acceptable or not, so checks
# can name it.
_find = _parser(lambda url: True, None)
# The characters any of the rules above starts at, and those the parser rewrites (a line
# ending \r, a NUL): text without them is one run of text, as it was written.
_MARKS = frozenset("*_[<`\\\r\0")


def inline(text: str) -> Markup:
    """Return `text` as safe inline HTML."""
    if _MARKS.isdisjoint(text):  # most text has no marks: what the parser would give
        return Markup(escapeHtml(text).strip())
    return Markup(_render.renderInline(text).strip())


def tokens(text: str) -> list[Token]:
    """The inline tokens of `text` as the page reads them (words, marks, links, parts)."""
    return [child for token in _render.parseInline(text) for child in token.children or ()]


def plain(text: str) -> str:
    """Return `text` as the words a reader sees: the Markdown marks and link targets gone."""
    if _MARKS.isdisjoint(text):
        return " ".join(text.split())
    words = []
    for child in tokens(text):
        if child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
    return " ".join("".join(words).split())


def links(text: str) -> Iterator[str]:
    """Yield the target of every Markdown link written in `text`."""
    if "[" not in text and "<" not in text:
        return  # a link or an autolink starts at one of them
    for token in _find.parseInline(text):
        for child in token.children or ():
            if child.type == "link_open":
                yield str(child.attrs.get("href", ""))


@dataclass(frozen=True)
class Part:
    """A part of a text in another language as written: where it is (`start`, `end` in
    the text), its language as given (None when not given), and what is wrong with it
    as written (None when nothing)."""

    start: int
    end: int
    lang: str | None
    problem: str | None = None
    fix: str | None = None


def language_parts(text: str) -> list[Part]:
    """Every part of `text` marked with attributes ({…} after [words], a link or code),
    in order: a part in another language when it is [words]{lang=TAG} and nothing else."""
    if "[" not in text and "`" not in text and "<" not in text:
        return []  # attributes follow words in brackets, a link or code, which start so
    found = []
    for token in _find.parseInline(text):
        children = token.children or []
        for child in children:
            if child.type == "span_open":
                start, end = child.meta.get("place", (0, len(text)))
                found.append(_part(text, start, end, child))
            elif set(child.attrs) - {"href", "title"} and \
                    child.type in ("link_open", "code_inline"):
                what = "a link" if child.type == "link_open" else "code"
                found.append(Part(0, 0, None, f"{{…}} after {what} is not read: a language "
                                  "is given to words in square brackets only",
                                  "write [[words](https://…)]{lang=cy}"
                                  if child.type == "link_open" else f"write {EXAMPLE}"))
    return found


def _part(text: str, start: int, end: int, opening: Token) -> Part:
    attrs = {str(k): str(v) for k, v in opening.attrs.items()}
    attrs.update({str(k): str(v) for k, v in (opening.meta.get("insecure_attrs") or {}).items()})
    others = sorted(name for name in attrs if name != "lang")
    lang = attrs.get("lang")
    if others:
        listed = ", ".join(f"'{'.' if n == 'class' else '#' if n == 'id' else ''}{n}'"
                           for n in others)
        return Part(start, end, lang, "only a language can be given to words in brackets, "
                    f"not {listed}", f"write {EXAMPLE}")
    if lang is None:
        return Part(start, end, None, "the words in brackets are given no language",
                    f"write {EXAMPLE}")
    if not LANGUAGE_TAG.fullmatch(lang):
        return Part(start, end, lang, f"'{lang}' is not a language tag",
                    "write it as cy, cy-GB or en-GB")
    return Part(start, end, lang)
