"""The index of word and name lists a batch keeps in its cache answers every question the
checks ask exactly as the libraries themselves do."""

from __future__ import annotations

import random

import pytest
from helpers import ROOT, minimal, write
from wordfreq import get_frequency_list, zipf_frequency

from briefing_builder.checks import lexicon
from briefing_builder.pipeline import check_one
from briefing_builder.publish.files import JsonStore


@pytest.fixture(scope="module")
def libraries() -> lexicon.Lists:
    return lexicon._from_libraries(indexed=True)


@pytest.fixture(scope="module")
def index(libraries, tmp_path_factory) -> lexicon.Lists:
    """The lists as a later run reads them: written to a cache file and read back."""
    store = JsonStore(tmp_path_factory.mktemp("cache"))
    store.put("lexicon", libraries.as_data())
    return lexicon.Lists.from_data(store.get("lexicon"))


def test_the_names_and_places_read_back_are_those_of_the_libraries(libraries, index):
    first, last = lexicon._people()
    assert dict(index.english) == {name: sum(
        locale.startswith("en") or locale == "ga_IE" for locale in locales)
        for name, locales in first.items()}
    assert index.surnames == last
    assert (index.places, index.districts) == (libraries.places, libraries.districts)
    assert {"Bradford", "Wandsworth", "Yorkshire"} <= index.districts
    assert index.english["Georgina"] >= 2 and "Smith" in index.surnames


def test_every_frequency_in_the_index_is_wordfreqs_own(index):
    """Every plain word of some frequency bands in full, a sample of the rest, the names
    lowercased, and words wordfreq does not know."""
    bands = get_frequency_list("en")
    words = [word for band in bands[::40] for word in band]
    words += random.Random(7).sample([word for band in bands for word in band], 5000)
    words += [name.lower() for name in list(index.english)[::5] + list(index.surnames)[::5]]
    words += ["darryll", "alsami", "qzx", "a", "zzzzzzzzzz", "aaaaaa", "the", "hoping"]
    plain = [word for word in words if lexicon._PLAIN.fullmatch(word)]
    assert len(plain) > 10_000
    assert [lexicon._indexed(index.words, word, index.unknown) for word in plain] == \
        [zipf_frequency(word, "en") for word in plain]


def test_every_band_of_wordfreqs_list_has_its_own_frequency():
    """Worked out without wordfreq's table of every word, as zipf_frequency gives it."""
    bands = get_frequency_list("en")
    assert [lexicon._zipf_of_band(index) for index, band in enumerate(bands) if band] == \
        [zipf_frequency(band[0], "en") for band in bands if band]
    assert lexicon._zipf_of_band(None) == zipf_frequency("qzxqzx", "en") == 0.0


def test_a_word_the_index_does_not_hold_is_asked_of_wordfreq(index, monkeypatch):
    monkeypatch.setattr(lexicon, "_lists", lambda: index)
    lexicon.zipf.cache_clear()
    try:
        for word in ("café", "o'neil", "mary-jane", "hope", "Hope"):
            assert lexicon.zipf(word) == zipf_frequency(word, "en")
    finally:
        lexicon.zipf.cache_clear()


SOURCES = sorted((ROOT / "tests/integration/real").glob("*.yaml")) + \
    sorted((ROOT / "briefings").glob("*.yaml")) + [ROOT / "tests/integration/hostile.yaml"]
BULLETINS = sorted((ROOT / "tests/checks/bulletins").glob("*.txt"))


def as_briefings(folder, bulletin):
    """A real bulletin's lines as the points of briefings, 40 a time, as in test_identity."""
    lines = [line.strip() for line in bulletin.read_text("utf-8").splitlines() if line.strip()]
    return [write(folder, f"{bulletin.stem}-{start}.yaml", minimal(
        subject="EMILY", title="Practice and Learning Bulletin", background="One point a line.",
        information=lines[start:start + 40])) for start in range(0, len(lines), 40)]


@pytest.mark.parametrize("source", SOURCES + BULLETINS, ids=lambda p: p.stem)
def test_the_findings_are_the_same_from_the_index(source, libraries, index, monkeypatch,
                                                  tmp_path):
    paths = as_briefings(tmp_path, source) if source.suffix == ".txt" else [source]

    def findings(lists):
        monkeypatch.setattr(lexicon, "_lists", lambda: lists)
        for cached in (lexicon.zipf, lexicon.ordinary):
            cached.cache_clear()
        return [problem.format() for path in paths for problem in check_one(path).problems]

    try:
        found = findings(index)
        assert found == findings(libraries)
    finally:
        for cached in (lexicon.zipf, lexicon.ordinary):
            cached.cache_clear()
    if source.suffix == ".txt":
        assert any("undeclared-name" in finding for finding in found)
