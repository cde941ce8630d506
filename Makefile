# The two quickstart commands: `make demo` (install + a real video) and `make test` (install + checks).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Pinned first so that no unpinned resolve pulls a multi-GB CUDA torch onto a CPU-only machine.
# On Linux with a GPU this same pin from PyPI is the CUDA build.
TORCH ?= torch==2.13.0
PROMPT ?= a corgi runs to the left of a red ball on a beach
OUT ?= out

.PHONY: install demo test lint

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(TORCH)
	$(BIN)/python -m pip install --quiet -e ".[dev,ui,mocap,diffusion]" -c constraints.txt
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/scenewright generate "$(PROMPT)" -o $(OUT) --overwrite

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest
