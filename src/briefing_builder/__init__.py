"""briefing-builder: YAML review summaries into print-ready 7-minute briefing PDFs.

The public API::

    from briefing_builder import check, build

    results = check([Path("briefings/emily.yaml")])   # -> list[BriefingFile]
    results = build([Path("briefings")], output=Path("build"))

Each `BriefingFile` carries its path, its status and its `problems`, each a
`Problem` with path, position, severity, code and message; `check`'s also carry the
validated `Briefing` (or None), `build`'s only what was built from it (`output`,
`text_size`), so that building thousands keeps no briefing's content.
The names are imported when first used, so that `briefing --help` loads none of
the stages.
"""

from importlib import import_module

from ._version import __version__

_PUBLIC = {"build": "batch", "check": "batch", "find_briefings": "batch",
           "BriefingFile": "pipeline", "Position": "problems", "Problem": "problems",
           "Severity": "problems", "Briefing": "source.model"}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> object:
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
