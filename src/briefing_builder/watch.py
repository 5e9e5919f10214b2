"""Rebuild a briefing, and its preview, each time its file is saved.

A watch keeps one press warm between saves, so a save costs a layout, not a
start-up; the press is made again when the house style or the rules change.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .batch import build, find_briefings, prepare
from .pipeline import BriefingFile, Press
from .problems import Position, warning
from .publish.preview import preview_pages
from .settings import Settings


class Rebuilder:
    """Builds one briefing at a time with a press kept between builds."""

    def __init__(self, settings: Settings, preview: bool = True) -> None:
        self.settings, self.preview = settings, preview
        self.press: Press | None = None

    def __call__(self, path: Path) -> BriefingFile:
        """Build `path` now, and its preview pictures when it built. A briefing that cannot
        be built, or pictured, is reported; the watch goes on."""
        self.press = prepare(self.settings, self.press)
        [result] = build([path], self.settings.output, settings=self.settings, press=self.press)
        if self.preview and result.output is not None:
            try:
                preview_pages(result.output, self.settings.preview_dir())
            except Exception as exc:  # noqa: BLE001 - the watch outlives any one briefing
                result.problems.append(warning(
                    path, Position(), "preview-failed",
                    f"the PDF was written but not pictured: {type(exc).__name__}: {exc}"))
        return result


def rebuild(path: Path, settings: Settings, preview: bool = True) -> BriefingFile:
    """Build one briefing now, and its preview pictures when it built."""
    return Rebuilder(settings, preview)(path)


def watch(paths: list[Path], settings: Settings, report: Callable[[BriefingFile], None],
          stop: threading.Event | None = None, preview: bool = True) -> None:
    """Build everything named by `paths` once, then again whenever a briefing is saved.

    Runs until `stop` is set (or Ctrl-C). Each result goes to `report` at once.
    """
    from watchfiles import Change
    from watchfiles import watch as changes

    rebuilder = Rebuilder(settings, preview)
    found = find_briefings(paths)
    for path in found:
        report(rebuilder(path))
    folders = [path if path.is_dir() else path.parent for path in paths]
    wanted = {path.resolve() for path in found}
    for batch in changes(*folders, stop_event=stop, debounce=200, rust_timeout=500,
                         yield_on_timeout=False):
        saved = sorted({Path(name).resolve() for change, name in batch
                        if change != Change.deleted and name.endswith((".yaml", ".yml"))})
        for path in saved:
            if any(p.is_dir() for p in paths) or path in wanted:
                report(rebuilder(path))
