"""YAML syntax mistakes: each in plain words at the line of the mistake, with the line as
written and as it should be, and every one a file has in one run."""

import pytest
from helpers import write

from briefing_builder.source.load import load_yaml

GOOD = "title: T\nbackground: B\n"


def mistakes(tmp_path, text):
    """Each problem as (line, column, message (fix), the line rewritten)."""
    document, problems = load_yaml(write(tmp_path, "b.yaml", text))
    assert document is None
    assert {p.code for p in problems} == {"yaml-syntax"}
    return [(p.position.line, p.position.column,
             f"{p.message} ({p.suggestion})" if p.suggestion else p.message, p.fix)
            for p in problems]


QUOTE = "put the whole text in quotes"
COLON = "': ' inside text makes YAML read the words before it as a field name"
CASES = [
    ("a Tab", "concerns:\n\t- one\n",
     (2, 1, "a Tab is used to indent this line (indent with spaces)", "  - one")),
    ("': ' in a field's text", "title: Note: the meeting\n",
     (1, 12, f"{COLON} ({QUOTE})", 'title: "Note: the meeting"')),
    ("': ' twice in an item", "concerns:\n  - Note: see: this\n",
     (2, 9, f"{COLON} ({QUOTE})", '  - "Note: see: this"')),
    ("an item starting with a quote", 'concerns:\n  - "Think family" is the way\n',
     (2, 20, "the text starts with a quote, so YAML reads only the quoted words and cannot "
      f"read the rest ({QUOTE})", "  - '\"Think family\" is the way'")),
    ("*", "concerns:\n  - *note this\n",
     (2, 5, f"text cannot start with '*' in YAML (it names an alias) ({QUOTE})",
      '  - "*note this"')),
    ("* as a bullet", "concerns:\n  - * the school\n",
     (2, 5, "'*' at the start of an item looks like a bullet typed by hand, and YAML cannot "
      "read it (delete it: every item is printed with its own bullet)", "  - the school")),
    ("**bold** then ': '", "concerns:\n  - **Think family**: ask\n",
     (2, 21, f"{COLON} ({QUOTE})", '  - "**Think family**: ask"')),
    ("[ then words", "title: [Draft] review\n",
     (1, 16, "text that starts with '[' is read by YAML as a list, and the words after ']' "
      f"cannot be read ({QUOTE})", 'title: "[Draft] review"')),
    ("@", "concerns:\n  - @home visits\n",
     (2, 5, f"text cannot start with '@' in YAML (the character is reserved) ({QUOTE})",
      '  - "@home visits"')),
    ("`", "concerns:\n  - `code` words\n",
     (2, 5, f"text cannot start with '`' in YAML (the character is reserved) ({QUOTE})",
      '  - "`code` words"')),
    ("&", "concerns:\n  - & more\n",
     (2, 5, f"text cannot start with '&' in YAML (it names an anchor) ({QUOTE})",
      '  - "& more"')),
    (">", "concerns:\n  - > more than we knew\n",
     (2, 5, "'>' at the start of a text tells YAML that the text starts on the next line "
      f"({QUOTE})", '  - "> more than we knew"')),
    ("|", "concerns:\n  - | a | b\n",
     (2, 5, "'|' at the start of a text tells YAML that the text starts on the next line "
      f"({QUOTE})", '  - "| a | b"')),
    ("#", "concerns:\n  - #MARM meetings\n",
     (2, 5, f"YAML reads everything from '#' as a comment, so this is left empty ({QUOTE})",
      '  - "#MARM meetings"')),
    ("!", "concerns:\n  - !Important: read\n",
     (2, 5, f"text cannot start with '!' in YAML (it names a type of value) ({QUOTE})",
      '  - "!Important: read"')),
    ("a missing colon", "title: T\nsubject EMILY\n",
     (2, 8, "there is no ':' after 'subject' (write ':' after the field name)",
      "subject: EMILY")),
    ("a missing colon before a list", "title: T\nconcerns\n  - one\n",
     (2, 9, "there is no ':' after 'concerns' (write ':' after the field name)", "concerns:")),
    ("no space after the colon", "title:Review\n",
     (1, 6, "'title:' needs a space after the ':' (write a space after the ':')",
      "title: Review")),
    ("text that lost its indent", "background: Alex was nine and\nlived with his father.\n",
     (2, 1, "this line is not a field ('name: …') or an item ('- …'), and not indented "
      "under the text above it (indent it to continue the text above it, or make it a field)",
      "  lived with his father.")),
    ("an item without its '- '", "concerns:\n  - one\n  two\n",
     (3, 3, "this line is not a field ('name: …') or an item ('- …'), and not indented "
      "under the text above it (start it with '- ' to make it an item, or indent it to "
      "continue the item above)", "  - two")),
    ("a field indented under text", "title: T\n subject: S\n",
     (2, 2, "'subject:' is indented more than the line above it, so YAML reads it as more "
      "of the text above (start it in the same column as the field above)", "subject: S")),
    ("a quote never closed", 'title: "Learning from\nsubject: S\n',
     (1, 8, 'the quote that opens this text is never closed (end it with " on the same '
      'line)', 'title: "Learning from"')),
    ("a bracket never closed", "pseudonyms: [Alex, Sam\nsubject: S\n",
     (1, 13, "the '[' that opens this list is never closed (end it with ] on the same line)",
      "pseudonyms: [Alex, Sam]")),
    ("a comment between lines of text", "background: Alex\n# note\n  was nine\n",
     (3, 3, "a comment line (starting with '#') ends the text above, so this line cannot "
      "continue it (move the comment above the field, or delete it)", None)),
]


