"""Shared test helpers: tiny briefings written into tmp_path, and the real EMILY build."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml

from briefing_builder import build
from briefing_builder.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
EMILY = ROOT / "briefings" / "emily.yaml"


def minimal(**fields) -> dict:
    """A valid briefing with short text in every panel; `fields` override or add."""
    data = {
        "title": "Learning from Practice Review – “ALEX”",
        "partnership": "Example Safeguarding Partnership",
        "subject": "ALEX",
        "published": "2022-03-01",
        "background": "Alex was nine years old and lived with his father.",
        "concerns": ["Concern one about school.", "Concern two about health.",
                     "Concern three about housing."],
        "information": ["Information point."],
        "resources": [{"title": "Procedures", "url": "https://example.org/procedures"}],
        "questions": ["What is the child's day like?"],
        "what_to_do": ["Talk to the child."],
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def write(folder: Path, name: str, content: dict | str) -> Path:
    """Write a briefing file; a dict is dumped as YAML, a str is written as it is."""
    path = folder / name
    text = content if isinstance(content, str) else yaml.safe_dump(
        content, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def emily_pdf(tmp_path_factory) -> Path:
    """The real EMILY briefing, built once for the whole session."""
    output = tmp_path_factory.mktemp("emily")
    [result] = build([EMILY], output, settings=load_settings(ROOT))
    assert result.status == "built", [p.format() for p in result.problems]
    return result.output


@pytest.fixture(autouse=True)
def no_unexpected_warnings(caplog):
    """Any warning logged by the library or WeasyPrint fails the test that caused it."""
    yield
    noisy = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING
             and not getattr(r, "expected", False)]
    assert not noisy, [r.getMessage() for r in noisy]
