"""What every route of the editor shares: the project, the workbench, the templates, the
form token, and notes to show on the next page."""

from __future__ import annotations

from pathlib import Path

from starlette.templating import Jinja2Templates

from ..settings import Settings
from .live import Workbench
from .project import Project

HERE = Path(__file__).parent


class Editor:
    """What every route shares: the project, the workbench, the templates, the form token."""

    def __init__(self, settings: Settings, csrf: str) -> None:
        self.settings, self.csrf = settings, csrf
        self.project = Project(settings)
        self.bench = Workbench(settings)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.notes: dict[str, str] = {}
        self.build_press = None
        self.guard: Guard | None = None

    def warm(self) -> None:
        """Make the press and lay out one briefing, so that the first draft is quick."""
        names = self.project.names()
        try:
            if names:
                opened = self.project.open(names[0])
                self.bench.examine(opened.name, opened.text, opened.path)
            else:
                self.bench.ready()
        except Exception:  # noqa: BLE001 - warming is only to save time; errors show later
            pass
