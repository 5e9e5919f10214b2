"""WeasyPrint's C type strings found without parsing C, as the very types cffi would parse."""

from __future__ import annotations

import pytest

from briefing_builder.render.ctypes_cache import prepare
from briefing_builder.render.engine import ffi

# The strings WeasyPrint 70 names on the way to a PDF, and sized arrays as a subset names them.
SIMPLE = ["PangoRectangle *", "PangoLogAttr[]", "PangoFcFontMap *", "FcChar8 **", "FcResult *",
          "unsigned int *", "uintptr_t", "char[]", "char[4]", "hb_tag_t[100]",
          "hb_codepoint_t[57]", "hb_codepoint_t[ 2026 ]", "unsigned  int*"]


def parsed_by_cffi(cdecl: str):
    with ffi._lock:
        return ffi._get_cached_btype(ffi._parser.parse_type(cdecl))


@pytest.mark.parametrize("cdecl", SIMPLE)
def test_a_simple_string_is_the_type_cffi_parses(cdecl):
    assert ffi.typeof(cdecl) is parsed_by_cffi(cdecl)


def test_simple_strings_are_found_without_the_c_parser(monkeypatch):
    assert type(ffi._parsed_types).__name__ == "_ParsedTypes"  # prepared by the engine
    assert prepare(ffi)  # and again is harmless

    def no_parsing(cdecl):
        raise AssertionError(f"parsed {cdecl!r}")

    monkeypatch.setattr(ffi._parser, "parse_type_and_quals", no_parsing)
    for length in (3, 61, 777):
        array = ffi.new(f"hb_codepoint_t[{length}]", list(range(length)))
        assert len(array) == length and array[length - 1] == length - 1
    rectangle = ffi.new("PangoRectangle *")
    assert (rectangle.x, rectangle.width) == (0, 0)


def test_other_strings_are_still_parsed_by_cffi():
    pointer_to_function = ffi.typeof("int(*)(int, int)")
    assert pointer_to_function.kind == "function"
    assert ffi.typeof("const char *") is parsed_by_cffi("const char *")
    with pytest.raises(Exception):
        ffi.typeof("NoSuchType *")
