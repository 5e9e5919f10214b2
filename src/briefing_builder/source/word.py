"""A briefing written in Word made into a briefing file: the title, then each heading and
the text or bullets under it, matched to the seven panels by what the heading means.

Headings that mean a panel's subject ("The incident" is the background, "Learning" the
concerns) fill that panel, keeping the author's words as its heading when they differ from
the usual one. A heading that matches no panel fills an empty one as a panel of the
author's own; seven headings that are not the usual seven become `panels:`, in the
document's order. What cannot be placed is kept as comments at the end of the file and
reported, never dropped.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .model import NAMED_FIELDS, PANEL_HEADINGS

# Words that say what a heading is about, for each panel (and page 2).
MEANINGS: dict[str, tuple[str, ...]] = {
    "background": ("background", "incident", "happened", "case", "summary", "about",
                   "introduction", "context", "circumstances", "family", "story", "who"),
    "concerns": ("concern", "concerns", "findings", "found", "issues", "wrong", "learning",
                 "themes", "identified", "went"),
    "information": ("information", "matters", "know", "messages", "facts", "research",
                    "points", "key", "guidance", "why", "important"),
    "resources": ("resources", "reading", "links", "useful", "references", "tools", "further",
                  "read", "help", "support", "documents"),
    "questions": ("questions", "question", "reflect", "reflection", "reflective", "discuss",
                  "consider", "ask", "think"),
    "what_to_do": ("do", "actions", "action", "next", "steps", "differently", "improve",
                   "practice", "should", "change"),
    "recommendations": ("recommendations", "recommendation", "recommended"),
}
_NAMES = {name: heading for _, (name, heading) in PANEL_HEADINGS.items()}


class WordProblem(ValueError):
    """The document cannot be read as a briefing."""


@dataclass
class Section:
    """A heading of the document and what is under it: ("p" or "li", text, link)."""

    heading: str
    blocks: list[tuple[str, str, str | None]] = field(default_factory=list)


@dataclass
class Imported:
    """A briefing made from a document: its title, its YAML text, and notes on what was
    matched, kept as the author's own, or could not be placed."""

    title: str
    text: str
    notes: list[str] = field(default_factory=list)

    def report(self) -> str:
        return " ".join(self.notes)


def slug(text: str) -> str:
    """A file name from a document's name or title: `Emily review.docx` → `emily-review`."""
    text = re.sub(r"\.docx$", "", text.strip(), flags=re.IGNORECASE).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")


def briefing_from_word(data: bytes) -> Imported:
    """The briefing in a .docx document's bytes. Raises WordProblem when it is not a Word
    document or has no text."""
    title, intro, sections, tables = _read(data)
    placed, notes, left = _place(sections, intro)
    if tables:
        notes.append(f"{tables} table{'s were' if tables > 1 else ' was'} not read: copy "
                     "what they hold into the panels.")
    values: dict[str, Any] = {"title": title or "✎ The briefing's title"}
    if not title:
        notes.append("The document has no title: write one in the editor.")
    values.update(placed)
    return Imported(values["title"], _yaml(values, left), notes)


def _read(data: bytes) -> tuple[str, list, list[Section], int]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise WordProblem("it is not a Word document (.docx)") from exc
    except Exception as exc:  # noqa: BLE001 - a broken zip or XML is one problem to the author
        raise WordProblem(f"it cannot be read as a Word document ({exc})") from exc
    title, intro, sections = "", [], []
    for paragraph in document.paragraphs:
        text, link = _markdown(paragraph)
        if not text.strip():
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if not title and (style == "Title" or style.startswith("Heading") or not sections):
            if style == "Title" or style.startswith("Heading"):
                title = _plain(text)
                continue
        if style.startswith("Heading") or (style == "Title"):
            sections.append(Section(_plain(text)))
            continue
        kind = "li" if _is_list(paragraph, style) else "p"
        (sections[-1].blocks if sections else intro).append((kind, text.strip(), link))
    if not title and not sections and not intro:
        raise WordProblem("it has no text")
    return title, intro, sections, len(document.tables)


def _is_list(paragraph, style: str) -> bool:
    if "List" in style:
        return True
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def _markdown(paragraph) -> tuple[str, str | None]:
    """A paragraph's text in Markdown (bold, links), and its only link if it has one."""
    parts, links = [], []
    for inner in paragraph.iter_inner_content():
        text = inner.text or ""
        url = getattr(inner, "url", None) or getattr(inner, "address", None)
        if url is not None:
            if url.startswith(("https://", "http://", "mailto:")) and text.strip():
                links.append(url)
                parts.append(f"[{text}]({url})")
            else:
                parts.append(text)
        elif getattr(inner, "bold", False) and text.strip():
            parts.append(f"**{text.strip()}**" + (" " if text.endswith(" ") else ""))
        else:
            parts.append(text)
    return "".join(parts), links[0] if len(links) == 1 else None


