"""The evidence ledger: a hash chain the application only appends to, and which detects tampering."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from charters import ledger
from charters.models import LedgerEntry


def _record(n: int, start: int = 1) -> list[LedgerEntry]:
    return [
        ledger.ledger_append(event="viewed", employee_id=i, version_id=1, object_id=i, payload={"language": "fr"})
        for i in range(start, start + n)
    ]


def _chain(n: int) -> list[LedgerEntry]:
    _record(n)
    return ledger.ledger_seal()


@pytest.mark.django_db
def test_each_entry_links_to_the_previous_one_and_the_chain_verifies(capsys):
    entries = _chain(3)
    assert [e.sequence for e in entries] == [1, 2, 3]
    assert entries[0].previous_hash == ledger.GENESIS_HASH
    assert entries[1].previous_hash == entries[0].entry_hash and entries[2].previous_hash == entries[1].entry_hash
    assert ledger.ledger_verify().ok and ledger.ledger_verify().checked == 3
    call_command("verify_ledger")
    assert "3 entries verified" in capsys.readouterr().out


@pytest.mark.django_db
def test_unknown_events_are_refused():
    with pytest.raises(ValueError):
        ledger.ledger_append(event="deleted", payload={})


@pytest.mark.django_db
def test_the_database_refuses_to_update_an_entry():
    entry = _chain(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).update(payload={"language": "en"})


@pytest.mark.django_db
def test_the_database_refuses_to_delete_an_entry_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite refuses updates only (Django's test flush deletes rows)")
    entry = _chain(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).delete()


def _drop_guard() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER charters_ledger_append_only ON charters_ledgerentry")
        else:
            cursor.execute("DROP TRIGGER charters_ledger_append_only")


@pytest.mark.django_db
def test_a_row_changed_with_raw_sql_is_named_by_verify_ledger():
    # given a chain of five entries, and someone who drops the guard and edits entry 3 by hand
    _chain(5)
    _drop_guard()  # inside the test's transaction: rolled back afterwards
    with connection.cursor() as cursor:
        cursor.execute("UPDATE charters_ledgerentry SET payload = %s WHERE sequence = 3", ['{"language": "en"}'])
    # when / then
    report = ledger.ledger_verify()
    assert report.first_broken == 3 and "content" in report.reason and report.checked == 2
    with pytest.raises(CommandError, match="#3"):
        call_command("verify_ledger")


@pytest.mark.django_db
def test_a_removed_entry_and_a_recomputed_hash_are_detected():
    _chain(4)
    _drop_guard()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM charters_ledgerentry WHERE sequence = 2")
    assert ledger.ledger_verify().first_broken == 2
    # a forger who rewrites entry 2 and recomputes its own hash still breaks the link of entry 3
    with connection.cursor() as cursor:
        entry = LedgerEntry(
            sequence=2,
            recorded_at=LedgerEntry.objects.get(sequence=1).recorded_at,
            event="viewed",
            employee_id=99,
            version_id=1,
            object_id=99,
            payload={"language": "fr"},
            previous_hash=LedgerEntry.objects.get(sequence=1).entry_hash,
        )
        entry.entry_hash = ledger._hash_of(entry, entry.previous_hash)
        entry.save(force_insert=True)
        cursor.execute("SELECT 1")
    report = ledger.ledger_verify()
    assert report.first_broken == 3 and "link" in report.reason


@pytest.mark.django_db
def test_a_truncated_tail_is_detected_by_the_chain_head():
    _chain(3)
    _drop_guard()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM charters_ledgerentry WHERE sequence = 3")
    report = ledger.ledger_verify()
    assert not report.ok and report.first_broken == 3


@pytest.mark.django_db
def test_events_are_recorded_pending_and_sealed_in_the_order_they_were_recorded(capsys):
    # given three events recorded: no position, no hash yet, and verify_ledger says they wait
    recorded = _record(3)
    assert all(e.sequence is None and e.entry_hash is None for e in recorded)
    assert ledger.ledger_pending_count() == 3
    call_command("verify_ledger")
    assert "3 event(s) just recorded are waiting" in capsys.readouterr().out
    # when the sealer runs (twice: the second finds nothing to do)
    sealed = ledger.ledger_seal()
    assert ledger.ledger_seal() == []
    # then they are chained in the order they were recorded
    assert [e.pk for e in sealed] == [e.pk for e in recorded]
    assert [e.sequence for e in LedgerEntry.objects.order_by("id")] == [1, 2, 3]
    assert ledger.ledger_pending_count() == 0 and ledger.ledger_verify().checked == 3
    # and later events continue the same chain
    _record(2, start=10)
    more = ledger.ledger_seal()
    assert [e.sequence for e in more] == [4, 5] and more[0].previous_hash == sealed[-1].entry_hash
    assert ledger.ledger_verify().ok and ledger.ledger_verify().checked == 5


@pytest.mark.django_db
def test_sealing_goes_in_batches_without_gaps():
    _record(7)
    assert len(ledger.ledger_seal(batch=3)) == 7
    assert ledger.ledger_verify().ok and ledger.ledger_verify().checked == 7


@pytest.mark.django_db
def test_the_database_refuses_to_change_a_pending_entry_or_to_seal_an_entry_twice():
    pending = _record(1)[0]
    # the content of a pending entry cannot change, even while it receives its position
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(pk=pending.pk).update(payload={"language": "en"})
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(pk=pending.pk).update(
            sequence=1, previous_hash="0" * 64, entry_hash="1" * 64, event="declined"
        )
    # and a sealed entry cannot be given another position
    sealed = ledger.ledger_seal()[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(pk=sealed.pk).update(sequence=99, entry_hash="2" * 64)


@pytest.mark.django_db
def test_a_burst_of_evidence_queues_one_sealing_job(monkeypatch, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from charters import tasks

    queued = []
    monkeypatch.setattr(tasks, "enqueue_ledger_seal", lambda: queued.append(1))
    cache.delete(ledger.KICK_KEY)
    # when five events commit one after the other before any worker runs
    for i in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            _record(1, start=i)
    # then one sealing job is queued, which chains all five
    assert queued == [1]
    assert tasks.run_ledger_seal() == 5
    # and evidence committed after it started queues the next one
    with django_capture_on_commit_callbacks(execute=True):
        _record(1, start=9)
    assert queued == [1, 1]


@pytest.mark.django_db
def test_a_failing_queue_never_fails_the_evidence_and_the_minute_job_seals_it(
    monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from charters import tasks

    def broken() -> None:
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks, "enqueue_ledger_seal", broken)
    cache.delete(ledger.KICK_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        _record(2)
    assert ledger.ledger_pending_count() == 2 and cache.get(ledger.KICK_KEY) is None  # next evidence retries
    # the periodic job is scheduled and seals them
    from policy_portal.schedules import PERIODIC_JOBS

    assert any(job.func == "charters.tasks.run_ledger_seal" for job in PERIODIC_JOBS)
    assert tasks.run_ledger_seal() == 2 and ledger.ledger_verify().ok
