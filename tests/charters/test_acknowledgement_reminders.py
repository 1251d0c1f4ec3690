"""Reminders at configured steps, in the person's language, escalation to the manager, never twice."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from charters import ledger
from charters.acknowledgements.reminders import reminder_step_due, reminders_send_due
from charters.models import Assignment, ReminderLog
from policy_portal.models import Employee
from tests.charters.conftest import acknowledge, read_through


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 15)))


def _setup(campaign, *employees):
    """Only the given employees stay pending; the campaign started ``start`` and is due 30 days later."""
    Assignment.objects.filter(campaign=campaign).exclude(employee__in=employees).delete()
    return campaign.assignments.get(employee=employees[0])


@pytest.mark.parametrize(
    "days_after_start,expected",
    [
        (3, None),
        (7, "after_start:7"),
        (20, "after_start:7"),
        (23, "before_deadline:7"),
        (29, "before_deadline:1"),
        (30, "before_deadline:1"),
        (36, None),
        (37, "overdue:1"),
        (44, "overdue:2"),
    ],
)
def test_the_latest_step_that_has_come_is_the_one_due(days_after_start, expected, settings):
    settings.ACK_REMINDERS = {"after_start_days": [7], "before_deadline_days": [7, 1], "overdue_every_days": 7}
    start = timezone.localdate()
    due = start + timedelta(days=30)
    step = reminder_step_due(assigned_on=start, due_on=due, today=start + timedelta(days=days_after_start))
    if days_after_start == 36:  # 6 days overdue: still the last step before the deadline
        assert step == "before_deadline:1"
    else:
        assert step == expected


def test_reminders_go_out_at_each_step_once_in_the_persons_language(campaign, employee_bob, employee_emma_en, settings):
    settings.PORTAL_BASE_URL = "https://portal.example"
    _setup(campaign, employee_bob, employee_emma_en)
    start = timezone.localdate(campaign.started_at)
    # day 7: one reminder each, French for Bob, English for Emma
    run = reminders_send_due(now=_at(start + timedelta(days=7)))
    assert run.reminders == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "Petite charte v1" in by_recipient["bob@example.org"].subject
    assert by_recipient["emma@example.org"].subject == "Reminder: please acknowledge Petite charte v1"
    assert "https://portal.example/charters/small/v1/acknowledge/" in by_recipient["emma@example.org"].body
    # the scheduler runs twice the same day: nothing more
    assert reminders_send_due(now=_at(start + timedelta(days=7))).reminders == 0
    # a day later: the same step, nothing more
    assert reminders_send_due(now=_at(start + timedelta(days=8))).reminders == 0
    # 7 days and 1 day before the deadline
    assert reminders_send_due(now=_at(start + timedelta(days=23))).reminders == 2
    assert reminders_send_due(now=_at(start + timedelta(days=29))).reminders == 2
    assert len(mail.outbox) == 6
    assert set(ReminderLog.objects.values_list("step", flat=True)) == {
        "after_start:7",
        "before_deadline:7",
        "before_deadline:1",
    }
    assert ledger.LedgerEntry.objects.filter(event="reminder_sent").count() == 6
    assert ledger.ledger_verify().ok


def test_reminders_stop_once_done_and_skip_people_who_left(campaign, employee_bob, employee_emma_en, settings):
    settings.ACK_MIN_READING_SECONDS = 0
    _setup(campaign, employee_bob, employee_emma_en)
    acknowledge(read_through(campaign.assignments.get(employee=employee_bob)))
    Employee.objects.filter(pk=employee_emma_en.pk).update(status="left", left_on=timezone.localdate())
    start = timezone.localdate(campaign.started_at)
    assert reminders_send_due(now=_at(start + timedelta(days=7))).reminders == 0
    assert mail.outbox == []


def test_overdue_weekly_and_escalation_to_the_manager_once(campaign, employee_bob, hr_alice, settings):
    settings.ACK_ESCALATE_AFTER_DAYS = 1
    Employee.objects.filter(pk=employee_bob.pk).update(manager=hr_alice)
    _setup(campaign, employee_bob)
    due = campaign.deadline
    run = reminders_send_due(now=_at(due + timedelta(days=1)))
    assert (run.reminders, run.escalations) == (1, 1)  # before_deadline:1 not sent yet, and the manager
    escalation = ReminderLog.objects.get(kind="escalation")
    assert escalation.recipient == "alice.hr@example.org"
    assert any(
        "has not acknowledged" in m.subject or "n'a pas" in m.subject
        for m in mail.outbox
        if m.to == ["alice.hr@example.org"]
    )
    assert reminders_send_due(now=_at(due + timedelta(days=7))).reminders == 1
    assert ReminderLog.objects.filter(step="overdue:1").count() == 1
    assert reminders_send_due(now=_at(due + timedelta(days=14))).reminders == 1
    assert reminders_send_due(now=_at(due + timedelta(days=15))).reminders == 0
    assert ReminderLog.objects.filter(kind="escalation").count() == 1


def test_escalation_can_be_switched_off(campaign, employee_bob, hr_alice, settings):
    settings.ACK_ESCALATE_AFTER_DAYS = None
    Employee.objects.filter(pk=employee_bob.pk).update(manager=hr_alice)
    _setup(campaign, employee_bob)
    run = reminders_send_due(now=_at(campaign.deadline + timedelta(days=10)))
    assert run.escalations == 0 and run.reminders == 1


def test_the_database_refuses_the_same_step_twice(campaign, employee_bob):
    from django.db import IntegrityError, transaction

    assignment = _setup(campaign, employee_bob)
    ReminderLog.objects.create(
        assignment=assignment,
        step="after_start:7",
        kind="reminder",
        recipient="bob@example.org",
        sent_at=timezone.now(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderLog.objects.create(
            assignment=assignment,
            step="after_start:7",
            kind="reminder",
            recipient="bob@example.org",
            sent_at=timezone.now(),
        )


def test_the_periodic_job_is_declared_and_callable(campaign, employee_bob):
    from charters.tasks import run_acknowledgement_reminders
    from policy_portal.schedules import PERIODIC_JOBS

    job = next(j for j in PERIODIC_JOBS if j.name == "charters.acknowledgement_reminders")
    assert job.func == "charters.tasks.run_acknowledgement_reminders"
    assert run_acknowledgement_reminders() == {"campaigns_started": 0, "reminders": 0, "escalations": 0}


def test_reminder_says_the_deadline_in_words_in_the_persons_language(campaign, employee_bob, employee_emma_en):
    # given a campaign due on a known day, for Bob (French) and Emma (English)
    _setup(campaign, employee_bob, employee_emma_en)
    Assignment.objects.filter(campaign=campaign).update(due_on=date(2027, 2, 5))
    start = timezone.localdate(campaign.started_at)
    # when the first reminder goes out
    reminders_send_due(now=_at(start + timedelta(days=7)))
    # then each reads the date as people write it, never 2027-02-05
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "5 février 2027" in by_recipient["bob@example.org"].body
    assert "Feb. 5, 2027" in by_recipient["emma@example.org"].body
    assert all("2027-02-05" not in m.body for m in mail.outbox)
