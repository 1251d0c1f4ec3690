from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django_q.models import Schedule

from policy_portal.schedules import PERIODIC_JOBS


class Command(BaseCommand):
    help = "Create or update the django-q2 schedules of every periodic job (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        names = []
        for job in PERIODIC_JOBS:
            Schedule.objects.update_or_create(
                name=job.name,
                defaults={"func": job.func, "schedule_type": Schedule.CRON, "cron": job.cron, "repeats": -1},
            )
            names.append(job.name)
        self.stdout.write(f"{len(names)} periodic job(s) scheduled: {', '.join(names)}")
