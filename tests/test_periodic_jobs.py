"""Every periodic job in policy_portal/schedules.py points at a real function with a valid cron line."""

from __future__ import annotations

import pytest
from croniter import croniter
from django.utils.module_loading import import_string

from policy_portal.schedules import PERIODIC_JOBS


@pytest.mark.parametrize("job", PERIODIC_JOBS, ids=lambda job: job.name)
def test_a_periodic_job_calls_a_function_on_a_valid_cron_line(job):
    assert callable(import_string(job.func))
    assert croniter.is_valid(job.cron)


def test_workers_that_died_are_recovered_every_minute_for_exports_and_checks():
    every_minute = {job.func for job in PERIODIC_JOBS if job.cron == "* * * * *"}
    assert "charters.evidence.tasks.run_evidence_exports_requeue" in every_minute
    assert "charters.evidence.tasks.run_evidence_verifications_requeue" in every_minute
    assert any(job.func == "charters.evidence.tasks.run_evidence_storage_sweep" for job in PERIODIC_JOBS)