@pytest.mark.parametrize("text, expected", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_each_mistake_in_plain_words_at_its_line(tmp_path, text, expected):
    assert mistakes(tmp_path, text) == [expected]


def test_the_line_as_written_the_caret_and_the_fix_go_with_the_problem(tmp_path):
    path = write(tmp_path, "b.yaml", "title: T\nconcerns:\n\t- one\n")
    [problem] = load_yaml(path)[1]
    assert problem.format() == f"{path}:3:1: error: a Tab is used to indent this line " \
        "(indent with spaces) [yaml-syntax]"
    assert (problem.source, problem.caret, problem.fix) == ("\t- one", "^", "  - one")
    assert problem.as_dict() | {"path": "b.yaml"} == {
        "path": "b.yaml", "line": 3, "column": 1, "severity": "error", "code": "yaml-syntax",
        "message": "a Tab is used to indent this line", "suggestion": "indent with spaces",
        "source": "\t- one", "caret": "^", "fix": "  - one"}
    path = write(tmp_path, "c.yaml", "title: T\nsubject EMILY\n")
    [problem] = load_yaml(path)[1]
    assert (problem.source, problem.caret) == ("subject EMILY", "       ^")


def test_every_mistake_in_a_file_in_one_run(tmp_path):
    text = ('title: Review – "ALEX"\n'
            "subject ALEX\n"
            "concerns:\n"
            "\t- The school did not know.\n"
            "  - Note: this: was missed\n"
            '  - "Think family" was not used\n'
            "  - @home visits\n"
            "questions: [one, two\n")
    found = [(line, column) for line, column, *_ in mistakes(tmp_path, text)]
    assert found == [(2, 8), (4, 1), (5, 9), (6, 20), (7, 5), (8, 12)]


def test_what_the_parser_finds_beyond_the_known_mistakes_is_reported_too(tmp_path):
    text = "title: T\nconcerns:\n\t- one\nsource:\n    title: X\n  url: https://a.org\n"
    assert mistakes(tmp_path, text) == [
        (3, 1, "a Tab is used to indent this line (indent with spaces)", "  - one"),
        (6, 3, "this line is not lined up with the lines above it (indent it as far as the "
         "other fields or items it belongs with)", None)]


@pytest.mark.parametrize("item, printed", [
    ("*Think family* was not used", "*Think family* was not used"),
    ("**Think family** was not used", "**Think family** was not used"),
    ("*italics* only", "*italics* only"),
    ("[NSPCC](https://www.nspcc.org.uk) guidance", "[NSPCC](https://www.nspcc.org.uk) guidance"),
    ("[NSPCC guidance](https://www.nspcc.org.uk)", "[NSPCC guidance](https://www.nspcc.org.uk)"),
])
def test_markdown_at_the_start_of_an_item_is_read_as_written(tmp_path, item, printed):
    text = GOOD + f"concerns:\n  - {item}\n  - Second.\n"
    document, problems = load_yaml(write(tmp_path, "b.yaml", text))
    assert problems == []
    assert document.data["concerns"] == [printed, "Second."]
    assert document.position(("concerns", 0)).column == 5


def test_valid_yaml_of_every_kind_has_no_mistakes(tmp_path):
    text = ("title: 'It''s a title: quoted'\n"
            'subject: "A \\"quote\\""\n'
            "pseudonyms: [Alex, 'Sam: S']\n"
            "source: {title: Report, url: 'https://a.org/x'}\n"
            "background: |\n"
            "  Alex was nine.\n"
            "\tA line with a Tab in the text\n"
            "  - a bullet: with a colon\n"
            "\n"
            "  # not a comment here\n"
            "information: >-\n"
            "  folded\n"
            "  text\n"
            "concerns:\n"
            "  - first item\n"
            "    continued\n"
            "  -\tafter a Tab\n"
            "  - \"quoted over\n"
            "    two lines\"\n"
            "  - [a, b]\n"
            "what_to_do:\n"
            "  Plain text on the\n"
            "  next lines\n"
            "questions:  # a comment\n"
            "  - Why?  # another\n")
    document, problems = load_yaml(write(tmp_path, "b.yaml", text.replace("\tA line",
                                                                          "  \tA line")))
    assert problems == []
    assert document.data["concerns"][:3] == ["first item continued", "after a Tab",
                                             "quoted over two lines"]
    assert document.data["what_to_do"] == "Plain text on the next lines"


@pytest.mark.parametrize("text, expected", [
    ('title: "C:\\Users\\x"\n',
     (1, 11, "'\\' inside double quotes starts an escape code (put the text in single quotes "
      "instead, or write \\\\ for a backslash)", "title: 'C:\\Users\\x'")),
    ("source:\n    title: X\n  url: https://a.org\n",
     (3, 3, "this line is not lined up with the lines above it (indent it as far as the "
      "other fields or items it belongs with)", None)),
    ("concerns:\n  - one\n - two\n",
     (3, 2, "this line is not lined up with the lines above it (indent it as far as the "
      "other fields or items it belongs with)", None)),
    ("title: - foo\n",
     (1, 8, "a list cannot start on the same line as its field name (start each item on a "
      "line of its own, below the field name)", None)),
    ("title: a\n---\ntitle: b\n",
     (2, 1, "the file holds a second document after a line '---' (delete the '---' line)",
      None)),
    ("concerns:\n  - *undefined\n",
     (2, 5, "text cannot start with '*' in YAML (it names an alias) (put the whole text in "
      "quotes)", '  - "*undefined"')),
], ids=["backslash", "a field out of line", "an item out of line", "a list after a field",
        "two documents", "an alias"])
def test_what_only_the_parser_finds_is_in_the_same_plain_words(tmp_path, text, expected):
    assert mistakes(tmp_path, text) == [expected]

