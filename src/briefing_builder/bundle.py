"""Bundle a bulletin issue: its attachments as one navigable PDF, one by one, and zipped.

The bundle opens with a contents page (laid out by WeasyPrint, each entry a
link), then every attachment in order, with one bookmark per attachment, page
labels ("Contents", 1, 2, …) and the issue's title in the metadata.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject

from .attachment import read_pdf, without_active_content
from .build import build, check_one
from .manifest import Manifest
from .output import write_atomic
from .problems import Position, Problem, error, warning
from .settings import Settings, find_project
from .source import load_yaml
from .validate import validate

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


@dataclass
class BundleResult:
    """What bundling a manifest gave: the files written, their size, and the problems."""

    manifest: Path
    problems: list[Problem] = field(default_factory=list)
    output: Path | None = None
    size: int = 0

    @property
    def failed(self) -> bool:
        return any(problem.is_error for problem in self.problems)


def clean_name(index: int, title: str) -> str:
    """Return a file name for an attachment: `02-serious-case-review-emily.pdf`."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].rstrip("-")
    return f"{index:02d}-{slug or 'attachment'}.pdf"


def bundle(manifest_path: Path, output: Path, settings: Settings) -> BundleResult:
    """Bundle the issue described by `manifest_path` into `output/<stem>.pdf`.

    Nothing is written unless every attachment is good; the previous bundle is
    then left as it was.
    """
    result = BundleResult(manifest_path)
    document, problems = load_yaml(manifest_path)
    result.problems += problems
    if document is None:
        return result
    manifest, problems = validate(document, Manifest)
    result.problems += problems
    if manifest is None:
        return result
    project = find_project(manifest_path.parent) or manifest_path.parent.resolve()
    parts: list[Part] = []
    for index, attachment in enumerate(manifest.attachments):
        name = "briefing" if attachment.briefing else "pdf"
        where = document.position(("attachments", index, name))
        path = (manifest_path.parent / (attachment.briefing or attachment.pdf)).resolve()
        if not path.is_relative_to(project):
            result.problems.append(error(manifest_path, where, "attachment-outside",
                                         f"{path} is outside the project folder {project}"))
            continue
        part = _attachment(path, attachment.title, bool(attachment.briefing), settings,
                           manifest_path, where, result)
        if part is not None:
            parts.append(part)
    if result.failed:
        return result
    data = _assemble(manifest, parts, settings)
    target = output / f"{manifest_path.stem}.pdf"
    write_atomic(target, data)
    for index, part in enumerate(parts, start=1):
        write_atomic(output / manifest_path.stem / clean_name(index, part.title), part.data)
    write_atomic(output / f"{manifest_path.stem}.zip", _zip(parts, manifest))
    result.output, result.size = target, len(data)
    limit = settings.email_limit_mb * 1_000_000
    if len(data) > limit:
        result.problems.append(warning(manifest_path, Position(), "bundle-size",
                                       f"the bundle is {len(data) / 1e6:.1f} MB, more than the "
                                       f"{settings.email_limit_mb:g} MB email limit",
                                       "send a link to it, or attach the parts separately"))
    return result


def _attachment(path: Path, title: str | None, is_briefing: bool, settings: Settings,
                manifest_path: Path, where: Position, result: BundleResult) -> Part | None:
    if is_briefing:
        [built] = build([path], settings.output, settings=settings)
        result.problems += built.problems
        if built.failed or built.output is None:
            result.problems.append(error(manifest_path, where, "attachment-failed",
                                         f"the briefing {path.name} could not be built"))
            return None
        # An up-to-date briefing was not read again by the build; its title is needed here.
        briefing = built.briefing or check_one(path, settings.rules).briefing
        path, title, kind = built.output, briefing.title, "7-minute briefing"
    else:
        kind = "PDF"
    try:
        data = path.read_bytes()
    except OSError as exc:
        result.problems.append(error(manifest_path, where, "attachment-unreadable",
                                     f"{path}: {exc.strerror or exc}"))
        return None
    reader, reason = read_pdf(data)
    if reader is None:
        result.problems.append(error(manifest_path, where, "attachment-bad", f"{path}: {reason}"))
        return None
    if not is_briefing:  # our own briefings carry only what we put in them
        cleaned, removed = without_active_content(reader)
        if cleaned is not None:
            result.problems.append(warning(
                manifest_path, where, "attachment-cleaned",
                f"{path}: removed {', '.join(removed)}; nothing in a bundle runs when opened"))
            data = cleaned
            reader, _ = read_pdf(data)
    return Part(title or path.stem, kind, reader, data)


def _contents(manifest: Manifest, parts: list[Part], styles: Path) -> PdfReader:
    from .render import LANG, HouseStyle, lay_out, long_date, templates

    page = 1
    entries = []
    for index, part in enumerate(parts):
        entries.append({"title": part.title, "kind": part.kind, "page": page,
                        "href": f"{ENTRY_LINK}{index}"})
        part.first_page = page
        page += len(part.reader.pages)
    html = templates().get_template("contents.html.j2").render(
        manifest=manifest, entries=entries, published=long_date(manifest.published), lang=LANG)
    return PdfReader(io.BytesIO(lay_out(html, HouseStyle(styles, ("contents.css",))).pdf()))


def _assemble(manifest: Manifest, parts: list[Part], settings: Settings) -> bytes:
    contents = _contents(manifest, parts, settings.styles_dir())
    writer = PdfWriter()
    writer.append(contents, import_outline=False)
    starts = []
    for part in parts:
        starts.append(len(writer.pages))
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
    for part, start in zip(parts, starts, strict=True):
        writer.add_outline_item(title=part.title, page_number=start)
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


