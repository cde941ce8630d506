# The two quickstart commands: `make demo` (install + a real video) and `make test` (install + checks).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Pinned first so that no unpinned resolve pulls a multi-GB CUDA torch onto a CPU-only machine.
# On Linux with a GPU this same pin from PyPI is the CUDA build.
TORCH ?= torch==2.13.0
PROMPT ?= a corgi runs to the left of a red ball on a beach
OUT ?= out

.PHONY: install demo test lint lint-imports

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(TORCH)
	$(BIN)/python -m pip install --quiet -e ".[dev,ui,mocap,diffusion]" -c constraints.txt
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/scenewright generate "$(PROMPT)" -o $(OUT) --overwrite

# import-linter finds a package's modules on disk, and the installed package is mapped from several folders
# (pyproject's package-dir): it reads a tree of links laid out as installed, .import-tree/scenewright/.
lint-imports: install
	rm -rf .import-tree && mkdir -p .import-tree/scenewright
	ln -s $(CURDIR)/scenewright/*.py .import-tree/scenewright/
	for folder in agents tools graphs prompts evals; do ln -s $(CURDIR)/$$folder .import-tree/scenewright/$$folder; done
	cd .import-tree && PYTHONPATH=$(CURDIR)/.import-tree $(CURDIR)/$(BIN)/lint-imports --no-cache --config $(CURDIR)/pyproject.toml

lint: install lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest
