# Two commands: `make run` serves the bundled corpus, `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= var/store
CORPUS ?= data/sample
PORT   ?= 8000
HOST   ?= 127.0.0.1

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test install install-dev ingest serve clean assets

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed $(VENV)/.system-test
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Real parts the tests start and stop: Chromium for the browser tests, Virtuoso as a remote
# SPARQL store. Debian packages, installed once; users who only `make run` never need them.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_TEST_PACKAGES := chromium virtuoso-opensource
$(VENV)/.system-test: $(BIN)/activate
	command -v chromium >/dev/null && command -v virtuoso-t >/dev/null || \
		{ $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $(SYSTEM_TEST_PACKAGES); }
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

ingest: install
	$(BIN)/policykg --store $(STORE) ingest $(CORPUS) --if-empty

serve: install
	$(BIN)/policykg --store $(STORE) serve --host $(HOST) --port $(PORT)

run: ingest serve

test: install-dev
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Front-end assets from npm, copied with their licences into the package and committed (pip installs
# work offline); needs npm only when the versions in api/vendor_assets.py change.
assets:
	rm -rf var/npm && mkdir -p var/npm
	cd var/npm && npm install --no-audit --no-fund --ignore-scripts \
		$$(cd ../.. && $(PYTHON) -c "from api.vendor_assets import PACKAGES, TEST_PACKAGES; print(' '.join(f'{n}@{v[0]}' for n, v in {**PACKAGES, **TEST_PACKAGES}.items()))")
	$(PYTHON) -m api.vendor_assets var/npm/node_modules api/static/vendor tests/web/vendor

clean:
	rm -rf var
