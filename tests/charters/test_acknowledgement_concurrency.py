"""200 concurrent double submits by one employee: exactly one acknowledgement, one ledger entry, no error.

Real transactions and threads (``transaction=True``), on SQLite and PostgreSQL. The charters
migrations install triggers that refuse to delete published versions; Django's test flush deletes
rows on SQLite, so the triggers are set aside for the flush and put back afterwards
(tests/charters/transactional.py).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from charters import ledger
from charters.acknowledgements.services import campaign_start
from charters.models import Acknowledgement, Assignment, LedgerEntry
from tests.charters.conftest import publish, read_through
from tests.charters.transactional import (  # noqa: F401
    in_a_thread,
    real_transactions,
    threads_share_a_real_database,
)

SUBMITS = 200


def _submit(cookies, url: str, barrier: threading.Barrier) -> int:
    client = Client()
    client.cookies = cookies
    try:
        connection.ensure_connection()
        barrier.wait(timeout=30)
        response = client.post(url, {"typed_name": "Bob Test", "consent": "on"})
        return (
            response.status_code
            if response.status_code != 302
            else int(response["Location"].rstrip("/").split("/")[-1])
        )
    finally:
        connection.close()


@pytest.mark.slow
def test_concurrent_double_submits_give_exactly_one_acknowledgement(
    real_transactions,  # noqa: F811
    small_charter,
    hr_alice,
    approver_victor,
    employee_bob,
    settings,
    tmp_path,
):
    # given Bob has read the version in force to the end
    settings.ACK_MIN_READING_SECONDS = 0
    settings.ACK_REAUTH_AFTER_MINUTES = None
    version = publish(small_charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    campaign = campaign_start(version=version)
    read_through(
        Assignment.objects.select_related("campaign__version", "employee__user").get(
            campaign=campaign, employee=employee_bob
        )
    )
    main = Client()
    main.force_login(employee_bob.user)
    url = reverse("charters:ack-read", kwargs={"slug": "small", "number": 1})
    workers = 20 if connection.vendor == "postgresql" else 8
    barrier = threading.Barrier(min(workers, SUBMITS))
    # when 200 submits arrive at once
    with threads_share_a_real_database(tmp_path):
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(lambda _i: _submit(main.cookies, url, barrier), range(SUBMITS)))
        acks = in_a_thread(lambda: list(Acknowledgement.objects.filter(employee=employee_bob, version=version)))
        entries = in_a_thread(lambda: LedgerEntry.objects.filter(event="acknowledged").count())
        chain_ok = in_a_thread(lambda: ledger.ledger_verify().ok)
    # then every submit got the same receipt, and there is one record and one ledger entry
    assert len(acks) == 1
    assert results == [acks[0].pk] * SUBMITS
    assert entries == 1 and chain_ok
