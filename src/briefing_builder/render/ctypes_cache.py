"""The C types WeasyPrint asks cffi for, found without parsing C.

WeasyPrint names a C type as a string each time it makes one (`ffi.new('PangoRectangle *')`),
and cffi parses each new string with pycparser, declaring every typedef of WeasyPrint's
Pango, HarfBuzz and fontconfig bindings again first: about 3 ms a string. A process meets a
dozen such strings on its first page (34 ms of a cold build), and new ones on most later
pages, since the glyph arrays of a font subset are named with their length
(`hb_codepoint_t[57]`).

`prepare(ffi)` lets `ffi` answer the simple strings itself: a declared type name or a
primitive, then pointers (`*`), then at most one array (`[]`, `[N]`), built from cffi's own
model of the declarations, as its parser would build them (the same type objects). Anything
else is left to cffi, as before. It reads cffi's internals (its declarations and its cache of
parsed types; cffi < 3 in pyproject.toml).
"""

from __future__ import annotations

import re
from typing import Any

_SIMPLE = re.compile(r"\s*([A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)\s*((?:\*\s*)*)"
                     r"(?:\[\s*(\d*)\s*\])?\s*")


class _ParsedTypes(dict):
    """cffi's cache of parsed type strings, which works out the simple ones it lacks."""

    def __init__(self, ffi: Any, parsed: dict) -> None:
        super().__init__(parsed)
        self._ffi = ffi

    def __missing__(self, cdecl: Any) -> tuple:
        type_ = _model_type(self._ffi, cdecl)
        if type_ is None:
            raise KeyError(cdecl)  # cffi parses it
        with self._ffi._lock:  # as cffi holds it: its type cache expects it held
            result = (self._ffi._get_cached_btype(type_), False)
        self[cdecl] = result
        return result


def _model_type(ffi: Any, cdecl: Any) -> Any:
    from cffi import model

    match = _SIMPLE.fullmatch(cdecl) if isinstance(cdecl, str) else None
    if match is None:
        return None
    name = " ".join(match[1].split())
    declared = ffi._parser._declarations.get(f"typedef {name}")
    if declared is not None:
        type_ = declared[0]
    elif name in model.PrimitiveType.ALL_PRIMITIVE_TYPES:
        type_ = model.PrimitiveType(name)
    else:
        return None
    for _ in range(match[2].count("*")):
        type_ = model.PointerType(type_)
    if match[3] is not None:
        type_ = model.ArrayType(type_, int(match[3]) if match[3] else None)
    if type_.is_raw_function:
        return None
    return type_


def prepare(ffi: Any) -> bool:
    """Let `ffi` find simple type strings without parsing; False if this cffi differs."""
    try:
        parsed, _ = ffi._parsed_types, ffi._parser._declarations
        if not isinstance(parsed, _ParsedTypes):
            ffi._parsed_types = _ParsedTypes(ffi, parsed)
    except AttributeError:  # another cffi: it parses every string, as before
        return False
    return True
