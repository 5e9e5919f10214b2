"""Rebuild a briefing, and its preview, each time its file is saved."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .build import BriefingFile, build, find_briefings
from .preview import preview_pages
from .settings import Settings


def rebuild(path: Path, settings: Settings, preview: bool = True) -> BriefingFile:
    """Build one briefing now, and its preview pictures when it built."""
    [result] = build([path], settings.output, settings=settings)
    if preview and result.output is not None:
        preview_pages(result.output, settings.output / "preview")
    return result


def watch(paths: list[Path], settings: Settings, report: Callable[[BriefingFile], None],
          stop: threading.Event | None = None, preview: bool = True) -> None:
    """Build everything named by `paths` once, then again whenever a briefing is saved.

    Runs until `stop` is set (or Ctrl-C). Each result goes to `report` at once.
    """
    from watchfiles import Change
    from watchfiles import watch as changes

    found = find_briefings(paths)
    for path in found:
        report(rebuild(path, settings, preview))
    folders = [path if path.is_dir() else path.parent for path in paths]
    wanted = {path.resolve() for path in found}
    for batch in changes(*folders, stop_event=stop, debounce=200, rust_timeout=500,
                         yield_on_timeout=False):
        saved = sorted({Path(name).resolve() for change, name in batch
                        if change != Change.deleted and name.endswith((".yaml", ".yml"))})
        for path in saved:
            if any(p.is_dir() for p in paths) or path in wanted:
                report(rebuild(path, settings, preview))
