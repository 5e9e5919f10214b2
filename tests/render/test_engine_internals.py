"""Every part of WeasyPrint's insides the builder relies on, named in one place: an upgrade
that moves one fails here, by name, before it fails anywhere else. (pyproject allows
weasyprint>=70,<71 for this reason.)"""

from __future__ import annotations

import inspect

from helpers import EMILY

from briefing_builder.fit.fit import Fitter, fit
from briefing_builder.pipeline import check_one
from briefing_builder.render.house import HouseStyle
from briefing_builder.settings import Settings


def test_the_modules_and_names_imported_from_the_engine_are_there():
    from weasyprint import CSS, HTML, Attachment, __version__  # noqa: F401
    from weasyprint.formatting_structure.boxes import LineBox, TextBox  # noqa: F401
    from weasyprint.text import ffi as libraries
    from weasyprint.text.ffi import ffi
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: F401

    assert callable(ffi.cast)  # predict.py hands WeasyPrint's font map to its own Pango
    for library in ("gobject", "pango", "harfbuzz", "fontconfig", "pangoft2"):
        assert getattr(libraries, library) is not None, library
    assert "font_map" in inspect.getsource(FontConfiguration.__init__)
    assert int(__version__.split(".")[0]) == 70


def test_the_document_parts_the_builder_reads_and_sets_are_there():
    from weasyprint import HTML

    # BriefingPage stands in for HTML.__init__ (reading XHTML with expat) and gives its own
    # element defaults through _ua_stylesheets.
    assert "forms" in inspect.signature(HTML._ua_stylesheets).parameters
    source = inspect.getsource(HTML.__init__)
    for attribute in ("base_url", "url_fetcher", "media_type", "wrapper_element",
                      "etree_element"):
        assert f"self.{attribute}" in source, attribute
    from weasyprint.document import Document

    for option in ("zoom", "pdf_variant", "pdf_identifier", "attachments"):
        assert option in inspect.signature(Document.write_pdf).parameters or \
            "options" in inspect.signature(Document.write_pdf).parameters, option


def test_the_laid_out_boxes_the_fitting_stage_measures_have_what_it_reads():
    from weasyprint.formatting_structure.boxes import LineBox

    house = HouseStyle(Settings().styles_dir())
    fitting = fit(check_one(EMILY).briefing, Fitter(house))
    page = fitting.rendering.document.pages[0]
    root = page._page_box
    seen_line = seen_element = False
    stack = [root]
    while stack:
        box = stack.pop()
        box = getattr(box, "_box", box)  # an absolutely placed box's placeholder
        for name in ("position_y", "height", "width", "style"):
            assert hasattr(box, name), (type(box).__name__, name)
        assert callable(box.margin_width) and callable(box.border_height)
        assert callable(box.content_box_y)
        seen_line |= isinstance(box, LineBox)
        if getattr(box, "element", None) is not None:
            seen_element = True
            assert hasattr(box, "element_tag")
        stack.extend(getattr(box, "children", None) or ())
    assert seen_line and seen_element
    assert fitting.rendering.document.pages[0].bookmarks is not None


def test_the_engine_makes_span_elements_in_the_order_render_languages_walks_them():
    """render/languages.py tags parts in another language through write_pdf's finisher,
    pairing the Span elements with the span boxes depth first, page by page."""
    from weasyprint import Document
    from weasyprint.pdf import tags

    assert "finisher" in inspect.signature(Document.write_pdf).parameters
    source = inspect.getsource(tags)
    assert "elif tag == 'span':\n        return 'Span'" in source
    assert source.count("['Lang'] =") == 1  # the catalog's only: no /Lang on elements
    assert "child.children if isinstance(child, boxes.LineBox) else [child]" in source
    assert "box = box._box" in source  # an AbsolutePlaceholder stands for its box


def test_what_mending_the_tags_reads_and_sets_is_there():
    """render/tags.py is WeasyPrint's finisher: it reads the boxes of the laid-out pages
    (each link's annotation on its box) and changes the pydyf objects about to be written;
    the house style's @counter-style rules reach the layout through its CounterStyle."""
    import pydyf
    from weasyprint import CSS, HTML
    from weasyprint.css.counters import CounterStyle
    from weasyprint.document import Document
    from weasyprint.formatting_structure.boxes import Box

    assert "finisher" in inspect.signature(Document.write_pdf).parameters
    assert "counter_style" in inspect.signature(CSS.__init__).parameters
    assert "counter_style" in inspect.signature(HTML.render).parameters
    assert callable(CounterStyle)
    assert Box.link_annotation is None and Box.widget_annotation is None
    assert "placeholders" in inspect.signature(Box.descendants).parameters
    made = pydyf.PDF()
    element = pydyf.Dictionary({"S": "/Link"})
    made.add_object(element)
    assert made.objects[element.number] is element
    assert element.reference == f"{element.number} 0 R".encode()
    from weasyprint.pdf import tags

    source = inspect.getsource(tags)  # the shapes of the tags that are mended
    assert "elif tag == 'li::marker':\n        return 'Lbl'" in source
    assert "if box.link_annotation:" in source  # a Link element for each box of a link
    assert "annotation['StructParent'] = i" in source
    assert "content_mapping['Nums']" in source
