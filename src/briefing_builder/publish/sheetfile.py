"""What a completed discussion sheet holds, read from either kind of file, and the limits
on reading one: sheets come back from many teams, by email, and any of them may be
damaged, enormous or not a sheet at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..i18n import in_every_language
from ..render.discussion import MARKER, QUESTION_TIP, TITLE

# Reading a sheet is bounded: a file larger than this is not read at all, a sheet with
# more fields or longer answers is refused, a Word file with more parts is refused.
MAX_FILE_BYTES = 20_000_000
MAX_FIELDS = 400
MAX_ANSWER_CHARS = 20_000
MAX_PARTS = 400
MAX_UNPACKED_BYTES = 60_000_000
MAX_TABLES = 120
MAX_ROWS = 60


class SheetError(Exception):
    """Why a file cannot be read as a sheet: a problem code and a message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass
class Filled:
    """A sheet as read: which briefing and version it says it is for (None: not ours),
    the value of every field by its name, and each question's words where the file has
    them."""

    name: str | None = None
    version: str | None = None
    title: str = ""
    values: dict[str, str] = field(default_factory=dict)
    questions: dict[int, str] = field(default_factory=dict)

    def put(self, name: str, value: str) -> None:
        """Keep a field's value; a value too long to be an answer refuses the sheet."""
        if len(value) > MAX_ANSWER_CHARS:
            raise SheetError("response-too-large", f"the field '{name[:60]}' holds "
                             f"{len(value):,} characters, more than an answer's "
                             f"{MAX_ANSWER_CHARS:,}")
        self.values[name] = value


# A briefing's name is its file's stem: never a path (it is looked up in the briefings folder).
_MARKER = re.compile(re.escape(MARKER) + r"; name=([^;/\\\r\n.][^;/\\\r\n]{0,199}); "
                     r"version=([0-9a-f]{12})$")


def read_marker(text: str | None) -> tuple[str, str] | None:
    """The briefing's name and version from a sheet's marker, or None when it is not one."""
    found = _MARKER.match(text.strip()) if isinstance(text, str) else None
    return (found.group(1), found.group(2)) if found else None


def sheet_title(text: object) -> str:
    """The briefing's title from a sheet's document title ("Discussion sheet: …", in any
    language the tool prints)."""
    words = " ".join(str(text or "").split())[:300]
    for title in in_every_language(TITLE):
        prefix = title.partition("%(title)s")[0].strip()
        if prefix and words.startswith(prefix):
            return words.removeprefix(prefix).strip()
    return words


def matching(message: str, text: str, **groups: str) -> re.Match | None:
    """`text` matched against a fixed word with placeholders as any language the tool
    prints it: each placeholder `name` matches the regular expression `groups[name]`."""
    for words in in_every_language(message):
        expression = re.escape(words)
        for name, group in groups.items():
            expression = expression.replace(re.escape(f"%({name})s"), f"(?P<{name}>{group})")
        found = re.fullmatch(expression, text, re.DOTALL)
        if found:
            return found
    return None


def question_words(tooltip: str) -> tuple[int, str] | None:
    """A question's number and words from its answer box's tooltip."""
    found = matching(QUESTION_TIP, tooltip, number=r"\d+", question=".*")
    return (int(found.group("number")), found.group("question")) if found else None
