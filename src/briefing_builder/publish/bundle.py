"""Assemble a bulletin issue: its attachments as one navigable PDF, one by one, and zipped.

The bundle opens with a contents page (laid out by WeasyPrint, each entry a
link), then every attachment in order, with one bookmark per attachment, page
labels ("Contents", 1, 2, …) and the issue's title in the metadata.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject

from ..render.house import HouseStyle
from ..render.html import long_date, templates
from ..render.pdf import lay_out
from ..source.manifest import Manifest
from .files import write_atomic
from .foreign import read_pdf, without_active_content
from .tagged import Issue, Section, make_accessible

# Contents entries link here; the links are pointed at the attachment's first page afterwards.
ENTRY_LINK = "https://attachment.invalid/"


@dataclass
class Part:
    """One attachment, read and ready to bundle."""

    title: str
    kind: str
    reader: PdfReader
    data: bytes
    first_page: int = 0


def clean_name(index: int, title: str) -> str:
    """Return a file name for an attachment: `02-serious-case-review-emily.pdf`."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].rstrip("-")
    return f"{index:02d}-{slug or 'attachment'}.pdf"


def read_part(path: Path, title: str | None, kind: str | None, *,
              foreign: bool) -> tuple[Part | None, list[str], tuple[str, str] | None]:
    """Read one attachment: returns the part, what was removed from it, and why it cannot
    be used as (code, message), None when it can.

    The title and kind, when not given, are the PDF's own: a briefing's PDF carries its
    title, and its label ("7-minute briefing", "Learning briefing") as its first keyword.
    A `foreign` PDF, made elsewhere, has its active content removed.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [], ("attachment-unreadable", f"{path}: {exc.strerror or exc}")
    reader, reason = read_pdf(data)
    if reader is None:
        return None, [], ("attachment-bad", f"{path}: {reason}")
    removed: list[str] = []
    if foreign:  # our own briefings carry only what we put in them
        cleaned, removed = without_active_content(reader)
        if cleaned is not None:
            data = cleaned
            reader, _ = read_pdf(data)
    metadata = reader.metadata or {}
    title = title or metadata.get("/Title") or path.stem
    kind = kind or str(metadata.get("/Keywords") or "PDF").split(",")[0].strip()
    return Part(str(title), kind, reader, data), removed, None


def write_bundle(output: Path, stem: str, manifest: Manifest, parts: list[Part],
                 styles: Path, web: str | None = None) -> tuple[Path, int]:
    """Write `output/<stem>.pdf`, each part as `output/<stem>/NN-title.pdf`, the zip, and
    the issue's web page `web` as `output/<stem>.html`.

    Returns the bundle's path and size in bytes.
    """
    data = _assemble(manifest, parts, styles)
    target = output / f"{stem}.pdf"
    write_atomic(target, data)
    for index, part in enumerate(parts, start=1):
        write_atomic(output / stem / clean_name(index, part.title), part.data)
    write_atomic(output / f"{stem}.zip", _zip(parts, manifest))
    if web is not None:
        write_atomic(output / f"{stem}.html", web.encode("utf-8"))
    return target, len(data)


def _contents(manifest: Manifest, parts: list[Part], styles: Path) -> PdfReader:
    page = 1
    entries = []
    for index, part in enumerate(parts):
        entries.append({"title": part.title, "kind": part.kind, "page": page,
                        "href": f"{ENTRY_LINK}{index}"})
        part.first_page = page
        page += len(part.reader.pages)
    html = templates().get_template("contents.html.j2").render(
        manifest=manifest, entries=entries, published=long_date(manifest.published),
        lang=manifest.lang)
    return PdfReader(io.BytesIO(lay_out(html, HouseStyle(styles, ("contents.css",))).pdf()))


def _assemble(manifest: Manifest, parts: list[Part], styles: Path) -> bytes:
    contents = _contents(manifest, parts, styles)
    writer = PdfWriter()
    writer.append(contents, import_outline=False)
    starts = []
    for index, part in enumerate(parts, start=1):
        starts.append(len(writer.pages))
        # Each attachment's form fields under a name of their own: two discussion sheets
        # in one bundle must not fill each other's boxes.
        part.reader.add_form_topname(f"attachment-{index}")
        writer.append(part.reader, import_outline=False)
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
    make_accessible(writer, [Section("Contents", contents, 0, bookmark=False), *sections],
                    Issue(manifest.title, f"Practice and Learning Bulletin {manifest.issue}",
                          manifest.lang, manifest.published))
    writer.set_page_label(0, len(contents.pages) - 1, prefix="Contents")
    writer.set_page_label(len(contents.pages), len(writer.pages) - 1, style="/D", start=1)
    writer.add_metadata({"/Title": manifest.title,
                         "/Subject": f"Practice and Learning Bulletin {manifest.issue}",
                         "/CreationDate": f"D:{manifest.published:%Y%m%d}",
                         "/ModDate": f"D:{manifest.published:%Y%m%d}"})
    writer._root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
    for page in writer.pages:
        page.compress_content_streams()
    writer.compress_identical_objects()
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def _zip(parts: list[Part], manifest: Manifest) -> bytes:
    stream = io.BytesIO()
    stamp = (manifest.published.year, manifest.published.month, manifest.published.day, 0, 0, 0)
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, part in enumerate(parts, start=1):
            entry = zipfile.ZipInfo(clean_name(index, part.title), stamp)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(entry, part.data)
    return stream.getvalue()


