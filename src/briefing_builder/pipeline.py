"""One briefing through the stages: load → validate → check → fit → render → write.

`build_one` reads in that order, top to bottom. What every briefing of a batch is
made with (settings, rules, the house style in each theme with its fitter) is a
`Press`, made once by the batch (batch.py) and passed in.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .checks import check_content, lexicon
from .checks.rulebook import Rulebook, load_rulebook
from .inputs import read_bounded
from .problems import Position, Problem, character_named, error, warning
from .publish.files import STAMPS, JsonStore, Kept, code_digest, inputs_digest, record, write_atomic
from .settings import Settings
from .source.load import MAX_FILE_BYTES, SourceDocument, load_yaml
from .source.model import Briefing
from .source.validate import validate

DISCUSSION_CSS = "discussion.css"


def outputs(settings: Settings, target: Path) -> list[Path]:
    """Every file a build of the briefing whose PDF is `target` writes."""
    found = [target]
    if settings.html:
        found.append(target.with_suffix(".html"))
    if settings.discussion:
        found += discussion_outputs(target)
    if settings.text:
        found.append(target.with_suffix(".txt"))
    if settings.large_print:
        found.append(target.with_name(f"{target.stem}-large-print.pdf"))
    return found


def discussion_outputs(target: Path) -> list[Path]:
    """The discussion sheet's PDF and Word file, beside the briefing's PDF `target`."""
    # Named whole: a stem with a dot in it (emily.cy) has no suffix to replace.
    return [target.with_name(f"{target.stem}-discussion{suffix}") for suffix in (".pdf", ".docx")]


@dataclass
class BriefingFile:
    """One briefing on its way through the stages. Its status: checked, built, up to date,
    failed, or draft (a draft a batch left unbuilt).

    Checked (`check_one`), it holds the parsed `document` and the validated `briefing`;
    built (`build_one`, every result of `batch.build`), only what the build came to (status,
    problems, allowances, `output`, text size), so a process building thousands keeps none
    of their content. Whoever needs the content checks the file (`check_one`)."""

    path: Path
    document: SourceDocument | None = None
    briefing: Briefing | None = None
    problems: list[Problem] = field(default_factory=list)
    output: Path | None = None
    status: str = "checked"
    text_size: float | None = None
    allowed: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(problem.is_error for problem in self.problems)


class Press:
    """What every briefing of one batch is made with: the settings, the rules read once,
    the digest of the house style, and each theme's house style with its fitter, made
    when first needed. A worker process gets a copy without the house styles and makes
    its own."""

    def __init__(self, settings: Settings, rules: Rulebook, assets: str) -> None:
        self.settings, self.rules, self.assets = settings, rules, assets
        self._fitters: dict[object, object] = {}  # by theme (and stylesheet)
        self.sheet_heights = Kept("sheets")  # each discussion sheet's answer boxes
        self.fits = JsonStore(settings.output / STAMPS / "fits")  # what check found of a page
        self._keep_lexicon()

    def __getstate__(self) -> dict:
        # fonts and parsed CSS stay in their process
        return {**self.__dict__, "_fitters": {}}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._keep_lexicon()  # in a worker process too

    def _keep_lexicon(self) -> None:
        # The checks' word and name lists as one index, kept between runs like calibrations.
        lexicon.keep_index(JsonStore(self.settings.output / STAMPS / "lexicon"))

    def fitter(self, theme: str | None):
        """The house style in `theme`, ready to fit briefings. Raises ValueError for a
        theme that does not exist or cannot be used."""
        if theme not in self._fitters:
            from .fit.fit import Fitter  # WeasyPrint is slow to import; checking needs none
            from .render.engine import weasyprint_version
            from .render.house import HouseStyle

            house = HouseStyle(self.settings.styles_dir(), theme=theme)
            # Calibrations are kept between runs, by house style, theme and engine.
            key = hashlib.sha256(f"{self.assets} {theme} {weasyprint_version}".encode())
            store = JsonStore(self.settings.output / STAMPS / "calibration")
            self._fitters[theme] = Fitter(house, store, key.hexdigest()[:16])
        return self._fitters[theme]

    def house(self, theme: str | None, stylesheet: str):
        """The house style in `theme` with another stylesheet (an edition such as large
        print), made once for the batch."""
        if (theme, stylesheet) not in self._fitters:
            from .render.house import HouseStyle

            self._fitters[(theme, stylesheet)] = HouseStyle(
                self.settings.styles_dir(), (stylesheet,), theme=theme)
        return self._fitters[(theme, stylesheet)]

    def digest(self, source: bytes, path: Path) -> str:
        """The digest of everything a PDF is made from, for a source's bytes: a
        translation's bilingual PDF is made from its original's too."""
        original = _TRANSLATION_OF.search(source)
        if original is not None:
            try:
                source += b"\0" + read_bounded(path.parent / original.group(1).decode(),
                                                MAX_FILE_BYTES)
            except (OSError, UnicodeDecodeError):
                pass  # checking says so
        return inputs_digest(source, self.assets, "briefing")


def failed_plainly(item: BriefingFile, exc: Exception, doing: str = "built") -> None:
    """Record an unexpected failure as the briefing's own error, in plain words: one
    briefing that breaks something never stops the others."""
    if isinstance(exc, RecursionError):
        what = ("its text is nested too deeply to lay out (bold or italic marks, or links, "
                "inside one another?)")
        fix = "write it more simply"
    elif isinstance(exc, MemoryError):
        what, fix = "it needs more memory than this computer has", "shorten it"
    else:
        detail = " ".join(str(exc).split())[:200]
        what = f"something went wrong: {type(exc).__name__}" + (f": {detail}" if detail else "")
        fix = "report this, with the briefing, to whoever looks after the builder"
    item.problems.append(error(item.path, Position(), "build-failed",
                               f"the briefing could not be {doing}: {what}", fix))
    item.status, item.document, item.output = "failed", None, None


def is_draft(path: Path) -> bool:
    """Whether the briefing at `path` says `status: draft` (a file that cannot be read is
    not a draft: building it reports why). Most files are told by their bytes alone."""
    try:
        if not _DRAFT.search(read_bounded(path, MAX_FILE_BYTES)):
            return False
    except OSError:
        return False
    document, _ = load_yaml(path)
    return document is not None and isinstance(document.data, dict) and \
        document.data.get("status") == "draft"


def check_one(path: Path, rules: Rulebook | None = None) -> BriefingFile:
    """Load, validate and check one briefing; the result carries its problems.

    `rules` default to the shipped rules alone. Anything unexpected is the briefing's
    own `build-failed` error.
    """
    item = BriefingFile(path)
    try:
        _check(item, rules)
    except Exception as exc:  # noqa: BLE001 - one briefing never stops the others
        failed_plainly(item, exc, "checked")
    return item


def _check(item: BriefingFile, rules: Rulebook | None) -> None:
    path = item.path
    item.document, item.problems = load_yaml(path)
    if item.document is not None and not item.failed:
        briefing, problems = validate(item.document)
        item.briefing = briefing
        item.problems += problems
        if briefing is not None:
            found, item.allowed = check_content(item.document, briefing,
                                                rules or load_rulebook())
            item.problems += found
    if item.failed:
        item.status = "failed"


def fit_one(press: Press, item: BriefingFile, print_css: str = "", *, remember: bool = False):
    """Fit a checked briefing to its page; its overflows become its problems. Returns the
    fitting (the laid-out page when it fits), or None when the theme cannot be used.
    With `remember`, what it found is kept for `fit_known` (see there)."""
    from .fit.fit import fit  # WeasyPrint is slow to import; loading and checking need none
    from .render.pdf import ZOOM

    assert item.briefing is not None and item.document is not None
    try:
        fitter = press.fitter(item.briefing.theme or press.settings.theme)
    except ValueError as exc:
        item.problems.append(error(item.path, item.document.position(("theme",)),
                                   "unknown-theme", str(exc)))
        return None
    fitting = fit(item.briefing, fitter, print_css)
    found = [[list(o.key), o.code, o.message] for o in fitting.overflows]
    size = None if fitting.text_size is None else fitting.text_size * ZOOM[press.settings.paper]
    if remember:
        press.fits.put(item.path.stem, {"inputs": _fit_inputs(press, item, print_css),
                                        "overflows": found, "text_size": size})
    _fitted(item, found, size)
    return fitting


def fit_known(press: Press, item: BriefingFile, print_css: str = "") -> bool:
    """Give a checked briefing what `fit_one` found from the very same inputs (source, house
    style, options, this code), if it was: True then, and nothing is laid out."""
    assert item.document is not None
    kept = press.fits.get(item.path.stem) or {}
    if kept.get("inputs") != _fit_inputs(press, item, print_css):
        return False
    try:
        _fitted(item, kept["overflows"], kept["text_size"])
    except (KeyError, TypeError, ValueError):  # not what fit_one keeps: lay it out
        return False
    return True


def _fitted(item: BriefingFile, overflows: list, text_size: float | None) -> None:
    """Give `item` what a fit found (all of it, or nothing when it is not that)."""
    assert item.document is not None  # so far checked
    found = [error(item.path, item.document.position(tuple(key), of_key=True), str(code),
                   str(message)) for key, code, message in overflows]
    size = None if text_size is None else round(float(text_size), 1)  # as printed: A3 larger
    item.problems += found
    item.text_size = size if size is not None else item.text_size


def _fit_inputs(press: Press, item: BriefingFile, print_css: str) -> str:
    return hashlib.sha256(f"{press.digest(item.document.raw, item.path)} {print_css} "
                          f"{code_digest()}".encode()).hexdigest()


def build_one(press: Press, path: Path, target: Path) -> BriefingFile:
    """Check one briefing and, when it has no errors, fit it, render it and write its PDF.

    The result keeps what the build came to (status, problems, output, text size) but
    neither the parsed source nor the briefing, the same whether built here or in a
    worker, so a batch of thousands holds little more than one briefing's worth. Anything
    unexpected (text nested too deeply to lay out, a bug) is the briefing's own
    `build-failed` error; nothing is written for it.
    """
    from .render.pdf import print_css

    item = check_one(path, press.rules)
    try:
        if item.briefing is not None and not item.failed:
            item.status = "failed"  # until the PDF is written
            settings = press.settings
            css = print_css(settings.paper, settings.bleed, settings.marks)
            fitting = fit_one(press, item, css)
            if fitting is not None and fitting.rendering is not None and not item.failed:
                _render_write(press, item, fitting, target)
    except Exception as exc:  # noqa: BLE001 - one briefing never stops the others
        failed_plainly(item, exc)
    item.document = item.briefing = None  # done: its content is in the files written
    return item


def _render_write(press: Press, item: BriefingFile, fitting, target: Path) -> None:
    assert item.briefing is not None and item.document is not None
    settings, rendering = press.settings, fitting.rendering
    item.problems += [error(item.path, Position(), "fetch-refused",
                            f"the page asked for {url}, which is not part of the house style; "
                            "nothing outside it is used") for url in rendering.refused]
    files = {target: _pdf(rendering, item, settings)}
    item.problems += [_layout_problem(item.document, message) for message in rendering.warnings]
    if settings.discussion and not item.failed:
        files.update(_discussion(press, item, target))
    if item.failed:
        return
    try:
        for path, data in files.items():
            write_atomic(path, data)
        if settings.html:
            from .render.web import briefing_page
            house = press.fitter(item.briefing.theme or settings.theme).house
            write_atomic(target.with_suffix(".html"), briefing_page(
                item.briefing, settings.styles_dir(), fitting.cut, house.theme.css(),
                house.theme.label).encode("utf-8"))
        _editions(press, item, fitting, target)
        record(target, press.digest(item.document.raw, item.path))  # the bytes built
    except OSError as exc:
        item.problems.append(error(item.path, Position(), "output-unwritable",
                                   f"cannot write {target}: {exc.strerror or exc}"))
        return
    item.output, item.status = target, "built"


def _editions(press: Press, item: BriefingFile, fitting, target: Path) -> None:
    """The other editions asked for: plain text, and large print. Raises OSError."""
    assert item.briefing is not None
    settings, theme = press.settings, item.briefing.theme or press.settings.theme
    label = press.fitter(theme).house.theme.label
    if settings.text:
        from .render.text import briefing_text
        write_atomic(target.with_suffix(".txt"),
                     briefing_text(item.briefing, fitting.cut, label).encode("utf-8"))
    if item.briefing.translation_of is not None:
        _bilingual(press, item, fitting, target)
    if settings.large_print:
        from .render.large_print import STYLESHEET, large_print_html
        from .render.pdf import lay_out
        rendering = lay_out(large_print_html(item.briefing, fitting.cut, label),
                            press.house(theme, STYLESHEET))
        write_atomic(target.with_name(f"{target.stem}-large-print.pdf"), rendering.pdf())


def _bilingual(press: Press, item: BriefingFile, fitting, target: Path) -> None:
    """For a translation, NAME.bilingual.pdf: its pages first, then the original's."""
    from .render.bilingual import bilingual_html, tag_languages
    from .render.html import briefing_html, final_sheet
    from .render.pdf import lay_out

    assert item.briefing is not None and item.briefing.translation_of is not None
    original = check_one(item.path.parent / item.briefing.translation_of, press.rules)
    original_fit = fit_one(press, original) if not original.failed else None
    if original_fit is None or original_fit.rendering is None or original.briefing is None:
        item.problems.append(warning(item.path, Position(), "bilingual-skipped",
                                     f"the original, {item.briefing.translation_of}, does not "
                                     "build, so no bilingual PDF was written"))
        return
    pages = []
    for briefing, fitted in ((item.briefing, fitting), (original.briefing, original_fit)):
        house = press.fitter(briefing.theme or press.settings.theme).house
        pages.append(briefing_html(briefing, final_sheet(
            briefing, fitted.text_size, fitted.cut, fitted.geometry), logo=house.logo,
            label=house.theme.label))
    house = press.fitter(item.briefing.theme or press.settings.theme).house
    stem = Path(item.briefing.translation_of).stem
    pdf = lay_out(bilingual_html(*pages), house).pdf(press.settings.paper)
    write_atomic(target.with_name(f"{stem}.bilingual.pdf"), tag_languages(
        pdf, len(fitting.rendering.document.pages), item.briefing.lang, original.briefing.lang))