def _plain(text: str) -> str:
    return re.sub(r"\*\*|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text).strip()


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _score(heading: str, name: str) -> float:
    words = _words(heading)
    if not words:
        return 0.0
    default = _words(_NAMES.get(name, name))
    hits = len(words & set(MEANINGS[name])) + 2 * len(words & default - {"what", "the"})
    return hits / len(words)


def _place(sections: list[Section], intro: list) -> tuple[dict[str, Any], list[str], list]:
    """The panels' values from the sections, notes on what was done, and what was left."""
    notes: list[str] = []
    placed: dict[str, Any] = {}
    rest = []
    for section in sections:
        if _score(section.heading, "recommendations") > 0.3 and "recommendations" not in placed:
            placed["recommendations"] = [_plain(text) if kind == "p" else text
                                         for kind, text, _ in section.blocks] or None
            notes.append(f"“{section.heading}” became the recommendations on page 2.")
        else:
            rest.append(section)
    chosen = _match(rest)
    unmatched = [s for s in rest if s not in chosen.values()]
    empty = [name for name in NAMED_FIELDS if name not in chosen]
    if len(rest) == 7 and len(unmatched) > len(empty):
        placed["panels"] = [{"heading": s.heading, **_body(s, False)} for s in rest]
        notes.append("The seven headings are not the usual ones, so they became seven "
                     "panels of your own, in the document's order.")
        return placed, notes, intro
    for name, section in chosen.items():
        placed[name] = _panel(section, name)
        notes.append(f"“{section.heading}” became {_NAMES[name]}.")
    for name, section in zip(empty, list(unmatched), strict=False):
        placed[name] = {"heading": section.heading, **_body(section, name == "resources")}
        unmatched.remove(section)
        notes.append(f"“{section.heading}” was kept as a panel of your own, in the place of "
                     f"{_NAMES[name]}.")
    if intro and "background" not in placed:
        placed["background"] = "\n\n".join(text for _, text, _ in intro)
        intro = []
        notes.append("The text before the first heading became the Background.")
    for name in NAMED_FIELDS:
        if name not in placed:
            notes.append(f"Nothing was found for {_NAMES[name]}: write it in the editor.")
    left = [block for s in unmatched for block in [("h", s.heading, None), *s.blocks]]
    for section in unmatched:
        notes.append(f"“{section.heading}” could not be placed: its text is kept as comments "
                     "at the end of the file.")
    ordered = {name: placed[name] for name in [*NAMED_FIELDS, "panels", "recommendations"]
               if placed.get(name) is not None}
    return ordered, notes, [*intro, *left]


def _match(sections: list[Section]) -> dict[str, Section]:
    """Each named panel's section, best matches first; a section fills one panel at most."""
    pairs = sorted(((_score(s.heading, name), index, name) for index, s in enumerate(sections)
                    for name in NAMED_FIELDS), key=lambda p: (-p[0], p[1]))
    chosen: dict[str, Section] = {}
    used: set[int] = set()
    for score, index, name in pairs:
        if score >= 0.3 and name not in chosen and index not in used:
            chosen[name] = sections[index]
            used.add(index)
    return chosen


def _body(section: Section, links: bool) -> dict[str, Any]:
    paragraphs = [text for kind, text, _ in section.blocks if kind == "p"]
    bullets = [_item(text, link, links) for kind, text, link in section.blocks if kind == "li"]
    if bullets and not paragraphs:
        return {"items": bullets}
    lines = [text if kind == "p" else f"- {text}" for kind, text, _ in section.blocks]
    return {"text": "\n".join(_joined(lines))} if lines else {"text": "✎"}


def _joined(lines: list[str]) -> list[str]:
    """Paragraphs with a blank line between them; bullets one a line."""
    out: list[str] = []
    for line in lines:
        if out and not line.startswith("- "):
            out.append("")
        out.append(line)
    return out


def _item(text: str, link: str | None, links: bool) -> Any:
    if links and link:
        return {"title": _plain(text), "url": link}
    return text


def _panel(section: Section, name: str) -> Any:
    body = _body(section, name == "resources")
    usual = _words(_NAMES[name]) - {"what", "were", "the"}
    if _words(section.heading) <= usual | {"further", "key"} or \
            _words(section.heading) == _words(_NAMES[name]):
        return body.get("items", body.get("text"))
    return {"heading": section.heading, **body}


def _yaml(values: dict[str, Any], left: list) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import LiteralScalarString

    def styled(value: Any) -> Any:
        if isinstance(value, str) and "\n" in value:
            return LiteralScalarString(value + "\n")
        if isinstance(value, list):
            return [styled(v) for v in value]
        if isinstance(value, dict):
            return {k: styled(v) for k, v in value.items()}
        return value

    dumper = YAML()
    dumper.indent(mapping=2, sequence=4, offset=2)
    dumper.width = 88
    stream = io.StringIO()
    stream.write(f"# Imported from a Word document on {date.today().isoformat()}: check it "
                 "with `briefing check` or in the editor.\n")
    body = io.StringIO()
    dumper.dump(styled(values), body)
    import yaml

    if yaml.load(body.getvalue(), Loader=yaml.BaseLoader) != _as_text(values):
        body = io.StringIO(yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=88))
    stream.write(body.getvalue())
    if left:
        stream.write("\n# Not placed in any panel (from the Word document):\n")
        for kind, text, _ in left:
            prefix = "## " if kind == "h" else "- " if kind == "li" else ""
            for line in (prefix + text).splitlines():
                stream.write(f"#   {line}\n")
    return stream.getvalue()


def _as_text(value: Any) -> Any:
    """Values as YAML's base loader reads them back: everything text."""
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    return value if isinstance(value, str) else str(value)
