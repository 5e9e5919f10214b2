"""The discussion sheet as a Word file, for teams that fill in forms in Word.

The same content as the PDF sheet (render/discussion.py): real Word headings (the title
at level 1, each part at level 2, each question at level 3) and tables for the answers,
each table named by its caption (alternative text), which the reader of completed
sheets (publish/responses.py) finds them by. The document's properties carry the
briefing's name and version. The same sheet gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..i18n import N_, translations
from ..render.discussion import (
    ACTION_ROWS,
    ACTIONS,
    DETAILS,
    DIFFERENCE,
    KIND,
    TITLE,
    DiscussionSheet,
)
from ..render.html import qr_symbol
from ..render.theme import Theme

# Each table's caption, in the sheet's language: what the reader of completed sheets finds
# it by (in any language the tool prints).
DETAILS_CAPTION = N_("Your meeting")
ACTIONS_CAPTION = N_("Actions")
DIFFERENCE_CAPTION = N_("Difference")
QUESTION_CAPTION = N_("Question %(number)s")
ACTION_HEADINGS = (N_("No."), N_("Action"), N_("Who"), N_("By when"))


def question_caption(number: int, lang: str = "en-GB") -> str:
    return translations(lang).gettext(QUESTION_CAPTION) % {"number": number}


def discussion_docx(sheet: DiscussionSheet, theme: Theme | None = None) -> bytes:
    """The sheet as the bytes of a .docx file, in the theme's colours and first font."""
    theme = theme or Theme()
    _ = translations(sheet.lang).gettext
    document = Document()
    _page(document)
    _styles(document, theme, sheet.lang)
    _properties(document, sheet)
    _masthead(document, sheet, theme)
    _heading(document, _("Your meeting"), 2)
    details = _table(document, len(DETAILS), 2, _(DETAILS_CAPTION),
                     _("Team or service, date, facilitator and number of people present"))
    for row, (_name, label) in zip(details.rows, DETAILS, strict=True):
        row.cells[0].text = _(label)
        row.cells[0].paragraphs[0].runs[0].bold = True
        row.height, row.height_rule = Mm(9), WD_ROW_HEIGHT_RULE.AT_LEAST
    _widths(details, (45, 135))
    _heading(document, _("Questions to discuss"), 2)
    for lead in sheet.leads:
        document.add_paragraph(_text(lead))
    for question in sheet.questions:
        _heading(document, f"{question.number}. {question.text}", 3)
        _answer_box(document, question_caption(question.number, sheet.lang),
                    _("Your team's answer to question %(number)s")
                    % {"number": question.number}, 30)
    _actions(document, theme, sheet.lang)
    _heading(document, _(DIFFERENCE), 2)
    _answer_box(document, _(DIFFERENCE_CAPTION), _(DIFFERENCE), 40)
    _return(document, sheet)
    return _fixed_times(document, sheet)


def _heading(document, text: str, level: int) -> None:
    """What `document.add_heading(text, level)` adds, the style named by its id."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = _style_id(document, f"Heading {level}")


def _style_id(document, name: str) -> str:
    """The id of the style `name`. Setting a style by name or object makes python-docx read
    every style of the document to see whether it is the default one, which these are not:
    a third of the time a sheet took."""
    return document.styles[name].style_id


def _text(markup) -> str:
    """Plain words of inline HTML (a lead-in's Markup)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", str(markup)))


def _page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))


def _styles(document, theme: Theme, lang: str) -> None:
    accent = RGBColor.from_string(theme.colours.accent[1:])
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = theme.fonts[0], Pt(11)
    normal.font.color.rgb = RGBColor.from_string(theme.colours.ink[1:])
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), lang)
    normal.element.get_or_add_rPr().append(language)
    for level, size in ((1, 18), (2, 13), (3, 11)):
        style = document.styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.bold = theme.fonts[0], Pt(size), True
        style.font.color.rgb = accent if level < 3 else normal.font.color.rgb
        fonts = style.element.rPr.rFonts
        for key in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(key), None)


def _properties(document, sheet: DiscussionSheet) -> None:
    _ = translations(sheet.lang).gettext
    core = document.core_properties
    core.title = _(TITLE) % {"title": sheet.title}
    core.author = sheet.partnership or ""
    core.subject = _("%(label)s: team discussion and action sheet") % {"label": sheet.label}
    core.keywords = f"{_(KIND)}, {sheet.label}, {sheet.name}"
    core.identifier = sheet.marker
    core.language = sheet.lang
    core.last_modified_by, core.revision = "", 1
    core.created = core.modified = _stamp(sheet)
    core.comments = ""


def _stamp(sheet: DiscussionSheet) -> datetime:
    day = sheet.published
    return datetime(day.year, day.month, day.day) if day else datetime(2000, 1, 1)


