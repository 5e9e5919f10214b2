"""A completed discussion sheet read from a Word file: its tables, found by their captions.

The file is looked at as a zip before Word's XML is read: a file with macros (a .docm,
or any part holding VBA) is refused unopened, and so is one with too many parts or
that unpacks to too much. Tables are found by the captions the sheet gave them
(publish/word.py), or where the captions were lost, by their place and headings.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..i18n import in_every_language
from ..render.discussion import DETAILS
from .sheetfile import (
    MAX_PARTS,
    MAX_ROWS,
    MAX_TABLES,
    MAX_UNPACKED_BYTES,
    Filled,
    SheetError,
    matching,
    read_marker,
    sheet_title,
)
from .word import (
    ACTION_HEADINGS,
    ACTIONS_CAPTION,
    DETAILS_CAPTION,
    DIFFERENCE_CAPTION,
    QUESTION_CAPTION,
)

MACRO_SUFFIXES = (".docm", ".dotm")
_MACRO_PART = re.compile(r"vbaproject\.bin$|vbadata\.xml$|/activex/|macroenabled", re.I)
_DETAIL_LABELS = (("team", "team"), ("date", "date"), ("facilitator", "facilitator"),
                  ("present", "number"), ("present", "present"))


def read_word_sheet(path: Path, data: bytes) -> Filled:
    """The sheet in the Word file `data` (named `path`). Raises SheetError when it cannot
    be read, or holds macros."""
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise SheetError("response-macros", "a Word file with macros (.docm) is not opened; "
                         "save the sheet as a .docx and send that")
    _vet_zip(data)
    from docx import Document  # only when a Word file is read

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # a damaged file may fail anywhere in the Word reader
        raise SheetError("response-unreadable",
                         f"the Word file is damaged ({type(exc).__name__}: {exc})"[:300]
                         ) from None
    filled = Filled()
    found = read_marker(document.core_properties.identifier)
    if found:
        filled.name, filled.version = found
    filled.title = sheet_title(document.core_properties.title)
    try:
        _tables(document, filled)
    except (IndexError, ValueError, AttributeError) as exc:
        raise SheetError("response-unreadable", f"the sheet's tables cannot be read "
                         f"({type(exc).__name__}: {exc})"[:300]) from None
    return filled


def _vet_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SheetError("response-unreadable", f"not a Word file ({exc})") from None
    if len(entries) > MAX_PARTS:
        raise SheetError("response-too-large", f"the Word file has {len(entries)} parts, "
                         f"more than {MAX_PARTS}: it is not a discussion sheet")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise SheetError("response-too-large", "the Word file unpacks to more than "
                         f"{MAX_UNPACKED_BYTES // 1_000_000} MB")
    if any(_MACRO_PART.search(entry.filename) for entry in entries):
        raise SheetError("response-macros", "the Word file holds macros (VBA) or controls, "
                         "and is not opened; save the sheet as a plain .docx and send that")
    try:
        types = archive.read("[Content_Types].xml")
    except KeyError:
        raise SheetError("response-unreadable", "not a Word file (it has no content "
                         "types)") from None
    if b"macroEnabled" in types or b"vbaProject" in types:
        raise SheetError("response-macros", "the Word file is macro-enabled and is not "
                         "opened; save the sheet as a plain .docx and send that")


def _caption(table) -> str:
    properties = table._tbl.tblPr
    for element in properties.iterchildren() if properties is not None else ():
        if element.tag.endswith("}tblCaption"):
            return element.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/"
                               "main}val") or ""
    return ""


def _cell(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()


def _tables(document, filled: Filled) -> None:
    """Every table of the sheet into `filled`, each found by its caption, else its place."""
    tables = _with_headings(document)
    if len(tables) > MAX_TABLES:
        raise SheetError("response-too-many-fields", f"the Word file has {len(tables)} "
                         f"tables, more than {MAX_TABLES}: it is not a discussion sheet")
    questions = 0
    for index, (table, heading) in enumerate(tables):
        caption = _caption(table)
        if caption in in_every_language(DETAILS_CAPTION) or (not caption and index == 0):
            _details(table, filled)
        elif caption in in_every_language(ACTIONS_CAPTION) or \
                (not caption and _is_actions(table)):
            _actions(table, filled)
        elif caption in in_every_language(DIFFERENCE_CAPTION) or \
                (not caption and index == len(tables) - 1):
            filled.put("difference", _all_text(table))
        else:
            found = matching(QUESTION_CAPTION, caption, number=r"\d+")
            questions = int(found.group(1)) if found else questions + 1
            filled.put(f"question-{questions}", _all_text(table))
            words = re.sub(r"^\d+\.\s*", "", heading)
            if words:
                filled.questions[questions] = words


def _with_headings(document) -> list[tuple[object, str]]:
    """The document's tables in order, each with the text of the paragraph before it."""
    from docx.table import Table

    found, last = [], ""
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            last = text.strip() or last
        elif child.tag.endswith("}tbl"):
            found.append((Table(child, document), last))
            if len(found) > MAX_TABLES:
                break
    return found


def _all_text(table) -> str:
    rows = table.rows[:MAX_ROWS]
    return "\n".join(text for row in rows for cell in _unique(row.cells)
                     if (text := _cell(cell)))


def _unique(cells) -> list:
    """A row's cells, each merged cell once."""
    seen, found = set(), []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            found.append(cell)
    return found


def _details(table, filled: Filled) -> None:
    for row in table.rows[:MAX_ROWS]:
        cells = _unique(row.cells)
        if len(cells) < 2:
            continue
        label = _cell(cells[0]).lower()
        name = next((name for name, printed in DETAILS
                     if label in (words.lower() for words in in_every_language(printed))),
                    None) or next((name for name, word in _DETAIL_LABELS if word in label), None)
        if name is not None and name not in filled.values:
            filled.put(name, _cell(cells[1]))


def _is_actions(table) -> bool:
    first = [_cell(cell).lower() for cell in _unique(table.rows[0].cells)] if table.rows \
        else []
    action = {words.lower() for words in in_every_language(ACTION_HEADINGS[1])} | {"action"}
    who = {words.lower() for words in in_every_language(ACTION_HEADINGS[2])} | {"who"}
    return any(any(word in text for word in action) for text in first) and \
        any(any(word in text for word in who) for text in first)


def _actions(table, filled: Filled) -> None:
    for number, row in enumerate(table.rows[1:MAX_ROWS], start=1):
        cells = _unique(row.cells)
        texts = [_cell(cell) for cell in cells[1:4]] + ["", "", ""]
        filled.put(f"action-{number}", texts[0])
        filled.put(f"action-{number}-who", texts[1])
        filled.put(f"action-{number}-when", texts[2])
