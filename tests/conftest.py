"""Fixtures every test shares: the real EMILY build, and no unexpected warnings."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from helpers import EMILY, ROOT

from briefing_builder import build
from briefing_builder.settings import load_settings


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
