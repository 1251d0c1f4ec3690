"""manage.py checker_retrain: adapt the checker's model to the company from what reviewers confirmed.

manage.py checker_retrain            queue the training (a django-q2 worker runs it)
manage.py checker_retrain --sync     run it here, printing its progress
manage.py checker_retrain --status   the company models, their progress and evaluations
manage.py checker_retrain --restore ID|shipped   put a replaced model (or the shipped one) back in use
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from compliance.learning.card import evaluation_lines, step_text
from compliance.learning.retrain import (
    checker_model_list,
    checker_model_restore,
    checker_retrain_run,
    checker_retrain_start,
)
from policy_portal.errors import ApplicationError


class Command(BaseCommand):
    help = "Fine-tune the checker's model on the reviewed drafts; keep it only if it is not worse."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sync", action="store_true", help="Train in this process and print the progress.")
        parser.add_argument("--status", action="store_true", help="List the company models.")
        parser.add_argument("--restore", metavar="ID|shipped", help="Put a replaced model back in use.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["status"]:
                return self._status()
            if options["restore"]:
                return self._restore(options["restore"])
            self._train(sync=options["sync"])
        except ApplicationError as exc:
            raise CommandError(exc.message) from None

    def _train(self, *, sync: bool) -> None:
        if not sync:
            model = checker_retrain_start()
            self.stdout.write(
                f"Training #{model.pk} queued: a worker runs it. Follow it with `manage.py checker_retrain --status`."
            )
            return
        model = checker_retrain_start(queue=False)  # the same row and refusals; the job runs here
        self.stdout.write(f"Training #{model.pk}")
        status = checker_retrain_run(model_id=model.pk, report=self._say)
        model.refresh_from_db()
        for line in evaluation_lines(model):
            self.stdout.write(line)
        self.stdout.write(f"#{model.pk}: {model.get_status_display()}")
        if status == model.Status.FAILED:
            raise CommandError(model.card.get("error", "failed"))

    def _say(self, progress: int, message: str) -> None:
        self.stdout.write(f"{progress:3d} %  {step_text(message)}")

    def _status(self) -> None:
        for model in checker_model_list()[:20]:
            self.stdout.write(
                f"#{model.pk} {model.created_at:%Y-%m-%d %H:%M} {model.get_status_display()} "
                f"{model.progress} % {step_text(model.message)}"
            )
            for line in evaluation_lines(model):
                self.stdout.write("    " + line)

    def _restore(self, which: str) -> None:
        if which == "shipped":
            checker_model_restore(model_id=None)
            self.stdout.write("The shipped model is in use again.")
            return
        if not which.isdigit():
            raise CommandError("--restore takes a model number or 'shipped'.")
        checker_model_restore(model_id=int(which))
        self.stdout.write(f"Model #{which} is in use again.")
