"""A bulletin issue: build the briefings its manifest names, then bundle every attachment.

The briefings are built by a batch like any other; the bundle is assembled from
their PDFs (publish/bundle.py), each titled by the title its PDF carries.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from pathlib import Path

from pypdf import PdfReader

from .batch import build
from .checks.characters import hidden_characters
from .checks.identity import details_in
from .i18n import language
from .pipeline import discussion_outputs
from .problems import Position, Problem, error, warning
from .publish.bundle import EDITIONS, Edition, Part, clean_name, read_part, write_bundle
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
    editions: list[Path] = field(default_factory=list)  # the issue's other bundles written

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
    editions = _editions(manifest_path, document, manifest, parts, settings,
                         briefings_output, result)
    if result.failed:
        return result
    try:
        web = _web_page(manifest_path, manifest, parts, settings.styles_dir())
        result.output, result.size = write_bundle(output or settings.issues_dir(),
                                                  manifest_path.stem, manifest, parts,
                                                  settings.styles_dir(), web, editions)
        result.editions = [result.output.with_name(f"{manifest_path.stem}{end}.pdf")
                           for end in EDITIONS if end in editions]
    except OSError as exc:
        where = output or settings.issues_dir()
        result.problems.append(error(manifest_path, Position(), "output-unwritable",
                                     f"cannot write the bundle in {where}: "
                                     f"{exc.strerror or exc}",
                                     "the previous bundle, parts and zip are as they were"))
        return result
    except Exception as exc:
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


WELSH = "cy-GB"


def _editions(manifest_path: Path, document, manifest: Manifest, parts: list[Part],
              settings: Settings, briefings_output: Path | None,
              result: BundleResult) -> dict[str, tuple[Edition, list[Part]]]:
    """The issue's other editions, by the end of their file's name: in Welsh (`.cy`) and
    bilingual, Welsh first (`.bilingual`), when the issue is not in Welsh and a briefing
    of it has a Welsh translation beside it (NAME.cy.yaml); in large print
    (`-large-print`) when large print is asked for. A briefing without a translation is
    in English in the Welsh editions, and said so by name."""
    made: dict[str, tuple[Edition, list[Part]]] = {}
    kinds = _attachment_kinds(manifest)
    sources = [(manifest_path.parent / a.briefing).resolve() if a.briefing else None
               for a in manifest.attachments]
    welsh: list[list[Part] | None] = [None] * len(sources)
    if language(manifest.lang) != "cy":
        for index, source in enumerate(sources):
            if source is not None and _translation(source) is not None:
                where = document.position(("attachments", index, "briefing"))
                welsh[index] = _welsh_parts(_translation(source), _with_sheets(
                    settings, manifest), briefings_output or settings.output, where, result,
                    manifest.discussion_sheets)
    if any(welsh):
        made.update(_welsh_editions(manifest_path, document, manifest, kinds, parts, welsh,
                                    result))
    if settings.large_print:
        large = [_fresh(_large_print(part) if kind == "briefing" else part)
                 for part, kind in zip(parts, kinds, strict=True)]
        made["-large-print"] = (Edition(
            (manifest.lang,), (manifest.title,), manifest.issue, manifest.published,
            "contents-large-print.css", large_print=True), large)
    return made


def _attachment_kinds(manifest: Manifest) -> list[str]:
    """What each part of the issue is, in order: briefing, sheet (after its briefing) or
    pdf."""
    kinds = []
    for attachment in manifest.attachments:
        kinds.append("briefing" if attachment.briefing else "pdf")
        if attachment.briefing and manifest.discussion_sheets:
            kinds.append("sheet")
    return kinds


def _translation(source: Path) -> Path | None:
    """The Welsh translation beside a briefing (NAME.cy.yaml, translation_of: NAME.yaml)."""
    path = source.with_name(f"{source.stem}.cy.yaml")
    briefing = _briefing(path) if path.is_file() else None
    return path if briefing is not None and briefing.translation_of == source.name else None


def _welsh_parts(path: Path, settings: Settings, output: Path, where: Position,
                 result: BundleResult, sheets: bool) -> list[Part] | None:
    """A translation built: its PDF, its bilingual PDF, and its discussion sheet."""
    bilingual = output / f"{path.stem.removesuffix('.cy')}.bilingual.pdf"
    built = _built(path, settings, output, where, result, force=not bilingual.is_file())
    if built is None:
        return None
    found = []
    for pdf in (built, bilingual, *(discussion_outputs(built)[:1] if sheets else ())):
        part, _, reason = read_part(pdf, None, None, foreign=False)
        if reason is not None:
            result.problems.append(error(result.manifest, where, *reason))
            return None
        found.append(part)
    return found


def _welsh_editions(manifest_path: Path, document, manifest: Manifest, kinds: list[str],
                    parts: list[Part], welsh: list[list[Part] | None],
                    result: BundleResult) -> dict[str, tuple[Edition, list[Part]]]:
    """The Welsh and the bilingual editions, from the issue's parts and the Welsh parts
    of each attachment that has them (None: in English, said so)."""
    title = manifest.welsh_title or manifest.title
    if manifest.welsh_title is None:
        result.problems.append(warning(
            manifest_path, document.position(("title",), of_key=True), "translation-missing",
            "the issue has no Welsh title: the Welsh and bilingual contents pages carry "
            "the English one", "add welsh_title: to the manifest"))
    cy, bilingual = [], []
    attachment = -1
    for part, kind in zip(parts, kinds, strict=True):
        attachment += kind != "sheet"
        ours = welsh[attachment]
        if kind == "pdf":
            cy.append(_fresh(part))
            bilingual.append(_fresh(part))
        elif ours is None:
            if kind == "briefing":
                name = Path(manifest.attachments[attachment].briefing or "").stem
                result.problems.append(warning(
                    manifest_path, document.position(("attachments", attachment, "briefing")),
                    "translation-missing", f"'{part.title}' has no Welsh translation "
                    f"({name}.cy.yaml): the Welsh and bilingual bundles carry it in English",
                    f"translate it as {name}.cy.yaml, with translation_of: {name}.yaml"))
            cy.append(_fresh(part))
            bilingual.append(_fresh(part))
        elif kind == "briefing":
            cy.append(_fresh(ours[0]))
            bilingual.append(_fresh(ours[1], titles=[*ours[0].titles, *part.titles],
                                    kinds=[*ours[0].kinds, *part.kinds]))
        else:
            cy.append(_fresh(ours[2]))
            bilingual += [_fresh(ours[2]), _fresh(part)]
    editions = {}
    for end, langs, titles, chosen in ((".cy", (WELSH,), (title,), cy),
                                       (".bilingual", (WELSH, manifest.lang),
                                        (title, manifest.title), bilingual)):
        editions[end] = (Edition(langs, titles, manifest.issue, manifest.published), chosen)
    return editions


def _fresh(part: Part, **changes) -> Part:
    """A part read again from its bytes, for another edition: bundling marks its reader
    (its form fields are renamed, its first page noted)."""
    return replace(part, reader=PdfReader(io.BytesIO(part.data)), first_page=0, **changes)


def _large_print(part: Part) -> Part:
    """A briefing's large-print edition, built beside its PDF, as a part (its title and
    kind are the briefing's, as the contents page prints them)."""
    assert part.path is not None
    large, _, reason = read_part(part.path.with_name(f"{part.path.stem}-large-print.pdf"),
                                 part.title, part.kind, foreign=False)
    if large is None:
        raise OSError(reason[1] if reason else "the large-print edition cannot be read")
    return large


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
           result: BundleResult, force: bool = False) -> Path | None:
    """Build one briefing of the issue; its PDF, or None with the problems recorded."""
    [built] = build([path], output, settings=settings, drafts=False, force=force)
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
