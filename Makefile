# The interface between tools. `make run` sets everything up and builds the warehouse from raw/;
# `make test` runs the whole test suite (what CI runs).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9

export PYTHONPATH := $(CURDIR)
export PATH := $(VENV)/bin:$(PATH)
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export JUESUAN_RAW_DIR ?= $(CURDIR)/raw
export JUESUAN_WAREHOUSE ?= $(CURDIR)/warehouse/juesuan.duckdb
DBT_DOCS_DIR ?= $(CURDIR)/reports/dbt_docs
# No network at run time: every usage-statistics call is switched off (also in dbt_project.yml,
# dagster.yaml and the GX context config).
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DAGSTER_DISABLE_TELEMETRY := 1
export GX_ANALYTICS_ENABLED := False

.PHONY: setup run test dev bench docs lock clean

setup: $(VENV)/.installed $(DAGSTER_HOME)/dagster.yaml

# uv resolves and installs the locked set in ~20 s (pip backtracks for minutes on dagster's pins).
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip sync --quiet --python $(PY) --compile-bytecode requirements.lock
	# the `juesuan` command (pyproject.toml), editable: it reads dbt_project/, layouts and expectations from here
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .
	touch $@

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@

run: setup
	$(VENV)/bin/juesuan run

# One worker per core (pytest-xdist): each session warehouse is still built once, its tests grouped on one
# worker (tests/conftest.py schedules them).
TEST_WORKERS ?= auto
test: setup
	$(PY) -m pytest -n $(TEST_WORKERS)

dev: setup
	$(VENV)/bin/juesuan dev

bench: setup
	$(PY) benchmarks/run.py

# dbt's documentation of the warehouse (every model and column in Chinese and English, lineage, tests), offline:
# $(DBT_DOCS_DIR)/static_index.html opens from the file system. Column types and row counts (the catalog) are
# read from a copy of the published warehouse, so a running pipeline is never blocked; before the first
# `make run` the pages show the YAML only.
docs: setup
	rm -rf "$(DBT_DOCS_DIR)" && mkdir -p "$(DBT_DOCS_DIR)"
	$(if $(wildcard $(JUESUAN_WAREHOUSE)),cp "$(JUESUAN_WAREHOUSE)" "$(DBT_DOCS_DIR)/juesuan.duckdb.build")
	cd dbt_project && JUESUAN_WAREHOUSE="$(DBT_DOCS_DIR)/juesuan.duckdb" $(VENV)/bin/dbt docs generate --static \
		--target-path "$(DBT_DOCS_DIR)" --profiles-dir . $(if $(wildcard $(JUESUAN_WAREHOUSE)),,--empty-catalog)
	rm -f "$(DBT_DOCS_DIR)"/juesuan.duckdb.build*
	@echo "dbt docs: $(DBT_DOCS_DIR)/static_index.html"

lock:
	$(VENV)/bin/uv pip compile requirements.in -o requirements.lock --python-version 3.11 --generate-hashes

clean:
	rm -rf warehouse reports .dagster_home dbt_project/target dbt_project/logs
