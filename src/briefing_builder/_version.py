"""The package's version, from its installed metadata: one number, in pyproject.toml."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("briefing-builder")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0.0.0"
