"""The evidence ledger: a hash chain the application only appends to, and which detects tampering."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from charters import ledger
from charters.models import LedgerEntry


def _chain(n: int) -> list[LedgerEntry]:
    return [
        ledger.ledger_append(event="viewed", employee_id=i, version_id=1, object_id=i, payload={"language": "fr"})
        for i in range(1, n + 1)
    ]


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