def _masthead(document, sheet: DiscussionSheet, theme: Theme) -> None:
    _ = translations(sheet.lang).gettext
    kicker = document.add_paragraph().add_run(
        _("%(label)s: team discussion and actions") % {"label": sheet.label})
    kicker.bold, kicker.font.color.rgb = True, RGBColor.from_string(theme.colours.accent[1:])
    _heading(document, sheet.title, 1)
    if sheet.partnership:
        document.add_paragraph(sheet.partnership)
    reference = document.add_paragraph().add_run(
        _("Sheet reference: %(name)s, version %(version)s")
        % {"name": sheet.name, "version": sheet.version})
    reference.font.size = Pt(9)
    document.add_paragraph(_(
        "Read the briefing together, talk about each question and agree what your team will "
        "do differently. Write your answers in the boxes, then send the sheet back (see the "
        "end of the sheet)."))


def _table(document, rows: int, columns: int, caption: str, description: str):
    """A grid table named by `caption` (its alternative text, as Word calls it)."""
    table = document.add_table(rows=rows, cols=columns)
    table._tbl.tblStyle_val = _style_id(document, "Table Grid")
    properties = table._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        properties.append(element)
    return table


def _widths(table, millimetres: tuple[float, ...]) -> None:
    for row in table.rows:
        for cell, width in zip(row.cells, millimetres, strict=True):
            cell.width = Mm(width)


def _answer_box(document, caption: str, description: str, height: float) -> None:
    box = _table(document, 1, 1, caption, description)
    box.rows[0].height, box.rows[0].height_rule = Mm(height), WD_ROW_HEIGHT_RULE.AT_LEAST
    _widths(box, (180,))


def _actions(document, theme: Theme, lang: str) -> None:
    _ = translations(lang).gettext
    _heading(document, _(ACTIONS), 2)
    document.add_paragraph(_("One action a row: what you will do, who will do it, and by "
                             "when (a date, e.g. 30/09/2025)."))
    table = _table(document, ACTION_ROWS + 1, 4, _(ACTIONS_CAPTION),
                   _("Each action with who will do it and by when"))
    for cell, heading in zip(table.rows[0].cells, ACTION_HEADINGS, strict=True):
        cell.text = _(heading)
        cell.paragraphs[0].runs[0].bold = True
        _shade(cell, theme.colours.accent_soft)
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    for number, row in enumerate(table.rows[1:], start=1):
        row.cells[0].text = str(number)
        row.height, row.height_rule = Mm(15), WD_ROW_HEIGHT_RULE.AT_LEAST
    _widths(table, (12, 93, 42, 33))


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", colour[1:])):
        shading.set(qn(key), value)
    cell._tc.get_or_add_tcPr().append(shading)


def _return(document, sheet: DiscussionSheet) -> None:
    _ = translations(sheet.lang).gettext
    _heading(document, _("When you have finished"), 2)
    before, _place, after = _("Send the completed sheet to %(where)s.").partition("%(where)s")
    send = document.add_paragraph(before)
    where = sheet.send_to or sheet.partnership or _("the safeguarding partnership")
    if sheet.send_href:
        _hyperlink(send, sheet.send_href, where)
    else:
        send.add_run(where)
    send.add_run(f"{after} {_('Your answers help the partnership see what the briefing changed.')}")
    if sheet.link:
        what = _("The briefing:") if sheet.link_is_briefing else _("The full report:")
        _hyperlink(document.add_paragraph(f"{what} "), sheet.link, sheet.link)
        png = io.BytesIO()
        qr_symbol(sheet.link).save(png, kind="png", scale=6, border=2)
        document.add_picture(png, width=Mm(22))
        picture = document.inline_shapes[-1]._inline.docPr
        picture.set("descr", (_("QR code: link to the briefing at %(url)s")
                              if sheet.link_is_briefing else
                              _("QR code: link to the full report at %(url)s"))
                    % {"url": sheet.link})


def _hyperlink(paragraph, url: str, text: str) -> None:
    """A real Word hyperlink to `url`, underlined, after the paragraph's text."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    run.append(properties)
    words = OxmlElement("w:t")
    words.text = text
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def _fixed_times(document, sheet: DiscussionSheet) -> bytes:
    """The document saved with every part dated alike, so the same sheet is the same bytes.

    What `document.save` writes, part by part in its order, but straight into a zip file
    of fixed dates: saving and then writing the zip again with its dates changed
    compressed every part twice (8 ms a sheet)."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    entries = _Entries()
    parts = list(package.parts)
    PackageWriter._write_content_types_stream(entries, parts)
    PackageWriter._write_pkg_rels(entries, package.rels)
    PackageWriter._write_parts(entries, parts)
    stamp = _stamp(sheet).timetuple()[:6]
    fixed = io.BytesIO()
    with zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in entries:
            entry = zipfile.ZipInfo(name, stamp)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(entry, blob)
    return fixed.getvalue()


class _Entries(list):
    """Where python-docx's package writer puts each part: its name in the zip file and its
    bytes, in order."""

    def write(self, pack_uri, blob: bytes) -> None:
        self.append((pack_uri.membername, blob))
