# Ayni: `make run` opens the terminal UI, `make test` runs the whole suite.
# Both set everything up first: system libraries for PDFs, a virtual environment, the package.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# libusb-1.0-0: pyusb's backend, for thermal printers on USB
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils libusb-1.0-0
STAMP  := $(VENV)/.installed
# The compiled translations; installing builds them, and a .po edited since is compiled again.
COMPILED := $(patsubst %.po,%.mo,$(wildcard core/locale/*/LC_MESSAGES/*.po plugins/*/locale/*/LC_MESSAGES/*.po))

.PHONY: run test bench keys catalogues system clean

run: $(STAMP) $(COMPILED)
	$(BIN)/ayni init
	$(BIN)/ayni demo --if-empty
	$(BIN)/ayni tui

# On every core (pytest-xdist); whole files per worker, so a module's shared fixtures (a seeded
# database) are built once. A plain `.venv/bin/pytest` runs in one process.
test: $(STAMP) $(COMPILED)
	$(BIN)/lint-imports
	$(BIN)/pytest -n auto --dist loadfile

bench: $(STAMP)
	$(BIN)/python bench/run.py

keys: $(STAMP)
	$(BIN)/python bench/keystrokes.py

# Translations (README «Traducciones»): the core's gettext domain «ayni» and each plugin's «ayni_<plugin>».
# Extract the Spanish message ids of Text(…)/Plural(…) into the .pot templates, bring every
# language's .po up to date with them, check placeholders, and compile the .mo files Ayni reads.
PLUGINS := general dental optometry physio surgery
EXTRACT := $(BIN)/pybabel -q extract -F babel.cfg --no-default-keywords -k Text:1 -k Plural:1,2 \
	--sort-output --add-location=file --project=Ayni --copyright-holder=Ayni

catalogues: $(STAMP)
	$(EXTRACT) -o core/locale/ayni.pot core cli tui
	for p in $(PLUGINS); do $(EXTRACT) -o plugins/$$p/locale/ayni_$$p.pot plugins/$$p || exit 1; done
	$(BIN)/pybabel -q update -N -D ayni -i core/locale/ayni.pot -d core/locale
	for p in $(PLUGINS); do \
	  $(BIN)/pybabel -q update -N -D ayni_$$p -i plugins/$$p/locale/ayni_$$p.pot -d plugins/$$p/locale || exit 1; done
	$(BIN)/python -c 'import sys; from ayni.core.catalogues import main; sys.exit(main(sys.argv[1:]))' \
	  core/locale $(foreach p,$(PLUGINS),plugins/$(p)/locale)
	$(BIN)/pybabel compile --statistics -D ayni -d core/locale
	for p in $(PLUGINS); do $(BIN)/pybabel compile --statistics -D ayni_$$p -d plugins/$$p/locale || exit 1; done

%.mo: %.po | $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@

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
