"""The team's discussion and action sheet that goes with every briefing.

A team reads the briefing together, then answers its questions on this sheet, agrees
what it will do differently and sends the sheet back. The sheet is one A4 portrait
document in the house style, printed blank or filled in on screen: every answer box is
a form field with a name that says what it is (`team`, `question-3`, `action-2-who`)
and a tooltip a screen reader announces. `DiscussionSheet.fields()` is the one list of
those fields, in reading order: the PDF, the Word file and the reader of completed
sheets (publish/responses.py) all use it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from ..i18n import N_, translations
from ..source.content import seven_panels
from ..source.load import source_version  # noqa: F401  (responses reads it from here)
from ..source.markup import inline, plain
from ..source.model import Briefing
from .house import HouseStyle
from .html import DEFAULT_LABEL, briefing_facts, long_date, qr_code, templates
from .panels import printed_link
from .pdf import Rendering, lay_out

ACTION_ROWS = 6
# What marks a sheet as ours: a read-only field, and the same words in the metadata.
MARKER_FIELD = "briefing-sheet"
MARKER = "briefing-builder discussion sheet 1"
DETAILS = (("team", N_("Team or service")), ("date", N_("Date of the meeting")),
           ("facilitator", N_("Facilitator")), ("present", N_("Number of people present")))
DIFFERENCE = N_("How will we know it has made a difference?")
ACTIONS = N_("What will we do differently?")
QUESTION_TIP = N_("Question %(number)s: %(question)s Your team's answer")
TITLE = N_("Discussion sheet: %(title)s")
KIND = N_("Discussion sheet")
MARKER_TIP = N_("Which briefing and version this sheet is for")
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


@dataclass(frozen=True)
class FormField:
    """One answer box: its field name, what a screen reader says of it, and whether it
    takes several lines."""

    name: str
    label: str
    multiline: bool = False


@dataclass(frozen=True)
class Question:
    """A question for the team, numbered from 1, as plain words and as inline HTML."""

    number: int
    text: str
    html: Markup

    @property
    def field(self) -> str:
        return f"question-{self.number}"


def action_fields(row: int, lang: str = "en-GB") -> tuple[FormField, FormField, FormField]:
    """The three cells of row `row` of the action table: action, who, by when; their
    tooltips in the language `lang`."""
    _ = translations(lang).gettext
    return (FormField(f"action-{row}", _("Action %(number)s: what we will do")
                      % {"number": row}, True),
            FormField(f"action-{row}-who", _("Action %(number)s: who will do it")
                      % {"number": row}),
            FormField(f"action-{row}-when", _("Action %(number)s: by when") % {"number": row}))


@dataclass(frozen=True)
class DiscussionSheet:
    """Everything printed on a briefing's discussion sheet."""

    name: str
    version: str
    title: str
    label: str
    partnership: str | None
    lang: str
    published: date | None
    questions: tuple[Question, ...]
    leads: tuple[Markup, ...]
    link: str | None
    link_is_briefing: bool
    send_to: str | None

    @property
    def marker(self) -> str:
        """The marker field's value: which sheet, which briefing, which version."""
        return f"{MARKER}; name={self.name}; version={self.version}"

    @property
    def send_href(self) -> str | None:
        """A link for where the sheet goes back to, when it is an address."""
        if self.send_to and _EMAIL.fullmatch(self.send_to):
            return f"mailto:{self.send_to}"
        if self.send_to and re.match(r"https?://\S+$", self.send_to):
            return self.send_to
        return None

    def fields(self) -> list[FormField]:
        """Every answer box, in reading order (the order of the tab key), each with its
        tooltip in the sheet's language."""
        _ = translations(self.lang).gettext
        found = [FormField(name, _(label)) for name, label in DETAILS]
        found += [FormField(q.field, _(QUESTION_TIP) % {"number": q.number, "question": q.text},
                            True) for q in self.questions]
        for row in range(1, ACTION_ROWS + 1):
            found += action_fields(row, self.lang)
        return found + [FormField("difference", _(DIFFERENCE), True)]


