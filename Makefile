# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_APP := $(VENV)/.installed-app
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test bench dist clean
STAMP_DIST := $(VENV)/.installed-dist

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_APP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[gui]"
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[gui,test]"
	touch $@ $(STAMP_APP)

run: $(STAMP_APP)
	$(BIN)/seguimiento gui

# Includes tests/install: the wheel built, installed in a clean venv and run (slow-marked).
# The 15 slowest tests are listed at the end: the suite must stay under 10 minutes on 2 cores.
# Two workers (pytest-xdist), each test file on one worker: its module fixtures start once.
test: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q --durations=15 -n 2 --dist loadfile

bench: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run_all.py

$(STAMP_DIST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[gui,dist]"
	touch $@ $(STAMP_APP)

# One-folder app in dist/SeguimientoEgresados, then the frozen journey (build/smoke_test.py:
# every CLI command family, portable mode, the GUI shown) and its size.
dist: $(STAMP_DIST)
	$(BIN)/pyinstaller --noconfirm --clean --workpath build/_work --distpath dist installer.spec
	QT_QPA_PLATFORM=offscreen $(BIN)/python build/smoke_test.py
	du -sh dist/SeguimientoEgresados

clean:
	rm -rf $(VENV) build/_work .setuptools-build dist *.egg-info
