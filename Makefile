# The workflows people type. `make` builds every briefing; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUTPUT := build

BRIEFINGS := $(wildcard briefings/*.yaml)
# Drafts (status: draft) have no PDF to make: the batch notes them and builds the rest.
DRAFTS := $(shell grep -lE '^status[[:space:]]*:[[:space:]]*.?draft' $(BRIEFINGS) /dev/null)
PDFS := $(patsubst briefings/%.yaml,$(OUTPUT)/%.pdf,$(filter-out $(DRAFTS),$(BRIEFINGS)))
ISSUES := $(wildcard briefings/issues/*.yaml)
BUNDLES := $(ISSUES:briefings/issues/%.yaml=$(OUTPUT)/issues/%.pdf)
ATTACHMENTS := $(shell find briefings -type f -name '*.pdf')
# What every PDF is made from besides its source: the house style, templates, rules, code.
HOUSE := pyproject.toml $(shell find styles src/briefing_builder -type f -not -name '*.pyc')

.PHONY: all schemas briefings bundles test bench fuzz system browser serve clean

SCHEMAS := briefings/briefing.schema.json briefings/issues/manifest.schema.json

all: schemas briefings bundles

# The JSON Schemas editors use to complete and check briefings as people type, beside the
# files they describe (`briefing new` writes the briefings' too); `make clean` keeps them.
schemas: $(SCHEMAS)

briefings/briefing.schema.json: $(HOUSE) $(VENV)/.installed
	$(BIN)/briefing schema -o $@

briefings/issues/manifest.schema.json: $(HOUSE) $(VENV)/.installed
	$(BIN)/briefing schema --manifest -o $@

briefings: $(PDFS)

# One batch, in parallel workers, for every briefing at once, when a source or the house
# style is newer than the last batch. The builder's content hashes then decide which briefings
# really changed: only their PDFs are written again, so only bundles holding them are remade.
# Drafts (status: draft) are not built and do not fail the batch.
BATCH := $(OUTPUT)/.briefing-builder/batch
$(BATCH): $(BRIEFINGS) $(HOUSE) $(VENV)/.installed
	$(BIN)/briefing build --no-drafts $(BRIEFINGS) -o $(OUTPUT)
	@mkdir -p $(@D) && touch $@

# A PDF is what the last batch left; one that has gone is built again on its own.
$(PDFS): $(OUTPUT)/%.pdf: $(BATCH)
	@test -f $@ || $(BIN)/briefing build --no-drafts briefings/$*.yaml -o $(OUTPUT)

bundles: $(BUNDLES)

$(OUTPUT)/issues/%.pdf: briefings/issues/%.yaml $(PDFS) $(ATTACHMENTS) $(HOUSE)
	$(BIN)/briefing bundle $<

test: $(VENV)/.installed browser
	$(BIN)/pytest -q

# The browser editor: `make serve`, then open http://127.0.0.1:8000/
serve: $(VENV)/.installed
	$(BIN)/briefing serve --open

# A long fuzz run with fresh random examples; `make test` runs a short seeded one.
FUZZ_MINUTES ?= 10
fuzz: $(VENV)/.installed
	FUZZ_MINUTES=$(FUZZ_MINUTES) $(BIN)/python tests/fuzz.py

# Against Chromium (the system's, with the test extra's Playwright) and a Typst twin (the
# bench extra); a contestant whose tool is missing is skipped, saying so. BENCH_QUICK=1 runs
# each script once on tiny inputs (the test suite's smoke test does). The package is compiled
# first, as an installed one is (Python may have been told not to write compiled files).
bench: $(VENV)/.installed $(VENV)/.bench-installed
	$(BIN)/python -m compileall -q src
	$(BIN)/python bench/fit.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/single.py
	$(BIN)/python bench/memory.py

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $@

# WeasyPrint needs Pango and HarfBuzz from the system, and the briefings name their fonts;
# the tests open the Word discussion sheet with LibreOffice (installed as root with apt).
system:
	@sh scripts/system-packages

# Chromium and axe-core for the browser editor's tests (skipped, saying why, without them).
browser:
	@sh scripts/browser-packages

$(VENV)/.installed: pyproject.toml | system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m compileall -q src
	touch $@

clean:
	rm -rf $(OUTPUT)
