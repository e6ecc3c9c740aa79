# fazhi — two commands do everything on a fresh machine:
#   make demo    set up, then analyse and review the example report
#   make test    set up, then run the tests
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test eval bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[test,eval]'
	./scripts/vendor.sh
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/fazhi analyze examples/青禾县2023年法治政府建设年度报告.txt

test: setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/python -m eval

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info
