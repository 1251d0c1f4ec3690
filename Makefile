.PHONY: run test lint messages bench bench-small soak setup audit fuzz-checker train-checker checker-loco train-sentiment
run:        ## set up and run the portal (web + worker + demo data)
	scripts/run
test:       ## lint, tests on SQLite and PostgreSQL, deploy check
	scripts/test
setup:
	scripts/setup
audit:      ## pip-audit of the locked dependencies (exit 3: vulnerability database unreachable, NOT audited)
	scripts/audit
lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .
messages:   ## extract strings into locale/*/django.po (needs GNU gettext), then compile
	.venv/bin/python manage.py makemessages -l fr -l en --no-obsolete --ignore=.venv --ignore=var
	.venv/bin/python manage.py compile_translations
bench:      ## performance benchmarks of every issue's targets, full sizes (BENCH_ONLY=name for one)
	scripts/bench
bench-small: ## every benchmark at a small size, figures not judged (CI runs it: a benchmark that breaks fails)
	scripts/bench --small
soak:       ## 100 people for ~2 minutes against gunicorn + PostgreSQL (portal_soak database, loopback only)
	.venv/bin/python scripts/soak.py
fuzz-checker: ## hypothesis drafts through the checker for ~60 s (FUZZ_SECONDS); last line: any check > 50 ms or raised?
	.venv/bin/python benchmarks/fuzz_checker.py
train-checker: ## retrain the shipped checker model from compliance/training (seeded; a few minutes on 2 cores)
	.venv/bin/python -m compliance.training.validate
	.venv/bin/python -m compliance.training.ship
checker-loco: ## leave-one-company-out benchmark (trains one model per training company); writes compliance/training/loco.json
	.venv/bin/python benchmarks/checker_cross_company.py
train-sentiment: ## retrain the shipped sentiment model of the watch (seeded; about 3 minutes on 2 cores)
	.venv/bin/python -m compliance.watch.sentiment.generate
	.venv/bin/python -m compliance.watch.sentiment.validate
	.venv/bin/python -m compliance.watch.sentiment.train
