# Set-up and everyday commands. Everything installs into .venv from pinned versions.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installert

.PHONY: check test site serve bench bench-peers clean analyse bench-analyse endringer bench-endringer nettsted-versjon bench-dokument strictdoc bench-eksport

$(STAMP): requirements.in constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 eller nyere trengs")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.in -c constraints.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# StrictDoc, in a venv of its own (its pins differ from ours): the ReqIF tests check that it
# imports `krav eksport --format reqif`. .ci/run installs it; locally the tests skip without it.
SD_VENV := .venv-strictdoc
$(SD_VENV)/.installert: constraints-strictdoc.txt
	test -x $(SD_VENV)/bin/python || $(PYTHON) -m venv $(SD_VENV)
	$(SD_VENV)/bin/python -m pip install -q --disable-pip-version-check strictdoc==0.30.4 -c constraints-strictdoc.txt
	touch $(SD_VENV)/.installert

strictdoc: $(SD_VENV)/.installert  ## installer StrictDoc i .venv-strictdoc (for ReqIF-testene)

# Doorstop, only for comparing speed (bench/peers_bench.py), in a venv of its own.
DS_VENV := .venv-doorstop
$(DS_VENV)/.installert: constraints-doorstop.txt
	test -x $(DS_VENV)/bin/python || $(PYTHON) -m venv $(DS_VENV)
	$(DS_VENV)/bin/python -m pip install -q --disable-pip-version-check doorstop==3.2 -c constraints-doorstop.txt
	touch $(DS_VENV)/.installert

bench-peers: $(STAMP) $(SD_VENV)/.installert $(DS_VENV)/.installert  ## mål krav sjekk mot Doorstop og StrictDoc på de samme 10 000 kravene
	$(PY) bench/peers_bench.py

bench-eksport: $(STAMP)  ## mål hvor raskt krav eksport er på 10 000 syntetiske krav (se bench/README.md)
	$(PY) bench/eksport_bench.py

check: $(STAMP)  ## kontroller alle poster
	$(VENV)/bin/krav sjekk

test: $(STAMP)  ## kjør alle tester
	$(PY) -m pytest

site: $(STAMP)  ## bygg nettstedet til site/ (streng: advarsler stopper bygget)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

PORT ?= 8000

serve: $(STAMP)  ## bygg og vis utkastet på http://127.0.0.1:$(PORT) med automatisk oppdatering (også når postene har feil)
	$(PY) -m scripts.serve $(PORT)

bench: $(STAMP)  ## mål hvor raskt krav sjekk er (se bench/README.md)
	$(PY) bench/sjekk_bench.py

analyse: $(STAMP)  ## finn hull, motstrid og overlapp i standarden, med dekning per område
	$(VENV)/bin/krav analyser

bench-analyse: $(STAMP)  ## mål hvor raskt krav analyser er på 10 000 syntetiske krav (se bench/README.md)
	$(PY) bench/analyse_bench.py

BASE ?= main
endringer: $(STAMP)  ## vis hva som endres i standarden fra BASE (standard: main) til filene nå
	$(VENV)/bin/krav endringer $(BASE)

bench-endringer: $(STAMP)  ## mål krav endringer mellom to revisjoner av 10 000 syntetiske krav (se bench/README.md)
	$(PY) bench/endringer_bench.py
VERSJON ?= utkast
nettsted-versjon: $(STAMP)  ## legg én versjon av nettstedet på grenen gh-pages med mike (VERSJON=utkast eller en utgave-id; sendes bare i CI)
	$(PY) -m scripts.nettsted_versjon "$(VERSJON)"
bench-dokument: $(STAMP)  ## mål høringsdokumentet (DOCX/PDF) og kommentarimporten på 1 000 syntetiske krav (se bench/README.md)
	$(PY) bench/dokument_bench.py

clean:
	rm -rf site .krav-cache .pytest_cache build *.egg-info
