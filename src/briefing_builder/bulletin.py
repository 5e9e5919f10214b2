"""A bulletin issue: build the briefings its manifest names, then bundle every attachment.

The briefings are built by a batch like any other; the bundle is assembled from
their PDFs (publish/bundle.py), each titled by the title its PDF carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .batch import build
from .problems import Position, Problem, error, warning
from .publish.bundle import Part, read_part, write_bundle
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
        if attachment.briefing:
            path = _built(path, settings, briefings_output or settings.output, where, result)
            if path is None:
                continue
        part, removed, reason = read_part(path, attachment.title,
                                          None if attachment.briefing else "PDF",
                                          foreign=not attachment.briefing)
        if reason is not None:
            result.problems.append(error(manifest_path, where, *reason))
            continue
        assert part is not None
        if removed:
            result.problems.append(warning(
                manifest_path, where, "attachment-cleaned",
                f"{path}: removed {', '.join(removed)}; nothing in a bundle runs when opened"))
        if not is_tagged(part.reader):
            result.problems.append(_untagged(manifest_path, where, part.title, path,
                                             manifest.require_tagged))
        parts.append(part)
    if result.failed:
        return result
    result.output, result.size = write_bundle(output or settings.issues_dir(),
                                              manifest_path.stem, manifest, parts,
                                              settings.styles_dir())
    limit = settings.email_limit_mb * 1_000_000
    if result.size > limit:
        result.problems.append(warning(manifest_path, Position(), "bundle-size",
                                       f"the bundle is {result.size / 1e6:.1f} MB, more than "
                                       f"the {settings.email_limit_mb:g} MB email limit",
                                       "send a link to it, or attach the parts separately"))
    return result


def _untagged(manifest_path: Path, where: Position, title: str, path: Path,
              required: bool) -> Problem:
    """A part without tags: the bundle is not accessible there (an error when the manifest
    requires tagged parts)."""
    return (error if required else warning)(
        manifest_path, where, "attachment-untagged",
        f"'{title}' ({path.name}) is not a tagged PDF: screen readers cannot read its pages "
        "in the bundle", "ask its authors for a tagged (accessible) PDF, or export it again "
        "with tags; `require_tagged: true` in the manifest makes this an error")


def _built(path: Path, settings: Settings, output: Path, where: Position,
           result: BundleResult) -> Path | None:
    """Build one briefing of the issue; its PDF, or None with the problems recorded."""
    [built] = build([path], output, settings=settings)
    result.problems += built.problems
    if built.failed or built.output is None:
        result.problems.append(error(result.manifest, where, "attachment-failed",
                                     f"the briefing {path.name} could not be built"))
        return None
    return built.output
