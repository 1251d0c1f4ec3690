"""HR's "send reminders now": everyone due or overdue gets the reminder once, the page says how many."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from charters import ledger
from charters.acknowledgements.reminders import reminder_batch_request
from charters.acknowledgements.services import campaign_start
from charters.models import Assignment, Campaign, ReminderBatch, ReminderLog
from charters.tasks import run_reminder_batch
from policy_portal.errors import Conflict, PermissionDenied
from tests.charters.conftest import acknowledge, publish, read_through
from tests.charters.transactional import (  # noqa: F401
    in_a_thread,
    real_transactions,
    threads_share_a_real_database,
)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def _urls(campaign) -> dict[str, str]:
    kwargs = {"slug": campaign.version.charter.slug, "number": campaign.version.number}
    return {
        "detail": reverse("charters:campaign-detail", kwargs=kwargs),
        "send": reverse("charters:campaign-remind-now", kwargs=kwargs),
        "block": reverse("charters:campaign-reminders", kwargs=kwargs),
    }


@pytest.fixture
def late_campaign(campaign, employee_bob, employee_emma_en, hr_alice, approver_victor, no_reading_minimum):
    """Bob (French) is overdue, Emma (English) due today, Victor not due yet, Alice overdue but signed."""
    today = timezone.localdate()
    due = {employee_bob: today - timedelta(days=3), employee_emma_en: today, hr_alice: today - timedelta(days=3)}
    for employee, day in due.items():
        Assignment.objects.filter(campaign=campaign, employee=employee).update(due_on=day)
    Assignment.objects.filter(campaign=campaign, employee=approver_victor).update(due_on=today + timedelta(days=5))
    acknowledge(read_through(campaign.assignments.get(employee=hr_alice)))
    return campaign


def test_hr_reminds_everyone_due_or_overdue_once_in_their_language(
    late_campaign, hr_alice, as_user, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example"
    hr = as_user(hr_alice)
    page = hr.get(_urls(late_campaign)["detail"], **EN).content.decode()
    assert "Send reminders now (2 people due or overdue)" in page
    # when HR confirms
    with django_capture_on_commit_callbacks(execute=True):
        response = hr.post(_urls(late_campaign)["send"], **EN)
    # then Bob (overdue, French) and Emma (due today, English) got it; Victor (not due) and Alice (signed) did not
    assert response.status_code == 302 and response["Location"].endswith("#reminders")
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"bob@example.org", "emma@example.org"}
    assert by_recipient["bob@example.org"].subject == "Relance : merci de signer Petite charte v1"
    assert by_recipient["emma@example.org"].subject == "Reminder: please acknowledge Petite charte v1"
    assert "https://portal.example/charters/small/v1/acknowledge/" in by_recipient["emma@example.org"].body
    batch = ReminderBatch.objects.get()
    assert (batch.status, batch.reminded, batch.requested_by) == ("done", 2, hr_alice.user)
    assert ReminderLog.objects.filter(step=batch.step).count() == 2
    assert ledger.LedgerEntry.objects.filter(event="reminder_sent").count() == 2
    # and the page says how many
    after = hr.get(response["Location"], **EN).content.decode()
    assert "2 reminders sent (" in after
    # a second batch cannot be asked for within the window
    assert "They can be sent again from" in after and "Yes, send" not in after


def test_the_page_says_how_many_in_french(late_campaign, hr_alice, as_user, django_capture_on_commit_callbacks):
    hr = as_user(hr_alice)
    page = hr.get(_urls(late_campaign)["detail"], **FR).content.decode()
    assert "Envoyer les rappels maintenant (2 personnes à signer ou en retard)" in page
    assert "Oui, envoyer 2 rappels" in page
    with django_capture_on_commit_callbacks(execute=True):
        hr.post(_urls(late_campaign)["send"], **FR)
    after = hr.get(_urls(late_campaign)["detail"], **FR).content.decode()
    assert "2 rappels envoyés (" in after
    assert "Ils pourront être renvoyés à partir de" in after


def test_a_double_click_sends_nobody_a_second_reminder(
    late_campaign, hr_alice, as_user, django_capture_on_commit_callbacks
):
    hr = as_user(hr_alice)
    with django_capture_on_commit_callbacks(execute=True):
        hr.post(_urls(late_campaign)["send"], **EN)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = hr.post(_urls(late_campaign)["send"], follow=True, **EN).content.decode()
    assert callbacks == []  # no second job
    assert ReminderBatch.objects.count() == 1
    assert len(mail.outbox) == 2
    assert "Reminders were already sent at" in second and "nobody gets a second one" in second
    french = hr.post(_urls(late_campaign)["send"], follow=True, **FR).content.decode()
    assert "Les rappels ont déjà été envoyés à" in french


def test_after_the_window_hr_can_remind_again(late_campaign, hr_alice, django_capture_on_commit_callbacks, settings):
    settings.ACK_REMIND_NOW_WINDOW_MINUTES = 10
    with django_capture_on_commit_callbacks(execute=True):
        first, created = reminder_batch_request(campaign=late_campaign, by=hr_alice.user)
    assert created
    eleven_minutes_later = timezone.now() + timedelta(minutes=11)
    with django_capture_on_commit_callbacks(execute=True):
        within, created = reminder_batch_request(
            campaign=late_campaign, by=hr_alice.user, now=timezone.now() + timedelta(minutes=9)
        )
    assert not created and within == first
    with django_capture_on_commit_callbacks(execute=True):
        second, created = reminder_batch_request(campaign=late_campaign, by=hr_alice.user, now=eleven_minutes_later)
    assert created and second != first
    second.refresh_from_db()
    assert second.reminded == 2 and len(mail.outbox) == 4


def test_a_job_delivered_twice_sends_nothing_twice(late_campaign, hr_alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        batch, _created = reminder_batch_request(campaign=late_campaign, by=hr_alice.user)
    # the queue hands the job again (e.g. the worker died before acknowledging it)
    assert run_reminder_batch(batch.pk) == 2
    ReminderBatch.objects.filter(pk=batch.pk).update(status="running")  # even as if it had not finished
    assert run_reminder_batch(batch.pk) == 2
    assert len(mail.outbox) == 2


def test_a_batch_whose_job_was_lost_is_sent_by_the_periodic_safety_net(
    late_campaign, hr_alice, django_capture_on_commit_callbacks
):
    from charters.tasks import run_reminder_batches_requeue
    from policy_portal.schedules import PERIODIC_JOBS

    assert any(job.func == "charters.tasks.run_reminder_batches_requeue" for job in PERIODIC_JOBS)
    # given a batch asked for whose job never ran (the queue lost it)
    batch, _created = reminder_batch_request(campaign=late_campaign, by=hr_alice.user)  # on_commit not run
    assert run_reminder_batches_requeue() == []  # too recent: its job may still come
    ReminderBatch.objects.filter(pk=batch.pk).update(requested_at=timezone.now() - timedelta(minutes=6))
    # when the safety net runs (twice)
    assert run_reminder_batches_requeue() == [batch.pk]
    assert run_reminder_batches_requeue() == []
    # then it was sent, once
    batch.refresh_from_db()
    assert batch.status == "done" and batch.reminded == 2 and len(mail.outbox) == 2


def test_someone_reminded_by_the_scheduler_minutes_ago_is_not_reminded_again(
    late_campaign, employee_bob, hr_alice, as_user, django_capture_on_commit_callbacks
):
    bob = late_campaign.assignments.get(employee=employee_bob)
    ReminderLog.objects.create(
        assignment=bob,
        step="overdue:1",
        kind="reminder",
        recipient="bob@example.org",
        sent_at=timezone.now() - timedelta(minutes=2),
    )
    # the button counts only who will get it
    page = as_user(hr_alice).get(_urls(late_campaign)["detail"], **EN).content.decode()
    assert "Send reminders now (1 person due or overdue)" in page and "Yes, send 1 reminder<" in page
    with django_capture_on_commit_callbacks(execute=True):
        batch, _created = reminder_batch_request(campaign=late_campaign, by=hr_alice.user)
    batch.refresh_from_db()
    assert batch.reminded == 1 and [m.to for m in mail.outbox] == [["emma@example.org"]]


def test_only_hr_sends_and_only_while_the_campaign_is_open(
    late_campaign, legal_carol, hr_alice, as_user, django_capture_on_commit_callbacks
):
    # legal sees the dashboard, not the button, and is refused the action
    page = as_user(legal_carol).get(_urls(late_campaign)["detail"], **EN).content.decode()
    assert 'id="reminders"' in page and "Send reminders now" not in page
    assert as_user(legal_carol).post(_urls(late_campaign)["send"], **EN).status_code == 403
    with pytest.raises(PermissionDenied):
        reminder_batch_request(campaign=late_campaign, by=legal_carol.user)
    # a closed campaign reminds nobody
    Campaign.objects.filter(pk=late_campaign.pk).update(closed_at=timezone.now())
    late_campaign.refresh_from_db()
    with pytest.raises(Conflict):
        reminder_batch_request(campaign=late_campaign, by=hr_alice.user)
    assert as_user(hr_alice).post(_urls(late_campaign)["send"], **EN).status_code == 409
    assert "Send reminders now" not in as_user(hr_alice).get(_urls(late_campaign)["detail"], **EN).content.decode()
    assert not ReminderBatch.objects.exists() and mail.outbox == []


def test_the_button_is_a_confirmed_post_with_a_csrf_token(late_campaign, hr_alice):
    hr = Client(enforce_csrf_checks=True)
    hr.force_login(hr_alice.user)
    page = hr.get(_urls(late_campaign)["detail"], **EN).content.decode()
    block = page.split('id="reminders"')[1].split("</section>")[0]
    # the button sits inside the confirmation (a <details> opened from the keyboard), in a POST form with a token
    assert block.index("<details") < block.index("<summary>") < block.index('method="post"')
    assert "csrfmiddlewaretoken" in block and ">Yes, send 2 reminders</button>" in block
    assert hr.post(_urls(late_campaign)["send"], **EN).status_code == 403  # no token
    assert not ReminderBatch.objects.exists()


def test_the_block_polls_while_sending_then_shows_the_count(late_campaign, hr_alice, as_user):
    hr = as_user(hr_alice)
    batch, _created = reminder_batch_request(campaign=late_campaign, by=hr_alice.user)  # queued, not run yet
    htmx = {"HTTP_HX_REQUEST": "true", **EN}
    sending = hr.get(_urls(late_campaign)["block"], **htmx).content.decode()
    assert "Sending reminders…" in sending and "hx-trigger" in sending
    run_reminder_batch(batch.pk)
    done = hr.get(_urls(late_campaign)["block"], **htmx).content.decode()
    assert "2 reminders sent" in done and "hx-trigger" not in done
    plain = hr.get(_urls(late_campaign)["block"], **EN)
    assert plain.status_code == 302 and plain["Location"] == _urls(late_campaign)["detail"] + "#reminders"


def _click(cookies, url: str, barrier: threading.Barrier) -> int:
    client = Client()
    client.cookies = cookies
    try:
        connection.ensure_connection()
        barrier.wait(timeout=30)
        return client.post(url).status_code
    finally:
        connection.close()


@pytest.mark.slow
def test_simultaneous_clicks_send_each_person_one_reminder(
    real_transactions,  # noqa: F811
    small_charter,
    hr_alice,
    approver_victor,
    employee_bob,
    employee_emma_en,
    tmp_path,
):
    # given a campaign where everyone is overdue
    version = publish(small_charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    campaign = campaign_start(version=version)
    Assignment.objects.filter(campaign=campaign).update(due_on=timezone.localdate() - timedelta(days=1))
    people = campaign.assignments.count()
    main = Client()
    main.force_login(hr_alice.user)
    clicks = 8
    barrier = threading.Barrier(clicks)
    # when HR's button is pressed eight times at once
    with threads_share_a_real_database(tmp_path):
        with ThreadPoolExecutor(max_workers=clicks) as pool:
            statuses = list(pool.map(lambda _i: _click(main.cookies, _urls(campaign)["send"], barrier), range(clicks)))
        batches = in_a_thread(lambda: ReminderBatch.objects.count())
        logs = in_a_thread(lambda: ReminderLog.objects.count())
    # then one batch, one e-mail per person
    assert statuses == [302] * clicks
    assert batches == 1 and logs == people
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        campaign.assignments.values_list("employee__user__email", flat=True)
    )


def test_with_a_synchronous_queue_the_message_says_how_many_were_sent(
    real_transactions,  # noqa: F811
    small_charter,
    hr_alice,
    approver_victor,
    employee_bob,
):
    # given a campaign where everyone is overdue, and a queue that runs jobs at once (the test settings)
    version = publish(small_charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    campaign = campaign_start(version=version)
    Assignment.objects.filter(campaign=campaign).update(due_on=timezone.localdate() - timedelta(days=1))
    people = campaign.assignments.count()
    hr = Client()
    hr.force_login(hr_alice.user)
    # when HR sends reminders, in French then in English
    page = hr.post(_urls(campaign)["send"], follow=True, **FR).content.decode()
    # then the message counts the e-mails sent
    assert f"{people} rappels envoyés." in page
    an_hour_ago = timezone.now() - timedelta(hours=1)
    ReminderBatch.objects.update(requested_at=an_hour_ago)
    ReminderLog.objects.update(sent_at=an_hour_ago)
    page = hr.post(_urls(campaign)["send"], follow=True, **EN).content.decode()
    assert f"{people} reminders sent." in page
    assert len(mail.outbox) == 2 * people
