# Dialogues: every set-up step lives here, so a fresh Debian machine needs only
# `make html` (build the example site) and `make test` (run the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUTPUT ?= output
THEME := themes/dialogues
THEME_CSS := $(THEME)/static/css/dialogues.css
SEED_COMMENTS := content/comments/example-comments.json
EMBEDDED_STORE := var/comments.db

# The build clock and the comment store can be given in the environment or on
# the command line (make html DIALOGUES_BUILD_TIME=2026-01-01T09:00:00Z).
# Exported only when set: an empty SOURCE_DATE_EPOCH breaks pip.
$(foreach variable,DIALOGUES_BUILD_TIME DIALOGUES_COMMENTS_STORE SOURCE_DATE_EPOCH,\
	$(if $(value $(variable)),$(eval export $(variable))))

.PHONY: html serve publish preview check test lint clean setup theme system-test-deps comments-store

html: setup theme comments-store
	$(BIN)/pelican content -s pelicanconf.py -o $(OUTPUT)

serve: setup theme comments-store
	$(BIN)/pelican content -s pelicanconf.py -o $(OUTPUT) --autoreload --listen --bind 127.0.0.1 --port 8000

publish: setup theme comments-store
	$(BIN)/pelican content -s publishconf.py -o $(OUTPUT)

# Drafts and embargoed content, every page marked "Preview: not published"; never into output/.
preview: setup theme comments-store
	$(BIN)/pelican content -s previewconf.py -o preview

check: setup
	PYTHONPATH=plugins $(BIN)/python -m content_model.check -s pelicanconf.py; status=$$?; \
	PYTHONPATH=plugins $(BIN)/python -m bilingual.check -s pelicanconf.py || status=1; exit $$status

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,postgresql]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# --- theme (GOV.UK Frontend compiled from SCSS, without the GDS Transport font) ---
# The CSS is written to a temporary file, checked, then moved into place, so a
# failed compile never leaves a stale or half-written stylesheet behind. The
# check refuses the GDS Transport font (licensed only for gov.uk), any
# @font-face and any url() that is absolute or names another host (publishing
# invariant 5). No GOV.UK Frontend asset is copied: its favicon, icons and
# crest are the crown and royal arms, which only gov.uk may use; the theme's
# own favicon is committed in $(THEME)/static/images/. A stale
# $(THEME)/static/assets/ from an older set-up is removed so no font is
# ever published by accident.
theme: $(THEME_CSS) translations

$(THEME_CSS): node_modules/.installed $(wildcard $(THEME)/scss/*.scss)
	mkdir -p $(dir $@)
	rm -rf $(THEME)/static/assets
	node_modules/.bin/sass --no-source-map --no-error-css --quiet-deps --load-path=node_modules \
		$(THEME)/scss/dialogues.scss $@.tmp
	@if grep -Eq "GDS Transport|@font-face|url\\([\"']?(/|[a-z]+:)" $@.tmp; then \
		echo "$@: the compiled CSS loads a font or a file from another host; see $(THEME)/scss/" >&2; \
		rm -f $@.tmp; exit 1; \
	fi
	mv $@.tmp $@
# --- end theme ---

# --- the theme's words in each language (docs/bilingual.md) ---
# Each language's messages.po is compiled into the messages.mo the build reads; `make
# messages` extracts the templates' words into messages.pot and adds new ones to each .po.
THEME_TRANSLATIONS := $(THEME)/translations
THEME_MO := $(patsubst %.po,%.mo,$(wildcard $(THEME_TRANSLATIONS)/*/LC_MESSAGES/messages.po))
.PHONY: translations messages

translations: $(THEME_MO)

$(THEME_TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(THEME_TRANSLATIONS)/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel -q compile -i $< -o $@

messages: setup
	$(BIN)/pybabel -q extract -F $(THEME_TRANSLATIONS)/babel.cfg --no-location --sort-output \
		--project=Dialogues -o $(THEME_TRANSLATIONS)/messages.pot $(THEME)/templates
	$(BIN)/pybabel -q update -N -i $(THEME_TRANSLATIONS)/messages.pot -d $(THEME_TRANSLATIONS)
# --- end the theme's words ---

# The embedded store is created from the committed example comments the first
# time only, so moderation done with `python -m comments_bridge` is kept.
comments-store: setup
	@if [ -z "$$DIALOGUES_COMMENTS_STORE" ] && [ ! -e $(EMBEDDED_STORE) ] && [ -e $(SEED_COMMENTS) ]; then \
		mkdir -p $(dir $(EMBEDDED_STORE)); \
		$(BIN)/python -m comments_bridge import --store sqlite:///$(EMBEDDED_STORE) $(SEED_COMMENTS); \
	fi

# A real Isso server for the comments bridge's tests, in its own virtualenv.
ISSO_VENV := .venv-isso
$(ISSO_VENV)/.installed: requirements-isso.txt
	test -x $(ISSO_VENV)/bin/python || $(PYTHON) -m venv $(ISSO_VENV)
	$(ISSO_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-isso.txt
	touch $@

# Browsers, Java and servers the real-component tests need (Debian packages); the tests
# start their own PostgreSQL from /usr/lib/postgresql/<version>/bin in a temporary folder.
system-test-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v java >/dev/null && \
		ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver default-jre-headless postgresql; }

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup theme system-test-deps lint pywb $(ISSO_VENV)/.installed
	$(BIN)/pytest -n 2

clean:
	rm -rf $(OUTPUT) $(OUTPUT).* preview dist var/cache .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -not -path './.venv/*' -not -path './node_modules/*' -prune -exec rm -rf {} +

# --- permanent records (docs/archive.md) ---
# `make archive` makes the production build in $(OUTPUT)/ and packages exactly that into dist/:
# a SHA-256 manifest, a BagIt bag, a WARC and a WACZ, dated SOURCE_DATE_EPOCH (default: the
# time of the last commit). `make verify-archive` runs each format's own full validation.
.PHONY: archive verify-archive published-urls pywb

archive: publish
	PYTHONPATH=plugins $(BIN)/python -m archive package -s publishconf.py $(OUTPUT) dist

verify-archive: setup
	PYTHONPATH=plugins $(BIN)/python -m archive verify dist

# Adds every URL the build published to content/published-urls.txt; it never removes one.
published-urls: html
	PYTHONPATH=plugins $(BIN)/python -m permanent_urls -s pelicanconf.py $(OUTPUT)

# pywb replays the WARC in the tests, from its own virtualenv (requirements-pywb.txt).
PYWB_VENV := .venv-pywb

pywb: $(PYWB_VENV)/.installed

$(PYWB_VENV)/.installed: requirements-pywb.txt
	test -x $(PYWB_VENV)/bin/python || $(PYTHON) -m venv $(PYWB_VENV)
	$(PYWB_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-pywb.txt
	touch $@
# --- end permanent records ---

# --- benchmark (docs/performance.md) ---
# Generates a site into var/bench/ and builds it with Dialogues and with plain Pelican, side by
# side: `make bench BENCH_ARGS="--posts 1000 5000"` for other sizes.
.PHONY: bench
bench: setup theme
	$(BIN)/python -m bench $(BENCH_ARGS)
# --- end benchmark ---
