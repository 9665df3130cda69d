# Two commands for a fresh machine with Python 3.11+ and make: `make run` and `make test`.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS ?= never
PYTHON ?= python3
UV = $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
PORT ?= 8501
# The tests without a browser run on WORKERS processes, under CLOCK when it is set (CI sets a
# shifted date and zone: see .ci/run); the browser tests run after them, one at a time unless
# BROWSER_WORKERS is set (two at once on two cores were neither faster nor steady under load).
CLOCK ?=
WORKERS ?= auto
BROWSER_WORKERS ?= 0

.PHONY: run test env uv lint typecheck pytest format emulator bench bench-smoke

run: env ## start the dashboard (the demo organization unless DEVIN_API_KEY is set)
	$(UV) run streamlit run app.py --server.port $(PORT)

test: env lint typecheck pytest ## the whole suite: lint, format, types, tests

env: uv ## create .venv from the lockfile
	$(UV) sync --frozen

uv: ## install uv with pip when it is missing
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || \
		$(PYTHON) -m pip install --quiet uv || $(PYTHON) -m pip install --quiet --user uv || \
		$(PYTHON) -m pip install --quiet --user --break-system-packages uv

lint:
	$(UV) run ruff check .
	$(UV) run ruff format --check .

typecheck:
	$(UV) run mypy

pytest: ## the tests without a browser in parallel, then the browser tests
	$(CLOCK) $(UV) run pytest -m 'not browser' -n $(WORKERS)
	$(UV) run pytest -m browser -n $(BROWSER_WORKERS) --dist loadscope

format:
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

emulator: env ## serve the demo organization on http://127.0.0.1:8765
	$(UV) run devin-data emulator --port 8765

bench: env ## the benchmark table against the emulator on loopback (about 10 minutes)
	$(UV) run python -m benchmarks

bench-smoke: env ## the same benchmarks at a small size, in seconds
	BENCH_SIZE=smoke $(UV) run python -m benchmarks
