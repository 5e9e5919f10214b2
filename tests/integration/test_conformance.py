"""Third-party judgement: every kind of PDF the tool writes, checked by page (PyPI
page-validation) against PDF/UA-1, the standard screen readers rely on."""

from __future__ import annotations

from pathlib import Path

import page
import pytest
from helpers import EMILY, ROOT, minimal, write

from briefing_builder import build
from briefing_builder.settings import Settings, load_settings

REAL = ROOT / "tests" / "integration" / "real"


def failed_rules(path: Path, profile: str = "ua1") -> list[str]:
    report = page.validate_pdf(path, profile=profile)
    return sorted({f"{f.rule_id}: {f.message}" for f in report.failures})


@pytest.mark.parametrize("options", [
    {}, {"paper": "a3", "bleed": 3.0, "marks": True}, {"theme": "example-partnership"},
], ids=["default", "a3", "themed"])
def test_every_briefing_build_is_pdf_ua_1(tmp_path, options):
    settings = load_settings(ROOT).model_copy(update=options)
    results = build([EMILY, *sorted(REAL.glob("*.yaml"))], tmp_path, settings=settings)
    for result in results:
        assert result.status == "built", result.path
        assert failed_rules(result.output) == [], result.path


def test_the_large_print_and_welsh_editions_are_pdf_ua_1(tmp_path):
    welsh = write(tmp_path, "cy.yaml", minimal(lang="cy-GB"))
    results = build([EMILY, welsh], tmp_path / "out", settings=Settings(large_print=True))
    for result in results:
        assert failed_rules(result.output) == []
        large = result.output.with_name(f"{result.output.stem}-large-print.pdf")
        assert failed_rules(large) == [], large


def test_a_bilingual_briefing_is_pdf_ua_1(tmp_path):
    (tmp_path / "emily.yaml").write_bytes(EMILY.read_bytes())
    (tmp_path / "emily.cy.yaml").write_text(EMILY.read_text("utf-8").replace(
        "published: 2021-07-01", "published: 2021-07-01\nlang: cy-GB\n"
        "translation_of: emily.yaml"), "utf-8")
    build(sorted(tmp_path.glob("*.yaml")), tmp_path / "out", settings=Settings())
    assert failed_rules(tmp_path / "out" / "emily.bilingual.pdf") == []


def test_an_archival_build_is_pdf_a_3a_and_pdf_ua_1_and_gives_its_source_back(tmp_path):
    from click.testing import CliRunner

    from briefing_builder.cli import main
    results = build([EMILY, *sorted(REAL.glob("*.yaml"))], tmp_path,
                    settings=Settings(pdf_a=True))
    for result in results:
        assert failed_rules(result.output, "3a") == [], result.path
        assert failed_rules(result.output, "ua1") == [], result.path
        extracted = CliRunner().invoke(main, ["extract", str(result.output)])
        assert extracted.stdout_bytes == result.path.read_bytes()
    again = build([EMILY], tmp_path / "again", settings=Settings(pdf_a=True))
    assert again[0].output.read_bytes() == results[0].output.read_bytes()


def test_a_bulletin_bundle_of_the_real_briefings_is_pdf_ua_1(tmp_path):
    """EMILY and the five real-looking briefings in one issue, with their discussion
    sheets: one structure tree, every part under its title, 0 failed rules."""
    from briefing_builder.bulletin import bundle

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    for source in [EMILY, *sorted(REAL.glob("*.yaml"))]:
        (tmp_path / source.name).write_bytes(source.read_bytes())
    lines = [f"  - briefing: ../{source.name}" for source in
             [EMILY, *sorted(REAL.glob("*.yaml"))]]
    (tmp_path / "issues").mkdir()
    manifest = tmp_path / "issues" / "2021-07.yaml"
    manifest.write_text("title: Practice and Learning Bulletin – July 2021\nissue: 2021-07\n"
                        "published: 2021-07-01\ndiscussion_sheets: true\nattachments:\n"
                        + "\n".join(lines) + "\n", "utf-8")
    result = bundle(manifest, load_settings(ROOT).model_copy(
        update={"output": tmp_path / "build"}), tmp_path / "out")
    assert not result.failed, [p.format() for p in result.problems]
    assert failed_rules(result.output) == []
