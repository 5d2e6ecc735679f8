# The two set-up commands of the README: `make run` and `make test` (each installs first).
.PHONY: install run test bench lint corpus

install:
	bash scripts/install.sh

run: install
	.venv/bin/ctg run corpus/ --out out/

test: install
	.venv/bin/ruff check .
	.venv/bin/python -m pytest

bench: install
	.venv/bin/python bench/extract.py
	.venv/bin/python bench/run.py

corpus: install
	.venv/bin/python -m ctg.corpus.generate --out corpus
