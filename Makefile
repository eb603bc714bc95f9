# Tidings: `make demo` codes the bundled examples; `make test` runs the test suite.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= tidings-out

.PHONY: demo test lint setup eval bench clean

$(BIN)/tidings: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,learned]'
	touch $@

setup: $(BIN)/tidings

demo: setup
	$(BIN)/tidings code examples/articles --out $(OUT) --format jsonl
	$(BIN)/tidings query $(OUT) "SELECT cameo, event, modality, actor[1].cameo AS actor, recipient[1].cameo AS recipient, text_info.trigger.text AS trigger FROM events LIMIT 15"

test: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/tidings eval petrarch

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(OUT) .pytest_cache build *.egg-info src/*.egg-info
