"""The layout engine, WeasyPrint: every part of it the stages use, imported here once.

WeasyPrint loads Pango, HarfBuzz and fontconfig by trying each under several
names. For every name the system's loader does not know, cffi asks
`ctypes.util.find_library`, which starts gcc and ld to look (about 8 ms a name,
0.2 s in all, a quarter of a batch's start-up). On Linux the last names it tries
are the loader's own (libpango-1.0.so.0), so the search is skipped there; if
the libraries cannot be loaded that way, the import is made again with it.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def _loader_names_only() -> Iterator[None]:
    if not sys.platform.startswith("linux"):
        yield
        return
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


def _forget_weasyprint() -> None:
    for name in [name for name in sys.modules if name.partition(".")[0] == "weasyprint"]:
        del sys.modules[name]


try:
    with _loader_names_only(), contextlib.redirect_stdout(None):
        import weasyprint  # noqa: F401
except OSError:
    _forget_weasyprint()

from weasyprint import CSS, HTML, Attachment  # noqa: E402
from weasyprint import __version__ as weasyprint_version  # noqa: E402
from weasyprint.css.counters import CounterStyle  # noqa: E402
from weasyprint.formatting_structure.boxes import LineBox, TextBox  # noqa: E402
from weasyprint.text.ffi import ffi  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

from .ctypes_cache import prepare as _prepare_types  # noqa: E402

_prepare_types(ffi)

__all__ = ["CSS", "HTML", "Attachment", "CounterStyle", "FontConfiguration", "LineBox",
           "TextBox", "URLFetcher", "URLFetcherResponse", "ffi", "weasyprint_version"]