def _discussion(press: Press, item: BriefingFile, target: Path) -> dict[Path, bytes]:
    """The discussion sheet of a briefing as a fillable PDF and a Word file, by path."""
    from .publish.word import discussion_docx
    from .render.discussion import discussion_pdf, discussion_sheet

    assert item.briefing is not None and item.document is not None
    settings = press.settings
    house = press.house(item.briefing.theme or settings.theme, DISCUSSION_CSS)
    sheet = discussion_sheet(item.briefing, item.path.stem, item.document.raw,
                             send_to=settings.discussion_return,
                             published_url=settings.published_url, label=house.theme.label)
    pdf, docx = discussion_outputs(target)
    data, rendering, height = discussion_pdf(sheet, house, press.sheet_heights.get(pdf))
    press.sheet_heights.put(pdf, height)
    item.problems += [_layout_problem(item.document, message) for message in rendering.warnings]
    return {pdf: data, docx: discussion_docx(sheet, house.theme)}


def _pdf(rendering, item: BriefingFile, settings: Settings) -> bytes:
    """Tagged PDF/UA-1, or with `pdf_a` a tagged PDF/A-3 holding the source byte for byte
    (its comments too, which the identity checks read for that reason)."""
    if not settings.pdf_a:
        return rendering.pdf(settings.paper)
    from .publish.archive import source_attachment
    from .render.archival import archival

    assert item.document is not None and item.briefing is not None
    # Dated by the briefing, or a fixed date, so that the same source gives the same bytes.
    when = item.briefing.published or date(2000, 1, 1)
    source = source_attachment(item.path, item.document.raw, when)
    return archival(rendering.pdf(settings.paper, "pdf/a-3a", [source]))


_TRANSLATION_OF = re.compile(rb"(?m)^translation_of:[ \t]*[\"']?([A-Za-z0-9._-]+)")
_DRAFT = re.compile(rb"^status[ \t]*:[ \t]*[\"']?draft\b", re.MULTILINE)
_MISSING_GLYPH = re.compile(r"unsupported by fonts: .* \(U\+([0-9A-F]{4,6})\)")


def _layout_problem(document: SourceDocument, message: str) -> Problem:
    """A warning of the layout engine as a problem; a character no font has is an error."""
    missing = _MISSING_GLYPH.search(message)
    if missing is None:
        return warning(document.path, Position(), "render", message)
    character = chr(int(missing.group(1), 16))
    where = next(((key, text) for key, text in document.strings() if character in text), None)
    position = document.locate(where[0], character) if where else Position()
    return error(document.path, position, "missing-character",
                 f"no font of the house style has {character_named(character)}; it would "
                 "print as an empty box", "write it another way, or add a font that has it")