def sheet_questions(briefing: Briefing) -> tuple[list[str], list[str]]:
    """The questions the sheet asks, in Markdown, and the words that lead into them:
    the author's own discussion questions, else panel 6's points whatever its heading
    (its paragraphs lead in), else each of its paragraphs."""
    if briefing.discussion is not None and briefing.discussion.questions:
        return list(briefing.discussion.questions), []
    blocks = seven_panels(briefing)[5].blocks
    points = [block.text for block in blocks if block.kind == "li"]
    if points:
        return points, [block.text for block in blocks if block.kind == "p"]
    return [block.text for block in blocks], []


def discussion_sheet(briefing: Briefing, name: str, raw: bytes, *,
                     send_to: str | None = None, published_url: str | None = None,
                     label: str = DEFAULT_LABEL) -> DiscussionSheet:
    """The discussion sheet of briefing `name` (its file's stem), whose source is `raw`.

    `send_to` and `published_url` are the project's defaults (settings); a briefing's
    own `discussion.send_to` wins. The sheet links to the published briefing when
    `published_url` is given ({name} in it is the briefing's name), else to its report.
    """
    questions, leads = sheet_questions(briefing)
    link, is_briefing = None, False
    if published_url:
        link, is_briefing = published_url.replace("{name}", name), True
    elif briefing.source is not None and briefing.source.url:
        link = briefing.source.url
    own = briefing.discussion.send_to if briefing.discussion else None
    return DiscussionSheet(
        name=name, version=source_version(raw), title=briefing.title,
        label=briefing_facts(briefing, label)["label"], partnership=briefing.partnership,
        lang=briefing.lang, published=briefing.published,
        questions=tuple(Question(number, plain(text), inline(text))
                        for number, text in enumerate(questions, start=1)),
        leads=tuple(inline(text) for text in leads), link=link, link_is_briefing=is_briefing,
        send_to=own or send_to)


# Millimetres of each answer box by the number of questions: as much room to write as
# keeps the questions on the first page; smaller, down to the last, while they do not.
_BOX_HEIGHTS = {1: 60.0, 2: 60.0, 3: 46.0, 4: 36.0, 5: 28.0, 6: 24.0, 7: 20.0}
SMALLEST_BOX = 14.0
_SHRINK = 3.0


def box_heights(questions: int) -> list[float]:
    """The answer box heights to try, largest first: one page of questions (and one of
    actions) is the aim; more questions than fit on a page keep the smallest box."""
    first = _BOX_HEIGHTS.get(questions)
    if first is None:
        return [24.0]
    heights = [first]
    while heights[-1] - _SHRINK >= SMALLEST_BOX:
        heights.append(heights[-1] - _SHRINK)
    return heights


def discussion_html(sheet: DiscussionSheet, logo: tuple[str, str] | None = None,
                    box_height: float | None = None) -> str:
    """The sheet as XHTML in its language: the fields in reading order, each with its name
    and tooltip."""
    _ = translations(sheet.lang).gettext
    fields = {field.name: field for field in sheet.fields()}
    return templates().get_template("discussion.html.j2").render(
        sheet=sheet, logo=logo, _=_, fields=fields,
        details=[fields[name] for name, _label in DETAILS],
        actions=[action_fields(row, sheet.lang) for row in range(1, ACTION_ROWS + 1)],
        difference=_(DIFFERENCE), actions_heading=_(ACTIONS),
        title=_(TITLE) % {"title": sheet.title}, kind=_(KIND), send=_send(sheet),
        page_words=re.split(r"%\(pages?\)s", _("Page %(page)s of %(pages)s")),
        what=_("The briefing:") if sheet.link_is_briefing else _("The full report:"),
        published=long_date(sheet.published, sheet.lang) if sheet.published else None,
        qr=qr_code(sheet.link, sheet.lang, briefing=sheet.link_is_briefing)
        if sheet.link else None,
        printed=printed_link(sheet.link, 60) if sheet.link else None,
        box_height=box_height or box_heights(len(sheet.questions))[0])


def _send(sheet: DiscussionSheet) -> Markup:
    """Where the completed sheet goes, as a sentence: a link when it is an address."""
    _ = translations(sheet.lang).gettext
    where: Markup | str = sheet.send_to or sheet.partnership or \
        _("the safeguarding partnership")
    if sheet.send_to and sheet.send_href:
        where = Markup('<a href="{}">{}</a>').format(sheet.send_href, sheet.send_to)
    return Markup.escape(_("Send the completed sheet to %(where)s.")) % {"where": where}


