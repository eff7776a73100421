# `make run` and `make test` do all the set-up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test install install-dev babel-extract babel-compile bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(STAMP) babel-compile
install-dev: $(DEV_STAMP) babel-compile

## Serve the demo on http://127.0.0.1:5000 (migrates, seeds the demo on an empty database).
run: install
	$(BIN)/govlab run --demo --host $${GOVLAB_HOST:-127.0.0.1} --port $${GOVLAB_PORT:-5000}

## The whole suite (SQLite; PostgreSQL/Redis/browser tests run when their services are there).
## Without PYTEST_ARGS: everything but the timing-sensitive tests on TEST_WORKERS processes (one test file
## per worker at a time), then the `serial` ones alone, so their latency figures are not shared with others.
TEST_WORKERS ?= 2
test: install-dev
	@# The suite starts many `govlab` processes (servers, the CLI); with PYTHONDONTWRITEBYTECODE set
	@# each would compile all of govlab/ again (about 0.9 s of a busy machine each). Python still reads .pyc.
	$(BIN)/python -m compileall -q govlab
ifeq ($(strip $(PYTEST_ARGS)),)
	@status=0; \
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not serial" --durations=25 || status=$$?; \
	$(BIN)/python -m pytest -m serial || status=$$?; \
	exit $$status
else
	$(BIN)/python -m pytest $(PYTEST_ARGS)
endif

babel-extract: $(DEV_STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _l -k translate -o govlab/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i govlab/translations/messages.pot -d govlab/translations --no-fuzzy-matching

babel-compile: $(STAMP)
	$(BIN)/pybabel compile -d govlab/translations --statistics 2>&1 | grep -v "^$$" || true

bench: install-dev
	$(BIN)/python bench/fanout.py --runs 3
	$(BIN)/python bench/fanout.py --runs 3 --op text
	$(BIN)/python bench/direct_writes.py --runs 5
	$(BIN)/python bench/resync.py
	$(BIN)/python bench/board.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/sockets.py --scenario sockets --runs 3
	$(BIN)/python bench/sockets.py --scenario storm --runs 3
	$(BIN)/python bench/workshop.py --runs 3

clean:
	rm -rf $(VENV) instance .pytest_cache
