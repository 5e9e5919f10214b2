# The workflows people type. `make` builds every briefing; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUTPUT := build

.PHONY: all briefings test bench system clean

all: briefings

briefings: $(VENV)/.installed
	$(BIN)/briefing build briefings -o $(OUTPUT)

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