def discussion_pdf(sheet: DiscussionSheet, house: HouseStyle, guess: float | None = None
                   ) -> tuple[bytes, Rendering, float]:
    """The sheet as a tagged PDF (PDF/UA-1) with a fillable form, stamped with the
    briefing's name and version; the rendering carries the layout engine's warnings.
    The answer boxes are as large as keeps the questions on the first page: the largest
    height of `box_heights` whose sheet has two pages, else the smallest. Returns the
    height chosen too.

    `guess`, the height of the sheet's last build, is laid out first, and the larger
    heights only when that layout leaves room for one to have two pages
    (`_larger_cannot_fit`). The sheet is the same bytes either way.
    """
    heights = box_heights(len(sheet.questions))
    laid: dict[float, Rendering] = {}

    def at(height: float) -> Rendering:
        if height not in laid:
            laid[height] = lay_out(discussion_html(sheet, house.logo, height), house)
        return laid[height]

    start = 0
    if guess in heights:
        start = heights.index(guess)
        step = heights[start - 1] - guess if start else 0.0
        if not _larger_cannot_fit(at(guess), len(sheet.questions), step):
            start = 0
    height = next((height for height in heights[start:]
                   if len(at(height).document.pages) <= 2), heights[-1])
    rendering = at(height)
    return stamped(rendering.pdf(forms=True), sheet), rendering, height


# Past the foot of page 1 by more than this, a box is past it whatever the rounding.
_BEYOND_MM = 0.01
_MM_PER_PX = 25.4 / 96


def _larger_cannot_fit(rendering: Rendering, questions: int, step: float) -> bool:
    """Whether no sheet with answer boxes `step` mm (or more) larger than `rendering`'s
    can have two pages. The actions start a page (a forced break), so two pages means
    every question on page 1 and the actions on page 2 alone. Larger boxes fit no better
    than these: if these take more than two pages, so do they. If these take two, all
    their questions' boxes `step` mm taller end past the foot of page 1 (and so they would
    with any margin under them, none being negative), so a question goes to page 2.
    Anything else laid out, False."""
    pages = rendering.document.pages
    found = [list(_outermost(page._page_box, ("question", "actions"))) for page in pages]
    actions = [box for page in found for box, _margins in page
               if box.element.get("class") == "actions"]
    if not actions or actions[0].style["break_before"] != "page":
        return False
    if len(pages) > 2:
        return True
    asked = [box for box, _margins in found[0] if box.element.get("class") == "question"]
    if len(pages) != 2 or len(asked) != questions or len(found[0]) != questions or \
            len(found[1]) != 1 or not all(margins for _box, margins in found[0]):
        return False
    page = pages[0]._page_box
    room = page.content_box_y() + page.height - max(
        box.border_box_y() + box.border_height() for box in asked)
    return questions * step - room * _MM_PER_PX > _BEYOND_MM


def _outermost(box, classes: tuple[str, ...], margins: bool = True):
    """The boxes under `box` of elements with one of `classes`, not those inside them
    (a box's anonymous boxes share its element), each with whether no box from `box`
    down to it has a negative bottom margin."""
    for child in getattr(box, "children", ()):
        element = getattr(child, "element", None)
        margin = getattr(child, "margin_bottom", None)
        below = margins and not (isinstance(margin, int | float) and margin < 0)
        if element is not None and element.get("class") in classes:
            yield child, below
        else:
            yield from _outermost(child, classes, below)


def stamped(data: bytes, sheet: DiscussionSheet) -> bytes:
    """The PDF with the sheet's marker: a read-only field (kept by every viewer that saves
    a form) and the same in the document's metadata."""
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # the layout engine's version, not pypdf's
    writer.add_metadata({"/BriefingSheet": MARKER, "/BriefingName": sheet.name,
                         "/BriefingVersion": sheet.version})
    marker = DictionaryObject({
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject(MARKER_FIELD),
        NameObject("/TU"): TextStringObject(translations(sheet.lang).gettext(MARKER_TIP)),
        NameObject("/V"): TextStringObject(sheet.marker), NameObject("/Ff"): NumberObject(1)})
    form = writer._root_object["/AcroForm"].get_object()
    fields = form.get("/Fields", ArrayObject())
    fields.append(writer._add_object(marker))
    form[NameObject("/Fields")] = fields
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()
