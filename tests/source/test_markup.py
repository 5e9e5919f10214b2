from briefing_builder.source.markup import inline, links


def test_bold_italic_and_links():
    html = inline("**Was not brought**, *not* [procedures](https://example.org/p)")
    assert html == ('<strong>Was not brought</strong>, <em>not</em> '
                    '<a href="https://example.org/p">procedures</a>')


def test_raw_html_is_printed_as_text():
    html = inline('<img src="file:///nowhere/secret"> <link rel=attachment href=x> & <b>')
    assert "<img" not in html and "<link" not in html and "<b>" not in html
    assert "&lt;img src=&#34;file:///nowhere/secret&#34;&gt;" in html or \
        "&lt;img src=&quot;file:///nowhere/secret&quot;&gt;" in html
    assert "&amp;" in html


def test_unsafe_links_stay_text_but_are_found():
    text = "[x](javascript:alert(1)) [y](file:///nowhere/key) ![z](https://example.org/i.png)"
    html = inline(text)
    # Image syntax is not part of the subset: at most a plain web link remains.
    assert "<img" not in html and "javascript:" not in html.split("[x]")[0]
    assert 'href="javascript' not in html and 'href="file' not in html
    assert list(links(text)) == ["javascript:alert(1)", "file:///nowhere/key",
                                 "https://example.org/i.png"]


def test_text_without_marks_reads_as_the_parser_reads_it():
    """Text with none of the characters a Markdown rule starts at is not parsed: its HTML,
    its words and its links are what the parser would have made of it."""
    import random

    from helpers import ROOT

    from briefing_builder.source import markup

    def parsed_plain(text):
        words = [child.content if child.type in ("text", "code_inline") else " "
                 for token in markup._render.parseInline(text) for child in token.children
                 if child.type in ("text", "code_inline", "softbreak", "hardbreak")]
        return " ".join("".join(words).split())

    written = [line for path in sorted((ROOT / "briefings").glob("*.yaml")) +
               sorted((ROOT / "tests/checks/bulletins").glob("*.txt"))
               for line in path.read_text("utf-8").splitlines()]
    alphabet = "ab Z1.,;:!?&\"'<>()[]{}*_`~#=+-/\\|@$%^\t\n\r\0\u00a0\u2028é“”–…"
    rng = random.Random(11)
    texts = written + ["Cefndir {lang=cy}", "words{.note}", "[Cefndir]{lang=cy}",
                       "`code`{lang=cy}", "<https://example.org>{lang=cy}"] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    unmarked = [text for text in texts if markup._MARKS.isdisjoint(text)]
    assert len(unmarked) > 500
    for text in texts:
        assert markup.inline(text) == markup._render.renderInline(text).strip(), repr(text)
        assert markup.plain(text) == parsed_plain(text), repr(text)
        assert list(markup.links(text)) == [
            child.attrs["href"] for token in markup._find.parseInline(text)
            for child in token.children if child.type == "link_open"], repr(text)
        if not {"[", "`", "<"} & set(text):  # no part in another language, and none found
            assert markup.language_parts(text) == []
            assert not {"span_open", "link_open", "code_inline"} & {
                child.type for token in markup._find.parseInline(text)
                for child in token.children}, repr(text)
