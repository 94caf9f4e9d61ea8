# Social Academy: `make demo` serves the embedded demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make demo PORT=8080` serves on another port; links in mails and credentials follow it.
PORT ?= 8000

.PHONY: demo test lint format bench install worker beat clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	npm ci --prefix tests/verifiers --no-audit --no-fund --loglevel=error
	@touch $(STAMP)

install: $(STAMP)

demo: export SITE_URL ?= http://127.0.0.1:$(PORT)
demo: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py create_signing_key --if-missing
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Two workers for everything but the browser journeys, which then run on their own.
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "not browser"
	$(BIN)/python -m pytest -m browser

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m benchmarks

worker: $(STAMP)
	$(BIN)/celery -A academy_site worker --loglevel=info

beat: $(STAMP)
	$(BIN)/celery -A academy_site beat --loglevel=info

clean:
	rm -rf $(VENV) db.sqlite3 var
