"""The built page, read back from the PDF as a reader would check it."""


import pytest
from helpers import (
    EMILY,
    HEADINGS,
    ROOT,
    embedded_fonts,
    heading_places,
    link_targets,
    minimal,
    normalise,
    page_size_mm,
    panel_text,
    picture,
    runs,
    write,
)
from pypdf import PdfReader

from briefing_builder import build
from briefing_builder.render.fetcher import StylesFetcher
from briefing_builder.settings import Settings, load_settings


@pytest.fixture(scope="module")
def emily(emily_pdf):
    return PdfReader(emily_pdf)


def test_one_a4_landscape_page_of_panels_and_a_recommendations_page(emily):
    assert len(emily.pages) == 2
    assert [page_size_mm(p) for p in emily.pages] == [(297.0, 210.0), (297.0, 210.0)]


def test_every_panel_shows_its_number_heading_and_content_in_its_place(emily):
    import yaml
    source = yaml.safe_load(EMILY.read_text("utf-8"))
    text = panel_text(emily.pages[0])
    for number, heading in HEADINGS.items():
        assert normalise(text[number]).startswith(f"{number} {heading}"), number
    assert "Emily was the sixth child" in text[1]
    for field, number in (("information", 4), ("questions", 6), ("what_to_do", 7)):
        for point in source[field]:
            assert normalise(point) in normalise(text[number]), (field, point)
    for resource in source["resources"]:
        assert normalise(resource["title"]) in normalise(text[5])
    places = heading_places(emily.pages[0])  # the clock face: left, right, centre
    left, right = [places[n] for n in (1, 7, 6)], [places[n] for n in (2, 3, 4)]
    assert all(x < 20 for x, _ in left) and all(x > 185 for x, _ in right)
    assert [y for _, y in left] == sorted(y for _, y in left)
    assert [y for _, y in right] == sorted(y for _, y in right)
    assert 110 < places[5][0] < 185 and places[5][1] > 110


def test_concerns_split_across_panels_two_and_three(emily):
    import yaml
    concerns = [normalise(c) for c in yaml.safe_load(EMILY.read_text("utf-8"))["concerns"]]
    text = panel_text(emily.pages[0])
    in_two = [c for c in concerns if c in normalise(text[2])]
    in_three = [c for c in concerns if c in normalise(text[3])]
    assert in_two + in_three == concerns
    assert in_two and in_three


def test_reading_order_is_title_then_panels_one_to_seven(emily):
    text = normalise(emily.pages[0].extract_text())
    places = [text.index("Learning from Practice Review")]
    places += [text.index(f"{n} {HEADINGS[n]}") for n in range(1, 8)]
    assert places == sorted(places)


def test_nothing_is_drawn_outside_the_printable_area(emily):
    for page in emily.pages:
        for run in runs(page):
            assert 5 <= run.left <= 292 and 5 <= run.top <= 205, run


def test_recommendations_are_numbered_on_page_two(emily):
    text = normalise(emily.pages[1].extract_text())
    assert "Learning from Practice Review – “EMILY”" in text
    assert "Recommendations from the review" in text
    assert "1. All key professionals and agencies attend Child Protection Conferences." in text
    assert "9. Health professionals who become aware" in text


def test_fonts_are_the_named_ones_and_embedded(emily):
    fonts = embedded_fonts(emily)
    assert fonts and all(fonts.values())
    assert all("Liberation-Sans" in name for name in fonts), fonts


def test_metadata(emily):
    info = emily.metadata
    assert info.title == "Learning from Practice Review – “EMILY”"
    assert info.author == "Bradford Safeguarding Children Partnership"
    assert info.subject == "7-minute briefing. Child Safeguarding Practice Review: EMILY"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20210701"
    assert emily.trailer["/Root"]["/Lang"] == "en-GB"


def test_links_are_clickable(emily):
    targets = link_targets(emily.pages[0])
    assert "https://bradfordscp.org.uk/" in targets
    assert set(targets) == {"https://bradfordscp.org.uk/",
                            "https://www.proceduresonline.com/westyorkscb/"}


def test_same_source_same_bytes(tmp_path, emily_pdf):
    [again] = build([EMILY], tmp_path, force=True, settings=load_settings(ROOT))
    assert again.output.read_bytes() == emily_pdf.read_bytes()


def outline(items, depth: int = 0) -> list[tuple[int, str]]:
    """The PDF's outline as (depth, title), in order."""
    found = []
    for item in items:
        found += outline(item, depth + 1) if isinstance(item, list) else [(depth, item.title)]
    return found


def test_the_element_defaults_draw_the_page_the_full_html_defaults_draw(tmp_path):
    """styles/user-agent.css stands in for WeasyPrint's stylesheet for all of HTML; the
    page, its outline and its tags must not change with it."""
    from briefing_builder.fit.fit import Fitter, fit
    from briefing_builder.pipeline import check_one
    from briefing_builder.render.house import HouseStyle

    text = EMILY.read_text("utf-8").replace(
        "lived with her mother", "lived with **her mother** and *grandmother* (`code`)", 1)
    briefing = check_one(write(tmp_path, "markup.yaml", text)).briefing
    house = HouseStyle(ROOT / "styles")
    assert house.user_agent is not None
    pdfs = {}
    for name, defaults in (("ours", house.user_agent), ("weasyprint", None)):
        house.user_agent = defaults
        fitting = fit(briefing, Fitter(house))
        pdfs[name] = tmp_path / f"{name}.pdf"
        pdfs[name].write_bytes(fitting.rendering.pdf())
    ours, full = (PdfReader(pdfs[name]) for name in ("ours", "weasyprint"))
    assert len(ours.pages) == len(full.pages) == 2
    assert outline(ours.outline) == outline(full.outline)
    assert len(outline(ours.outline)) == 9  # the title, the seven panels, page 2
    for page in range(2):
        assert picture(pdfs["ours"], page, dpi=150).tobytes() == \
            picture(pdfs["weasyprint"], page, dpi=150).tobytes(), page
    assert ours.trailer["/Root"]["/StructTreeRoot"].keys() == \
        full.trailer["/Root"]["/StructTreeRoot"].keys()


