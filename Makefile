# Every target bootstraps .venv with nothing but python3 (3.11+) on the machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench fuzz screenshots clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/oiar demo

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy scoring tools

bench: $(STAMP)
	$(BIN)/python bench/bench_scoring.py
	$(BIN)/python bench/bench_chat.py
	$(BIN)/python bench/bench_slack.py
	$(BIN)/python bench/bench_retrieval.py
	$(BIN)/python bench/bench_adaptive.py
	$(BIN)/python bench/bench_report.py
	$(BIN)/python bench/bench_rounds.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_web.py

# The suite's API fuzzing at length: many more generated requests per route, a new seed each run.
fuzz: $(STAMP)
	OIAR_FUZZ_EXAMPLES=$${OIAR_FUZZ_EXAMPLES:-200} $(BIN)/python -m pytest -q tests/assistant/api/test_fuzz.py

# Every state of the web front end as a PNG in docs/screenshots/, for reviewers (needs Chromium).
screenshots: $(STAMP)
	OIAR_SCREENSHOTS=docs/screenshots OIAR_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q tests/assistant/web

clean:
	rm -rf $(VENV) .oiar .pytest_cache .mypy_cache .ruff_cache *.egg-info
