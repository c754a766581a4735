# Set-up and everyday commands. Everything installs into .venv from pinned versions.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installert

.PHONY: check test site serve bench clean

$(STAMP): requirements.in constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 eller nyere trengs")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.in -c constraints.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

check: $(STAMP)  ## kontroller alle poster
	$(VENV)/bin/krav sjekk

test: $(STAMP)  ## kjør alle tester
	$(PY) -m pytest

clean:
	rm -rf site .krav-cache .pytest_cache build *.egg-info
