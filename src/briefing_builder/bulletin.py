"""A bulletin issue: build the briefings its manifest names, then bundle every attachment.

The briefings are built by a batch like any other; the bundle is assembled from
their PDFs (publish/bundle.py), each titled by the title its PDF carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .batch import build
from .checks.characters import hidden_characters
from .pipeline import discussion_outputs
from .problems import Position, Problem, error, warning
from .publish.bundle import Part, read_part, write_bundle
from .publish.foreign import MB, Limits
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
    parts = _parts(manifest_path, document, manifest, settings, briefings_output, result)
    if result.failed:
        return result
    try:
        result.output, result.size = write_bundle(output or settings.issues_dir(),
                                                  manifest_path.stem, manifest, parts,
                                                  settings.styles_dir())
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
                    round(settings.attachment_max_stream_mb * MB))
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
        if removed:
            result.problems.append(warning(
                manifest_path, where, "attachment-cleaned",
                f"{path}: left out {', '.join(removed)}; the bundle carries a copy rebuilt "
                "from its pages, links and outline, and nothing in it runs when opened"))
        parts.append(part)
        if attachment.briefing and manifest.discussion_sheets:
            parts += _sheet_part(path, part.title, manifest_path, where, result)
    return parts


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
    part, _, reason = read_part(sheet, f"Discussion sheet: {title}", "Discussion sheet",
                                foreign=False)
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
