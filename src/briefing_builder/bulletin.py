"""A bulletin issue: build the briefings its manifest names, then bundle every attachment.

The briefings are built by a batch like any other; the bundle is assembled from
their PDFs (publish/bundle.py), each titled by the title its PDF carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .batch import build
from .checks.characters import hidden_characters
from .checks.identity import details_in
from .pipeline import discussion_outputs
from .problems import Position, Problem, error, warning
from .publish.bundle import Part, clean_name, read_part, write_bundle
from .publish.foreign import MB, Limits
from .publish.structure import is_tagged
from .settings import Settings, find_project
from .source.load import load_yaml
from .source.manifest import Manifest
from .source.validate import validate


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


def bundle(manifest_path: Path, settings: Settings, output: Path | None = None,
           briefings_output: Path | None = None) -> BundleResult:
    """Bundle the issue described by `manifest_path` into `output/<stem>.pdf` (default: the
    settings' issues folder), building its briefings into `briefings_output` (default:
    the settings' output folder).

    Nothing is written unless every attachment is good; the previous bundle is
    then left as it was.
    """
    result = BundleResult(manifest_path)
    document, problems = load_yaml(manifest_path)
    result.problems += problems
    if document is None:
        return result
    manifest, problems = validate(document, Manifest)
    result.problems += problems + hidden_characters(document)
    if manifest is None or result.failed:
        return result
    result.problems += details_in(document, document.strings(), settings.contacts,
                                  manifest.published)
    if result.failed:
        return result
    parts = _parts(manifest_path, document, manifest, settings, briefings_output, result)
    if result.failed:
        return result
    try:
        web = _web_page(manifest_path, manifest, parts, settings.styles_dir())
        result.output, result.size = write_bundle(output or settings.issues_dir(),
                                                  manifest_path.stem, manifest, parts,
                                                  settings.styles_dir(), web)
    except OSError as exc:
        where = output or settings.issues_dir()
        result.problems.append(error(manifest_path, Position(), "output-unwritable",
                                     f"cannot write the bundle in {where}: "
                                     f"{exc.strerror or exc}",
                                     "the previous bundle, parts and zip are as they were"))
        return result
    except Exception as exc:  # noqa: BLE001 - a message, never a traceback
        result.problems.append(error(manifest_path, Position(), "bundle-failed",
                                     f"the bundle could not be assembled: {type(exc).__name__}: "
                                     f"{' '.join(str(exc).split())[:200]}",
                                     "the previous bundle, parts and zip are as they were"))
        return result
    limit = settings.email_limit_mb * 1_000_000
    if result.size > limit:
        result.problems.append(warning(manifest_path, Position(), "bundle-size",
                                       f"the bundle is {result.size / 1e6:.1f} MB, more than "
                                       f"the {settings.email_limit_mb:g} MB email limit",
                                       "send a link to it, or attach the parts separately"))
    return result


def _parts(manifest_path: Path, document, manifest: Manifest, settings: Settings,
           briefings_output: Path | None, result: BundleResult) -> list[Part]:
    """Each attachment read (and its briefing built), the problems recorded."""
    limits = Limits(round(settings.attachment_max_mb * MB), settings.attachment_max_pages,
                    round(settings.attachment_max_stream_mb * MB),
                    round(settings.attachment_max_decoded_mb * MB))
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
        if attachment.briefing:
            path = _built(path, _with_sheets(settings, manifest),
                          briefings_output or settings.output, where, result)
            if path is None:
                continue
        part, removed, reason = read_part(path, attachment.title,
                                          None if attachment.briefing else "PDF",
                                          foreign=not attachment.briefing, limits=limits)
        if reason is not None:
            result.problems.append(error(manifest_path, where, *reason))
            continue
        assert part is not None
        result.problems += _vetted(manifest_path, where, path, part, removed,
                                   manifest.require_tagged)
        parts.append(part)
        if attachment.briefing and manifest.discussion_sheets:
            parts += _sheet_part(path, part.title, manifest_path, where, result)
    return parts


def _vetted(manifest_path: Path, where: Position, path: Path, part: Part,
            removed: list[str], require_tagged: bool) -> list[Problem]:
    """What is said about an attachment read: what was removed from it, and whether it is
    tagged (a part without tags is not accessible in the bundle: an error when the
    manifest requires tagged parts)."""
    found = []
    if removed:
        found.append(warning(
            manifest_path, where, "attachment-cleaned",
            f"{path}: left out {', '.join(removed)}; the bundle carries a copy rebuilt "
            "from its pages, links, outline and tags, and nothing in it runs when opened"))
    if not is_tagged(part.reader):
        found.append((error if require_tagged else warning)(
            manifest_path, where, "attachment-untagged",
            f"'{part.title}' ({path.name}) is not a tagged PDF: screen readers cannot read "
            "its pages in the bundle", "ask its authors for a tagged (accessible) PDF, or "
            "export it again with tags; `require_tagged: true` in the manifest makes this "
            "an error"))
    return found


def _web_page(manifest_path: Path, manifest: Manifest, parts: list[Part],
              styles: Path) -> str:
    """The issue as one web page: each briefing's HTML twin, read from its source again
    (it was checked as it was built), every other part a link to its PDF in the issue's
    folder. Panels 2 and 3 share the concerns evenly by length, as a briefing's twin
    does by default."""
    from .render.issue import IssueEntry, issue_page
    from .render.web import briefing_section

    briefings: list[Path | None] = []  # each part's briefing source; a sheet has none
    for attachment in manifest.attachments:
        briefings.append((manifest_path.parent / attachment.briefing).resolve()
                         if attachment.briefing else None)
        if attachment.briefing and manifest.discussion_sheets:
            briefings.append(None)
    entries = []
    for index, (part, source) in enumerate(zip(parts, briefings, strict=True), start=1):
        name = clean_name(index, part.title)
        briefing = _briefing(source) if source else None
        entries.append(IssueEntry(
            part.title, part.kind, name.removesuffix(".pdf"),
            briefing_section(briefing, None, part.kind, name.removesuffix(".pdf") + "-")
            if briefing else None, f"{manifest_path.stem}/{name}",
            briefing.lang if briefing else manifest.lang))
    return issue_page(manifest.title, manifest.published, manifest.lang, entries, styles)


def _briefing(path: Path):
    """A briefing's content read again, or None when it cannot be."""
    document, _ = load_yaml(path)
    briefing, _ = validate(document) if document is not None else (None, [])
    return briefing


def _with_sheets(settings: Settings, manifest: Manifest) -> Settings:
    """The settings a manifest's briefings are built with: with their discussion sheets
    when the manifest asks for them."""
    if manifest.discussion_sheets and not settings.discussion:
        return settings.model_copy(update={"discussion": True})
    return settings


def _sheet_part(pdf: Path, title: str, manifest_path: Path, where: Position,
                result: BundleResult) -> list[Part]:
    """The discussion sheet built beside a briefing's PDF, as the attachment after it."""
    sheet = discussion_outputs(pdf)[0]
    # Titled and named as the sheet is, in its own language ("Discussion sheet: …").
    part, _, reason = read_part(sheet, None, None, foreign=False)
    if reason is not None:
        result.problems.append(error(manifest_path, where, *reason))
    return [part] if part is not None else []


def _built(path: Path, settings: Settings, output: Path, where: Position,
           result: BundleResult) -> Path | None:
    """Build one briefing of the issue; its PDF, or None with the problems recorded."""
    [built] = build([path], output, settings=settings, drafts=False)
    result.problems += built.problems
    if built.status == "draft":
        result.problems.append(error(result.manifest, where, "attachment-draft",
                                     f"the briefing {path.name} is a draft (status: draft); "
                                     "only an approved briefing goes in an issue",
                                     "approve it first: status: approved, approved_by: and "
                                     "approved_on:"))
        return None
    if built.failed or built.output is None:
        result.problems.append(error(result.manifest, where, "attachment-failed",
                                     f"the briefing {path.name} could not be built"))
        return None
    return built.output
