# One command each: `make reports` builds the report site, `make test` runs every check.
# Both create .venv with the pinned packages (requirements.lock) when it is missing.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
STAMP := $(VENV)/.installed
# Python writes its byte-code caches under every target here, even where the shell says not to:
# each kernel, worker and command a build or a test run starts then compiles the package once,
# not each time, and pytest keeps the tests it rewrote for the next run.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: reports test test-fast lint format lab bench validate lock clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) pip install --quiet --python $(PY) --compile-bytecode -r requirements.lock
	$(UV) pip install --quiet --python $(PY) --compile-bytecode --no-deps -e .
	$(PY) -m compileall -q src
	touch $(STAMP)

## reports: build every configured report into reports/ (FORCE=1 rebuilds all, JOBS=N workers)
reports: $(STAMP)
	$(PY) -m helpers build --jobs $(JOBS) $(if $(FORCE),--force)

## validate: check the data files
validate: $(STAMP)
	$(PY) -m helpers validate

# The tests run on every core (pytest-xdist); --dist loadscope keeps a module's tests, and a
# notebook's cells (nbval), on one worker, in the order tests/conftest.py gives them.
XDIST := -n $(JOBS) --dist loadscope --no-loadscope-reorder
# nbval runs the notebooks no build runs: start_here and an analyst's own notebooks. The build
# runs every report notebook in both languages; tests/test_own_notebook.py puts the analysis
# template on a site with `helpers build`, in both languages.
NBVAL := notebooks/start_here.ipynb \
	$(filter-out notebooks/analyses/template.ipynb,$(wildcard notebooks/analyses/*.ipynb))

## test: lint, format check, then the whole test suite (notebooks and browser included)
test: $(STAMP) lint
	$(PY) -m pytest $(XDIST) -p nbval.plugin --nbval-lax tests $(NBVAL) $(PYTEST_ARGS)

## test-fast: the tests that start no process and validate no whole Data Package on disk
test-fast: $(STAMP)
	$(PY) -m pytest -n $(JOBS) --dist load -m "not slow and not whole_package" $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/deptry . --no-ansi
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## lab: install the JupyterLab pinned in requirements-lab.lock and open the notebooks (as root too)
lab: $(STAMP)
	$(UV) pip install --quiet --python $(PY) --compile-bytecode -r requirements-lab.lock
	$(VENV)/bin/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

## bench: time the build against the naive papermill + nbconvert + Chromium loop (writes benchmarks/results.md)
bench: $(STAMP)
	$(PY) benchmarks/build_speed.py

## lock: re-pin every package after changing pyproject.toml (requirements.lock, requirements-lab.lock)
lock: $(STAMP)
	$(UV) pip compile pyproject.toml --extra dev --python-version 3.11 --quiet -o requirements.lock
	$(UV) pip compile pyproject.toml --extra dev --extra lab -c requirements.lock --python-version 3.11 --quiet -o requirements-lab.lock

clean:
	rm -rf build .pytest_cache .ruff_cache
