# Ayni: `make run` opens the terminal UI, `make test` runs the whole suite.
# Both set everything up first: system libraries for PDFs, a virtual environment, the package.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# libusb-1.0-0: pyusb's backend, for thermal printers on USB
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils libusb-1.0-0
STAMP  := $(VENV)/.installed

.PHONY: run test bench keys system clean

run: $(STAMP)
	$(BIN)/ayni init
	$(BIN)/ayni demo --if-empty
	$(BIN)/ayni tui

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

keys: $(STAMP)
	$(BIN)/python bench/keystrokes.py

system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages needed for PDFs:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

$(STAMP): pyproject.toml | system
	@echo "Setting up the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) *.egg-info
