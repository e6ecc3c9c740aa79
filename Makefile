# fazhi — two commands do everything on a fresh machine:
#   make demo    set up, then analyse and review the example report and load it into a SQLite corpus
#   make test    set up, then run the tests
# then `make serve` opens that corpus in the web application (http://127.0.0.1:8000/, demo / demo).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo serve test eval bench clean

EXAMPLE := examples/青禾县2023年法治政府建设年度报告.txt
DEMO := artifacts/demo

$(STAMP): pyproject.toml constraints.txt package.json package-lock.json
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[test,eval,ocr]'
	./scripts/vendor.sh
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/fazhi analyze $(EXAMPLE)
	$(BIN)/fazhi review $(EXAMPLE) -o $(DEMO)/审核意见.docx
	$(BIN)/fazhi review $(EXAMPLE) -o $(DEMO)/审核意见.html
	$(BIN)/fazhi ingest examples/ --db $(DEMO)/fazhi.db
	$(BIN)/fazhi list --db $(DEMO)/fazhi.db
	@echo "审核意见：$(DEMO)/审核意见.docx、$(DEMO)/审核意见.html；报告库：$(DEMO)/fazhi.db"
	@echo "网页版：make serve，然后打开 http://127.0.0.1:8000/ ，演示账号 demo / demo"

serve: setup
	$(BIN)/fazhi serve --demo --db $(DEMO)/fazhi.db

test: setup
	$(BIN)/ruff check src eval bench tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/python -m eval

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info
