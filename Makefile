# The two set-up commands: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/isw-putin-ceasefire.txt
EXAMPLE_DATE := 2022-12-04

.PHONY: run test install install-test browser lint typecheck fuzz bench bench-serve train noisy clean

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

## browser: Debian's chromium for the browser tests (apt-get, only when it is missing)
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || echo "warning: chromium not installed (needs root): the browser tests will skip"; \
	fi

## test: install test dependencies and run the whole suite
test: install-test browser
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -q

## fuzz: the long fuzz run: tests/fuzz with Hypothesis' "long" profile, then the atheris harness over every target for FUZZ_SECONDS in all; found inputs land in tests/fuzz/corpus/
FUZZ_SECONDS ?= 300
fuzz: install-test
	$(BIN)/pip install --quiet -e '.[test,fuzz]' \
	  || echo "warning: atheris not installed: the harness mutates bytes without coverage"
	WHOSAID_FUZZ=long $(BIN)/pytest -q -p no:cacheprovider tests/fuzz
	$(BIN)/python tests/fuzz/atheris_harness.py --seconds $(FUZZ_SECONDS)

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

typecheck: install-test
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/attribution.py ../shared/data/polnear/dev.jsonl.gz

## bench-serve: 20,000 recombined articles in SQLite, then page and API latencies over HTTP
bench-serve: install
	$(BIN)/python bench/serve.py --articles 20000 --db build/bench-serve.db

## noisy: a noisy copy of PolNeAR dev (German and dropped quote marks, missing spaces, misspelt names, furniture)
noisy: install
	$(BIN)/python bench/noise.py ../shared/data/polnear/dev.jsonl.gz build/noisy-dev.jsonl --seed 7

## train: train the attribution tagger (two members, seeds 13 and 41, in parallel) on PolNeAR train into src/whosaid/models/ (about 20 minutes on 2 cores)
train: install
	$(BIN)/python scripts/train_attribution.py --train ../shared/data/polnear/train.jsonl.gz --dev ../shared/data/polnear/dev.jsonl.gz

clean:
	rm -rf $(VENV) build dist src/*.egg-info whosaid.db
