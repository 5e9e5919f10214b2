"""Characters that hide or reorder text, and guidance text left in from `briefing new`."""

from __future__ import annotations

import re

from ..problems import Problem, character_named, error
from ..source.load import SourceDocument
from ..source.markup import links
from ..source.model import Briefing
from ..source.validate import label
from .printed import INVISIBLE
from .rulebook import Rulebook
from .text import position_of

# Bidirectional controls make text display differently from how it is stored and checked;
# zero-width characters hide words from every other rule; control characters have no place
# in a briefing (an escape, U+001B, would drive the terminal a problem is printed on).
# Tag characters (U+E0000…) spell out text nobody sees. Pasted text from emails and web
# pages brings them in unseen.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e"
                     "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                     "\ufff9-\ufffb\U000e0000-\U000e007f]")

PLACEHOLDER = "✎"  # marks the guidance text of `briefing new`
EXAMPLE_LINK = "https://example.org/"  # the link `briefing new` writes as an example


def without_hidden(text: str) -> str:
    """The text with every invisible character taken out (for text from elsewhere)."""
    return _HIDDEN.sub("", text)


def hidden_characters(document: SourceDocument, briefing: Briefing | None = None,
                      rules: Rulebook | None = None) -> list[Problem]:
    """Errors for invisible characters anywhere in the file, each named (U+XXXX): in a
    briefing, or in any other YAML file the builder reads (a bulletin's manifest)."""
    found = []
    for key, text in document.strings():
        # The hand list, and every default-ignorable or format character (Unicode's own).
        spans = {m.span(): m for m in _HIDDEN.finditer(text)}
        spans.update({m.span(): m for m in INVISIBLE.finditer(text) if m.span() not in spans})
        for _, match in sorted(spans.items()):
            name = character_named(match.group(0), "a control character")
            found.append(error(document.path, position_of(document, key, text, match),
                               "hidden-character",
                               f"{name} in {key[0]}: an invisible character that hides or "
                               "reorders text", "delete it"))
    return found


def placeholders(document: SourceDocument, briefing: Briefing, rules: Rulebook) -> list[Problem]:
    """Errors for guidance text from `briefing new` that has not been replaced yet."""
    return [error(document.path, document.locate(key, PLACEHOLDER), "placeholder",
                  f"{label(key)} still holds the guidance text: {' '.join(text.split())[:60]}",
                  "write your own text in its place")
            for key, text in document.strings() if PLACEHOLDER in text]


def example_links(document: SourceDocument, briefing: Briefing,
                  rules: Rulebook) -> list[Problem]:
    """Errors for the example link of `briefing new` left in, as a url: or in Markdown."""
    found = []
    for key, text in document.strings():
        urls = [text.strip()] if _is_example(text.strip()) else \
            [url for url in links(text) if _is_example(url)]
        found += [error(document.path, document.locate(key, url), "example-link",
                        f"{label(key)}: {url} is the example link from the template, not a "
                        "real page", "write the address of the page itself, or delete the link")
                  for url in urls]
    return found


def _is_example(url: str) -> bool:
    return url.rstrip("/").lower() in (EXAMPLE_LINK.rstrip("/"), "http://example.org")
