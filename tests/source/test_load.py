import time

import pytest
import yaml
from helpers import ROOT, write

from briefing_builder.source.load import MAX_FILE_BYTES, load_yaml


def codes(problems):
    return [(p.position.line, p.position.column, p.code) for p in problems]


def test_positions_of_values_and_keys(tmp_path):
    path = write(tmp_path, "b.yaml", "title: T\nconcerns:\n  - one\n  - two\n")
    document, problems = load_yaml(path)
    assert problems == []
    assert document.data == {"title": "T", "concerns": ["one", "two"]}
    assert (document.position(("concerns", 1)).line, document.position(("concerns", 1)).column) \
        == (4, 5)
    assert document.position(("concerns",), of_key=True).line == 2


def test_locate_finds_words_inside_a_value(tmp_path):
    path = write(tmp_path, "b.yaml", "background: >\n  first line\n  then the words here\n")
    document, _ = load_yaml(path)
    position = document.locate(("background",), "words")
    assert (position.line, position.column) == (3, 12)


def test_dates_stay_text_for_the_schema(tmp_path):
    document, _ = load_yaml(write(tmp_path, "b.yaml", "published: 2021-02-30\n"))
    assert document.data == {"published": "2021-02-30"}


def test_broken_yaml_points_at_the_problem(tmp_path):
    path = write(tmp_path, "b.yaml", "title: T\nconcerns: [one, two\nquestions: []\n")
    document, problems = load_yaml(path)
    assert document is None
    assert codes(problems) == [(2, 11, "yaml-syntax")]  # the '[' never closed


def test_object_tags_are_refused(tmp_path):
    path = write(tmp_path, "b.yaml", "title: !!python/object/apply:os.system ['echo hi']\n")
    document, problems = load_yaml(path)
    assert document is None
    assert codes(problems) == [(1, 8, "yaml-tag")]


def test_alias_bomb_is_refused_fast(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    path = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    started = time.perf_counter()
    document, problems = load_yaml(path)
    assert time.perf_counter() - started < 5  # a bound on a hang, not a benchmark
    assert document is None
    assert [p.code for p in problems] == ["yaml-limit"]
    assert "more than 20,000 values" in problems[0].message


def test_deep_nesting_is_refused(tmp_path):
    path = write(tmp_path, "deep.yaml", "title: " + "[" * 100 + "]" * 100 + "\n")
    document, problems = load_yaml(path)
    assert document is None
    assert [p.code for p in problems] == ["yaml-limit"]


def test_duplicate_keys_are_errors(tmp_path):
    path = write(tmp_path, "b.yaml", "title: A\nsubject: S\ntitle: B\n")
    document, problems = load_yaml(path)
    assert document is None
    assert codes(problems) == [(3, 1, "duplicate-key")]
    assert "first on line 1" in problems[0].message


def test_unreadable_inputs_are_problems(tmp_path):
    # The file as a whole: no line and column (0, 0), printed as `PATH: error: …`.
    assert codes(load_yaml(tmp_path / "missing.yaml")[1]) == [(0, 0, "file-not-found")]
    assert codes(load_yaml(tmp_path)[1]) == [(0, 0, "file-unreadable")]
    empty = write(tmp_path, "empty.yaml", "# nothing yet\n")
    assert codes(load_yaml(empty)[1]) == [(0, 0, "empty-file")]
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("title: ok\nsubject: caf\xe9\n".encode("latin-1"))
    assert codes(load_yaml(latin1)[1]) == [(2, 13, "encoding")]
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"title: " + b"x" * MAX_FILE_BYTES + b"\n")
    assert codes(load_yaml(huge)[1]) == [(0, 0, "file-too-large")]


def test_what_the_long_fuzz_run_found_is_reported_not_raised(tmp_path):
    path = write(tmp_path, "a.yaml", 'title: "x\\U10001000"\n')
    document, problems = load_yaml(path)
    assert document is None
    assert [p.format() for p in problems] == [
        f"{path}:1:12: error: an escape code in double quotes names no character (write "
        "the character itself) [yaml-syntax]"]
    path = write(tmp_path, "b.yaml", "title: ok\nbackground: a\x1fb\n")
    document, problems = load_yaml(path)
    assert [p.format() for p in problems] == [
        f"{path}:2:14: error: a control character (U+001F) cannot appear in a YAML file "
        "(delete it) [yaml-syntax]"]


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_libyaml_and_pyyaml_give_the_same_document(monkeypatch):
    """Sources are composed by libyaml when it is there; the data and every position must
    be what the pure-Python composer gives."""
    import briefing_builder.source.load as source

    files = [*sorted((ROOT / "briefings").rglob("*.yaml")), ROOT / "tests" / "integration" / "hostile.yaml"]
    for path in files:
        fast, fast_problems = load_yaml(path)
        with monkeypatch.context() as patch:
            patch.setattr(source, "_composed_by_libyaml", lambda text: None)
            slow, slow_problems = load_yaml(path)
        assert fast.data == slow.data, path
        assert fast_problems == slow_problems, path
        for key, node in slow.nodes.items():
            assert (fast.position(key), fast.nodes[key].end_mark.index) == \
                (slow.position(key), node.end_mark.index), (path, key)
        assert fast.key_nodes.keys() == slow.key_nodes.keys()
    assert type(source._composed_by_libyaml(files[0].read_text("utf-8")).start_mark) is not \
        type(slow.nodes[()].start_mark)  # the fast path was the one taken


def test_a_named_pipe_is_refused_at_once_never_waited_on(tmp_path):
    """`briefing check` on a FIFO: nobody writes to it, and nothing waits for them to."""
    import os
    import subprocess
    import sys

    from helpers import ROOT

    fifo = tmp_path / "a.yaml"
    os.mkfifo(fifo)
    for command in ("check", "build"):
        run = subprocess.run([sys.executable, "-m", "briefing_builder", command, str(fifo),
                              *(["-o", str(tmp_path / "out")] if command == "build" else [])],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert run.stdout == f"{fifo}: error: cannot read the file: this is a named pipe " \
            "(FIFO), not a file [file-unreadable]\n"
