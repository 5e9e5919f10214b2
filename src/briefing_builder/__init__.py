"""briefing-builder: YAML review summaries into print-ready 7-minute briefing PDFs.

The public API::

    from briefing_builder import check, build

    results = check([Path("briefings/emily.yaml")])   # -> list[BriefingFile]
    results = build([Path("briefings")], output=Path("build"))

Each `BriefingFile` carries its path, the validated `Briefing` (or None) and
its `problems`, each a `Problem` with path, position, severity, code and message.
"""

__version__ = "0.1.0"

from .build import BriefingFile, build, check, find_briefings
from .model import Briefing
from .problems import Position, Problem, Severity

__all__ = ["Briefing", "BriefingFile", "Position", "Problem", "Severity", "__version__", "build",
           "check", "find_briefings"]