def test_the_element_defaults_draw_a_bulletin_contents_page_the_same_too(tmp_path, monkeypatch):
    """The bundle's contents page is laid out with styles/user-agent.css as well."""
    from datetime import date

    import tinyhtml5

    from briefing_builder.publish.bundle import Edition, both, contents_html
    from briefing_builder.render.house import HouseStyle
    from briefing_builder.render.html import LANG
    from briefing_builder.render.pdf import lay_out

    monkeypatch.setattr(tinyhtml5, "parse", lambda *a, **k: pytest.fail("not read as XHTML"))
    edition = Edition((LANG,), ("Practice and Learning Bulletin – July 2021",), "2021-07",
                      date(2021, 7, 1))
    entries = [{"title": both([(LANG, "Learning from Practice Review – “EMILY”")], LANG,
                              "#entry-0"), "kind": "7-minute briefing", "page": 1},
               {"title": both([(LANG, "Neglect strategy")], LANG, "#entry-1"), "kind": "PDF",
                "page": 3}]
    html = contents_html(edition, entries)
    pictures = []
    for ours in (True, False):
        house = HouseStyle(ROOT / "styles", ("contents.css",))
        assert house.user_agent is not None
        if not ours:
            house.user_agent = None
        pdf = tmp_path / f"contents-{ours}.pdf"
        pdf.write_bytes(lay_out(html, house).pdf())
        pictures.append(picture(pdf).tobytes())
    assert pictures[0] == pictures[1]


def test_pages_are_read_as_xhtml_and_anything_else_as_html(tmp_path, monkeypatch):
    """The page the templates write is read by expat; text expat refuses is still read,
    by WeasyPrint's HTML parser, and laid out the same."""
    import tinyhtml5

    from briefing_builder.fit.fit import Fitter, fit
    from briefing_builder.pipeline import check_one
    from briefing_builder.render.house import HouseStyle
    from briefing_builder.render.html import briefing_html, final_sheet
    from briefing_builder.render.pdf import lay_out

    html_parsed = []
    parse = tinyhtml5.parse
    monkeypatch.setattr(tinyhtml5, "parse", lambda *a, **k: html_parsed.append(1) or parse(*a, **k))
    house = HouseStyle(ROOT / "styles")
    briefing = check_one(EMILY).briefing
    fitting = fit(briefing, Fitter(house))
    assert html_parsed == []
    page = briefing_html(briefing, final_sheet(briefing, fitting.text_size, fitting.cut,
                                               fitting.geometry))
    as_html = lay_out(page.replace('<meta charset="utf-8" />', '<meta charset="utf-8">'),
                      house)  # a void element written as HTML, not XHTML
    assert html_parsed == [1]
    pdfs = {}
    for name, rendering in (("xhtml", fitting.rendering), ("html", as_html)):
        pdfs[name] = tmp_path / f"{name}.pdf"
        pdfs[name].write_bytes(rendering.pdf())
    for page_number in range(2):
        assert picture(pdfs["xhtml"], page_number).tobytes() == \
            picture(pdfs["html"], page_number).tobytes()


def test_short_briefing_without_recommendations_is_one_page(tmp_path):
    path = write(tmp_path, "alex.yaml", minimal())
    [result] = build([path], tmp_path / "out", settings=Settings())
    reader = PdfReader(result.output)
    assert len(reader.pages) == 1
    assert "Recommendations" not in reader.pages[0].extract_text()


def test_hostile_text_is_printed_not_obeyed(tmp_path):
    hostile = ('<img src="file:///nowhere/secret"> <link rel=attachment href="file:///nowhere/key">'
               ' <style>@page{size:A5}</style> <a href="javascript:alert(1)">x</a>')
    path = write(tmp_path, "hostile.yaml", minimal(background=hostile, title="<b>T</b>"))
    [result] = build([path], tmp_path / "out", settings=Settings())
    assert result.status == "built", [p.format() for p in result.problems]
    reader = PdfReader(result.output)
    assert page_size_mm(reader.pages[0]) == (297.0, 210.0)
    text = normalise(reader.pages[0].extract_text())
    assert '<img src="file:///nowhere/secret">' in text and "<b>T</b>" in text
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))
    assert "javascript:alert(1)" not in link_targets(reader.pages[0])


def test_fetcher_serves_only_the_house_style(tmp_path):
    styles = Settings().styles_dir()
    fetcher = StylesFetcher([styles])
    assert fetcher.fetch((styles / "briefing.css").as_uri()).read().startswith(b"/*")
    for url in ("file:///nowhere/key", "https://example.org/x.css",
                (styles / ".." / ".." / "pyproject.toml").as_uri(), "data:text/css,x{}"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4
