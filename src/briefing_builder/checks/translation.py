"""A translation must still match its original: the same panels, and an original that has
not changed since it was translated (its digest, recorded in the translation)."""

from __future__ import annotations

from ..problems import Problem, error, warning
from ..source.content import seven_panels
from ..source.load import SourceDocument, load_yaml, source_version
from ..source.model import Briefing
from ..source.validate import validate
from .rulebook import Rulebook


def translation(document: SourceDocument, briefing: Briefing, rules: Rulebook) -> list[Problem]:
    """Problems of a translation: an original that cannot be read, panels that no longer
    match it, or an original changed since the translation was made."""
    if briefing.translation_of is None:
        return []
    where = document.position(("translation_of",))
    path = document.path.parent / briefing.translation_of
    original_document, _ = load_yaml(path)
    original, _ = validate(original_document) if original_document else (None, [])
    if original_document is None or not isinstance(original, Briefing):
        return [error(document.path, where, "translation-original",
                      f"the original, {briefing.translation_of}, cannot be read as a briefing",
                      f"run `briefing check {path}`")]
    found = []
    for ours, theirs in zip(seven_panels(briefing), seven_panels(original), strict=True):
        if len(ours.blocks) != len(theirs.blocks):
            found.append(warning(
                document.path, document.position(ours.key, of_key=True), "translation-panels",
                f"panel {ours.number} has {len(ours.blocks)} paragraphs and points here and "
                f"{len(theirs.blocks)} in the original", "translate the panel again"))
    digest = source_version(original_document.raw)
    if briefing.original_digest is None:
        found.append(warning(document.path, where, "translation-digest",
                             "the translation does not say which version of the original it "
                             "translates", f"add original_digest: {digest}"))
    elif briefing.original_digest != digest:
        found.append(warning(document.path, document.position(("original_digest",)),
                             "translation-outdated",
                             f"the original has changed since it was translated "
                             f"({briefing.original_digest} then, {digest} now)",
                             f"bring the translation up to date, then write "
                             f"original_digest: {digest}"))
    return found
