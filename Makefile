# Frau Emma – everything a fresh machine needs, from Python 3.11+ and make alone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench translations extract-messages update-catalogs compile-catalogs clean package package-check \
	screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/pybabel compile --domain emma --directory emma/locale --use-fuzzy --statistics >/dev/null
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/emma

test: $(STAMP) compile-catalogs
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) compile-catalogs
	$(BIN)/python -m benchmarks

# Translations: extract the strings, merge them into the catalogs, compile the .mo files.
translations: extract-messages update-catalogs compile-catalogs

extract-messages: $(STAMP)
	$(BIN)/pybabel extract --mapping babel.cfg --keywords _ --keywords N_ --keywords ngettext:1,2 \
		--project "Frau Emma" --copyright-holder "Frau Emma" --msgid-bugs-address "" \
		--no-location --sort-output --output emma/locale/emma.pot emma

update-catalogs: $(STAMP)
	$(BIN)/pybabel update --domain emma --input-file emma/locale/emma.pot --output-dir emma/locale --no-fuzzy-matching --ignore-obsolete

compile-catalogs: $(STAMP)
	$(BIN)/pybabel compile --domain emma --directory emma/locale --statistics >/dev/null

# The one-folder app in dist/frau-emma/ (PyInstaller; see packaging/README.md for Windows and macOS).
PACKAGE_STAMP := $(VENV)/.installed-package

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP) compile-catalogs
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/frau-emma.spec

# The built app on its own: no venv on PATH, no project folder as working folder, a fresh data folder.
package-check: package
	packaging/check_package.sh dist/frau-emma

# The user guide's screenshots (docs/screenshots/), from a fresh demo shop, offscreen.
screenshots: $(STAMP) compile-catalogs
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshots.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
