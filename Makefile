# Raccourcis de développement. `make test` est la commande de test du README.
.PHONY: test lint format golden bench docs

test:
	python -m pytest -q

lint:
	ruff check rzn tests benchmarks
	ruff format --check rzn tests benchmarks
	mypy

format:
	ruff check --fix rzn tests benchmarks
	ruff format rzn tests benchmarks

golden:
	RZN_UPDATE_GOLDEN=1 python -m pytest -q tests/test_golden.py

bench:
	python benchmarks/run.py

# The stored help pages (rzn --help without Typer), then docs/regles.md and docs/commandes.md,
# are generated from the CLI and the rule registry.
docs:
	python -m rzn.cli.help
	ruff format -q rzn/cli/help_pages.py
	python -m rzn.cli.reference
