"""The author's tools: a new briefing to start from, the schema for editors, previews, watch."""

import json
import re
import threading
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from helpers import ROOT, minimal, write
from PIL import Image

from briefing_builder.checks.characters import PLACEHOLDER
from briefing_builder.cli import main
from briefing_builder.pipeline import check_one
from briefing_builder.settings import Settings
from briefing_builder.source.model import Kind
from briefing_builder.source.new import new_briefing
from briefing_builder.source.schema import json_schema
from briefing_builder.watch import rebuild, watch


def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        f"[project]\nname = 'x'\n[tool.briefing-builder]\nstyles = '{ROOT / 'styles'}'\n")
    return tmp_path


def test_new_writes_every_field_with_guidance_that_check_refuses(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    result = CliRunner().invoke(main, ["new", "alex"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "briefings" / "alex.yaml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=briefing.schema.json\n")
    # The schema the first line names is there as soon as the file is, beside it.
    schema = tmp_path / "briefings" / "briefing.schema.json"
    assert json.loads(schema.read_text("utf-8")) == json_schema()
    data = yaml.safe_load(text)
    required = [name for name, field in
                json_schema()["properties"].items() if name in json_schema()["required"]]
    assert set(required) <= set(data)
    item = check_one(path)
    assert item.briefing is not None  # it validates: only the guidance is left to replace
    codes = [p.code for p in item.problems]
    placeholders = text.count(PLACEHOLDER) - 1  # the comment that explains the mark
    assert sorted(set(codes)) == ["example-link", "placeholder"]
    assert codes.count("placeholder") == placeholders and codes.count("example-link") == 1
    # Replace the guidance and the example link, as an author would, and it builds.
    filled = text.replace(f"{PLACEHOLDER} ", "").replace(
        "https://example.org/", "https://www.proceduresonline.com/")
    path.write_text(filled, encoding="utf-8")
    built = CliRunner().invoke(main, ["build", str(path)])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "build" / "alex.pdf").is_file()


def test_new_never_overwrites_and_names_must_be_plain(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    (tmp_path / "briefings").mkdir()
    existing = write(tmp_path / "briefings", "alex.yaml", "title: mine\n")
    result = CliRunner().invoke(main, ["new", "alex"])
    assert result.exit_code == 1
    assert result.stderr.endswith("the file already exists; it was left as it was "
                                  "[file-exists]\n")
    assert existing.read_text() == "title: mine\n"
    assert CliRunner().invoke(main, ["new", "../escape"]).exit_code == 2
    assert CliRunner().invoke(main, ["new", "Alex Smith"]).exit_code == 2
    with pytest.raises(ValueError):
        new_briefing("a/b", tmp_path)


@pytest.mark.parametrize("kind, speaks_of, never", [
    (Kind.PRACTICE_REVIEW, ["the child", "subject: SAM", "pseudonyms", "recommendations"],
     ["adult"]),
    (Kind.SAFEGUARDING_ADULT_REVIEW, ["the adult", "subject: SAM", "pseudonyms",
                                      "recommendations"], ["child"]),
    (Kind.DOMESTIC_HOMICIDE_REVIEW, ["the person who died", "subject: SAM"],
     ["child", "adult"]),
    (Kind.TOPIC, ["kind: topic", "subject: ✎ The topic"],
     ["child", "pseudonym", "source:", "recommendations", "SAM", "Review", "review"]),
])
def test_new_fits_the_kind_and_fills_in_to_a_clean_briefing(tmp_path, kind, speaks_of, never):
    path = new_briefing("sam", tmp_path, kind)
    text = path.read_text("utf-8")
    lowered = text.lower()
    assert all(words.lower() in lowered for words in speaks_of), text
    assert not [word for word in never if word in text], text
    assert {p.code for p in check_one(path).problems} == {"placeholder", "example-link"}
    path.write_text(text.replace(f"{PLACEHOLDER} ", "").replace(
        "https://example.org/", "https://www.proceduresonline.com/"), encoding="utf-8")
    item = check_one(path)
    assert item.problems == [] and item.briefing.status.value == "draft"


def test_the_schema_survives_make_clean(tmp_path, monkeypatch):
    """`make clean` removes build/; the schema editors use lives beside the briefings."""
    monkeypatch.chdir(project(tmp_path))
    assert CliRunner().invoke(main, ["new", "alex"]).exit_code == 0
    assert not (tmp_path / "build").exists()
    assert (tmp_path / "briefings" / "briefing.schema.json").is_file()
    makefile = (ROOT / "Makefile").read_text("utf-8")
    clean = makefile[makefile.index("\nclean:"):]
    assert "rm -rf $(OUTPUT)" in clean and "schema" not in clean
    assert "SCHEMAS := briefings/briefing.schema.json briefings/issues/manifest.schema.json" \
        in makefile


def briefing_validator():
    schema = json.loads(CliRunner().invoke(main, ["schema"]).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: dates stay text, true is a boolean."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers
            if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def as_editor_reads(text: str):
    """YAML as an editor's language server reads it: dates stay text."""
    return yaml.load(text, Loader=EditorLoader)


def test_the_schema_accepts_every_shipped_briefing():
    validator = briefing_validator()
    for path in sorted((ROOT / "briefings").glob("*.yaml")):
        errors = list(validator.iter_errors(as_editor_reads(path.read_text("utf-8"))))
        assert errors == [], (path, [e.message for e in errors])
    manifest = json.loads(CliRunner().invoke(main, ["schema", "--manifest"]).stdout)
    for path in sorted((ROOT / "briefings" / "issues").glob("*.yaml")):
        assert list(jsonschema.Draft202012Validator(manifest).iter_errors(
            as_editor_reads(path.read_text("utf-8")))) == []


@pytest.mark.parametrize("change, field, cli_says", [
    ({"questons": ["Typo?"]}, "questons", "'questons' is not a briefing field"),
    ({"questions": {"heading": ["a list"], "items": ["Why?"]}}, "heading",
     "Questions: heading should be text"),
    ({"what_to_do": None}, "what_to_do", 'panel 7 ("What to do") has nothing in it'),
    ({"issue": "July 2021"}, "issue", "Issue should look like 2021-07"),
    ({"kind": "serious-case-review"}, "kind", "Kind of briefing cannot be"),
])
def test_the_schema_rejects_what_check_rejects_naming_the_same_field(tmp_path, change, field,
                                                                     cli_says):
    data = minimal(**change)
    path = write(tmp_path, "a.yaml", data)
    errors = list(briefing_validator().iter_errors(as_editor_reads(path.read_text("utf-8"))))
    assert errors
    errors += [cause for e in errors for cause in e.context or ()]  # oneOf: why each failed
    named = {str(part) for e in errors for part in e.absolute_path} | {
        word for e in errors for word in re.findall(r"\w+", e.message)}
    assert field in named
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and cli_says in result.stdout


def test_preview_writes_a_picture_of_each_page(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    path = write(tmp_path, "alex.yaml", minimal(recommendations=["Do this."]))
    result = CliRunner().invoke(main, ["preview", str(path), "-o", str(tmp_path / "pics")])
    assert result.exit_code == 0, result.output
    pictures = sorted((tmp_path / "pics").glob("*.png"))
    assert [p.name for p in pictures] == ["alex-1.png", "alex-2.png"]
    with Image.open(pictures[0]) as first:
        width, height = first.size
        colours = first.convert("RGB").getcolors(1_000_000)
    assert abs(width - 1169) <= 1 and abs(height - 827) <= 1  # A4 landscape at 100 dpi
    # The accent colour of the panel borders is in the picture: it is the page, not a blank.
    assert any(abs(r - 0x0b) < 30 and abs(g - 0x4f) < 30 and abs(b - 0x6c) < 30 and n > 1000
               for n, (r, g, b) in colours)


def test_rebuild_builds_the_briefing_and_its_preview(tmp_path):
    path = write(tmp_path, "alex.yaml", minimal())
    settings = Settings(output=tmp_path / "build")
    result = rebuild(path, settings)
    assert result.status == "built"
    assert (tmp_path / "build" / "preview" / "alex-1.png").is_file()


def test_watch_rebuilds_when_the_file_is_saved(tmp_path):
    write(tmp_path, "alex.yaml", minimal())
    settings = Settings(output=tmp_path / "build")
    stop, seen = threading.Event(), []

    def save_with_a_mistake():
        write(tmp_path, "alex.yaml", minimal(questions=[]))

    def report(item):
        seen.append((item.status, [p.code for p in item.problems if p.is_error]))
        if len(seen) == 1:  # the first build; the watcher starts right after it
            threading.Timer(1.5, save_with_a_mistake).start()
        else:
            stop.set()

    runner = threading.Thread(target=watch, args=([tmp_path], settings, report, stop, False))
    runner.start()
    runner.join(timeout=60)
    stop.set()
    assert not runner.is_alive()
    assert seen[0] == ("built", [])
    assert seen[1][0] == "failed" and seen[1][1] == ["empty-panel"]
