"""Assemble a bulletin issue: its attachments as one navigable PDF, one by one, and zipped.

The bundle opens with a contents page (laid out by WeasyPrint, each entry a
link), then every attachment in order, with one bookmark per attachment, page
labels ("Contents", 1, 2, …) and the issue's title in the metadata.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markupsafe import Markup
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject

from ..i18n import N_, translations
from ..render.house import HouseStyle
from ..render.html import long_date, templates
from ..render.pdf import lay_out
from ..source.manifest import Manifest
from .copier import Refused
from .destinations import with_prefix
from .files import replace_together
from .foreign import Limits, quiet_pypdf, read_file, read_pdf
from .rebuild import rebuild
from .tagged import Issue, Section, make_accessible

# Contents entries link here; the links are pointed at the attachment's first page afterwards.
ENTRY_LINK = "https://attachment.invalid/"
BULLETIN = N_("Practice and Learning Bulletin")
SUBJECT = N_("Practice and Learning Bulletin %(issue)s")
CONTENTS = N_("Contents")


@dataclass
class Part:
    """One attachment, read and ready to bundle: its title and kind as the contents page
    prints them, each as (language, words), one pair a language (a bilingual part's
    Welsh first), and its own language (the PDF's)."""

    title: str
    kind: str
    reader: PdfReader
    data: bytes
    first_page: int = 0
    lang: str = "en-GB"
    titles: list[tuple[str, str]] = field(default_factory=list)
    kinds: list[tuple[str, str]] = field(default_factory=list)
    path: Path | None = None  # the file it was read from

    def __post_init__(self) -> None:
        self.titles = self.titles or [(self.lang, self.title)]
        self.kinds = self.kinds or [(self.lang, self.kind)]


@dataclass(frozen=True)
class Edition:
    """One bundle of an issue: its languages (the first the document's, a bilingual
    edition's Welsh first), its title in each, and its contents page's stylesheet."""

    langs: tuple[str, ...]
    titles: tuple[str, ...]
    issue: str
    published: date
    stylesheet: str = "contents.css"
    large_print: bool = False

    @property
    def lang(self) -> str:
        return self.langs[0]

    @property
    def title(self) -> str:
        return " / ".join(self.titles)

    def say(self, message: str, **values) -> Markup:
        """A fixed word in each language of the edition, the others marked as theirs."""
        return both([(lang, translations(lang).gettext(message) % values if values else
                      translations(lang).gettext(message)) for lang in self.langs], self.lang)

    def words(self, message: str, **values) -> str:
        """A fixed word in the edition's languages, as plain text (metadata, outline)."""
        return " / ".join(translations(lang).gettext(message) % values if values else
                          translations(lang).gettext(message) for lang in self.langs)


def both(pairs: list[tuple[str, str]], lang: str, href: str | None = None) -> Markup:
    """Words in one or more languages, " / " between them; those not in `lang`, the
    page's, in a span with their own. With `href`, the words in each language are a
    link to it, inside the span (the layout engine gives a span inside a link a link
    of its own, outside the link's element)."""
    def words(text: str) -> Markup:
        return Markup('<a class="title" href="{}">{}</a>').format(href, text) if href \
            else Markup.escape(text)

    return Markup(" / ").join(
        words(text) if tag == lang else
        Markup('<span lang="{}">{}</span>').format(tag, words(text)) for tag, text in pairs)


def edition_of(manifest: Manifest) -> Edition:
    """The edition a manifest describes: its language, its title."""
    return Edition((manifest.lang,), (manifest.title,), manifest.issue, manifest.published)


def clean_name(index: int, title: str) -> str:
    """Return a file name for an attachment: `02-serious-case-review-emily.pdf`."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].rstrip("-")
    return f"{index:02d}-{slug or 'attachment'}.pdf"


def read_part(path: Path, title: str | None, kind: str | None, *, foreign: bool,
              limits: Limits = Limits()) -> tuple[Part | None, list[str],
                                                  tuple[str, str] | None]:
    """Read one attachment: returns the part, what was left out of it, and why it cannot
    be used as (code, message), None when it can.

    The title and kind, when not given, are the PDF's own: a briefing's PDF carries its
    title, and its label ("7-minute briefing", "Learning briefing") as its first keyword.
    A `foreign` PDF, made elsewhere, is rebuilt from what is allowed (rebuild.py); the
    bundle, the folder of parts and the zip all carry the rebuilt copy.
    """
    data, reason, unreadable = read_file(path, limits.size)
    if data is None:
        return None, [], ("attachment-unreadable" if unreadable else "attachment-bad",
                          f"{path}: {reason}")
    reader, reason = read_pdf(data, limits)
    if reader is None:
        return None, [], ("attachment-bad", f"{path}: {reason}")
    removed: list[str] = []
    if foreign:  # our own briefings carry only what we put in them
        try:
            with quiet_pypdf():
                data, removed = rebuild(reader, title or path.stem, limits.stream,
                                        limits.decoded)
        except Refused as exc:
            return None, [], ("attachment-bad", f"{path}: {exc}")
        except Exception as exc:  # noqa: BLE001 - a parser given hostile bytes
            return None, [], ("attachment-bad", f"{path}: the PDF is damaged "
                              f"({' '.join(str(exc).split())[:200] or type(exc).__name__})")
        reader, reason = read_pdf(data, limits)
        if reader is None:
            return None, [], ("attachment-bad", f"{path}: {reason}")
    metadata = reader.metadata or {}
    title = title or metadata.get("/Title") or path.stem
    kind = kind or str(metadata.get("/Keywords") or "PDF").split(",")[0].strip()
    lang = reader.root_object.get("/Lang")
    return Part(str(title), kind, reader, data, lang=str(lang) if lang else "en-GB",
                path=path), removed, None


# The other editions of an issue, by the end of their file's name, in the order written.
EDITIONS = (".cy", ".bilingual", "-large-print")


def write_bundle(output: Path, stem: str, manifest: Manifest, parts: list[Part],
                 styles: Path, web: str | None = None,
                 editions: dict[str, tuple[Edition, list[Part]]] | None = None
                 ) -> tuple[Path, int]:
    """Write `output/<stem>.pdf`, each part as `output/<stem>/NN-title.pdf`, the zip, the
    issue's web page `web` as `output/<stem>.html`, and each other edition as
    `output/<stem><end>.pdf` (`editions` by the end of their name, EDITIONS), all
    replaced together (files.replace_together): never a new bundle beside an old folder
    of parts, a part no longer in the issue is no longer in the folder, and an edition
    no longer made is gone.

    Returns the bundle's path and size in bytes. Raises OSError when they cannot be
    written; the previous ones are then as they were.
    """
    data = _assemble(edition_of(manifest), parts, styles)
    folder = {clean_name(index, part.title): part.data
              for index, part in enumerate(parts, start=1)}
    files: dict[str, bytes | dict[str, bytes] | None] = {
        f"{stem}.pdf": data, stem: folder, f"{stem}.zip": _zip(parts, manifest)}
    if web is not None:
        files[f"{stem}.html"] = web.encode("utf-8")
    for end in EDITIONS:
        made = (editions or {}).get(end)
        files[f"{stem}{end}.pdf"] = _assemble(made[0], made[1], styles) if made else None
    replace_together(output, stem, files)
    return output / f"{stem}.pdf", len(data)


def _contents(edition: Edition, parts: list[Part], styles: Path) -> PdfReader:
    page = 1
    entries = []
    for index, part in enumerate(parts):
        entries.append({"title": both(part.titles, edition.lang, f"{ENTRY_LINK}{index}"),
                        "kind": both(part.kinds, edition.lang), "page": page,
                        "href": f"{ENTRY_LINK}{index}"})
        part.first_page = page
        page += len(part.reader.pages)
    html = contents_html(edition, entries)
    return PdfReader(io.BytesIO(lay_out(html, HouseStyle(styles, (edition.stylesheet,))).pdf()))


def contents_html(edition: Edition, entries: list[dict]) -> str:
    """The contents page as XHTML: each entry's title, kind (Markup), page and link."""
    return templates().get_template("contents.html.j2").render(
        edition=edition, entries=entries, lang=edition.lang, say=edition.say,
        title=both(list(zip(edition.langs, edition.titles, strict=True)), edition.lang),
        published=both([(lang, f"{translations(lang).gettext('Published')} "
                               f"{long_date(edition.published, lang)}")
                        for lang in edition.langs], edition.lang),
        large_print=edition.large_print)


def _assemble(edition: Edition, parts: list[Part], styles: Path) -> bytes:
    contents = _contents(edition, parts, styles)
    writer = PdfWriter()
    writer.append(with_prefix(contents, "contents-"), import_outline=False)
    starts = []
    for number, part in enumerate(parts, start=1):
        starts.append(len(writer.pages))
        # Each attachment's form fields under a name of their own: two discussion sheets
        # in one bundle must not fill each other's boxes.
        part.reader.add_form_topname(f"attachment-{number}")
        writer.append(with_prefix(part.reader, f"part{number}-"), import_outline=False)
    for page in writer.pages[:len(contents.pages)]:
        for annotation in page.get("/Annots") or ():
            annotation = annotation.get_object()
            uri = str(annotation.get("/A", {}).get("/URI", ""))
            if uri.startswith(ENTRY_LINK):
                target = writer.pages[starts[int(uri.removeprefix(ENTRY_LINK))]]
                del annotation["/A"]
                annotation[NameObject("/Dest")] = ArrayObject(
                    [target.indirect_reference, NameObject("/Fit")])
    sections = [Section(part.title, part.reader, start)
                for part, start in zip(parts, starts, strict=True)]
    subject = edition.words(SUBJECT, issue=edition.issue)
    make_accessible(writer, [Section(edition.words(CONTENTS), contents, 0, bookmark=False),
                             *sections],
                    Issue(edition.title, subject, edition.lang, edition.published))
    writer.set_page_label(0, len(contents.pages) - 1,
                          prefix=translations(edition.lang).gettext(CONTENTS))
    writer.set_page_label(len(contents.pages), len(writer.pages) - 1, style="/D", start=1)
    writer.add_metadata({"/Title": edition.title, "/Subject": subject,
                         "/CreationDate": f"D:{edition.published:%Y%m%d}",
                         "/ModDate": f"D:{edition.published:%Y%m%d}"})
    writer._root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
    for page in writer.pages:
        if _plain(page):  # compressed ones are left as they are: never decoded here
            page.compress_content_streams()
    writer.compress_identical_objects()
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def _plain(page) -> bool:
    """True when none of the page's content streams is compressed (or encoded at all)."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    streams = contents if isinstance(contents, list) else [contents] if contents else []
    return all("/Filter" not in stream.get_object() for stream in streams)


def _zip(parts: list[Part], manifest: Manifest) -> bytes:
    stream = io.BytesIO()
    stamp = (manifest.published.year, manifest.published.month, manifest.published.day, 0, 0, 0)
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, part in enumerate(parts, start=1):
            entry = zipfile.ZipInfo(clean_name(index, part.title), stamp)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(entry, part.data)
    return stream.getvalue()


