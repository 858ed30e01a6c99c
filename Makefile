# The two set-up commands: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/isw-putin-ceasefire.txt
EXAMPLE_DATE := 2022-12-04

.PHONY: run test install install-test lint typecheck bench clean

$(BIN)/whosaid: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

install: $(BIN)/whosaid

install-test: $(BIN)/whosaid
	$(BIN)/pip install --quiet -e '.[test]'

## run: create .venv, install, analyse the bundled example into whosaid.db and print who said what
run: install
	$(BIN)/whosaid analyze $(EXAMPLE) --published $(EXAMPLE_DATE) --force

## test: install test dependencies and run the whole suite
test: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: install-test
	$(BIN)/ruff check src tests bench

typecheck: install-test
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/attribution.py ../shared/data/polnear/dev.jsonl.gz

clean:
	rm -rf $(VENV) build dist src/*.egg-info whosaid.db
