# make run  : create .venv if missing, install racefacts, extract corpus/ into outputs/
# make test : create .venv if missing, install racefacts with its test extra, run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test patterns clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	rm -rf outputs
	$(BIN)/racefacts extract corpus -o outputs

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

patterns: $(VENV)/.installed
	$(BIN)/racefacts patterns build

clean:
	rm -rf $(VENV) .pytest_cache
