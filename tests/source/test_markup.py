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
