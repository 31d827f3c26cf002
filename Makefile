# Every target bootstraps .venv idempotently: `make run` or `make test` alone is enough
# on a fresh machine (Python 3.11+; the browser tests also need Debian's chromium,
# which .ci/run installs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test lint bench eval-extract snapshot-readme clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/incidents serve --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check geodata incidents dashboard tests benchmarks
	$(BIN)/ruff format --check geodata incidents dashboard tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

eval-extract: $(STAMP)
	$(BIN)/python -m benchmarks.eval_extract

# The README's picture of the seed incidents, drawn from a fresh store.
snapshot-readme: $(STAMP)
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/incidents snapshot --db "sqlite:///$$tmp/seed.sqlite" -o docs/snapshot-seed.png \
	  --size slide --title "Drone strikes of 2025-07-20 (seed report)"
