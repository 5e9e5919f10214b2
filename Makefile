# The workflows people type. `make` builds every briefing; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUTPUT := build

.PHONY: all briefings bundles test bench system clean

all: briefings bundles

briefings: $(VENV)/.installed
	$(BIN)/briefing build briefings -o $(OUTPUT)

bundles: $(VENV)/.installed
	$(BIN)/briefing bundle briefings/issues/*.yaml -o $(OUTPUT)/issues

test: $(VENV)/.installed
	$(BIN)/pytest -q

bench: $(VENV)/.installed
	$(BIN)/python bench/fit.py

# WeasyPrint needs Pango and HarfBuzz from the system, and the briefings name their fonts.
system:
	@sh scripts/system-packages

$(VENV)/.installed: pyproject.toml | system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

clean:
	rm -rf $(OUTPUT)
