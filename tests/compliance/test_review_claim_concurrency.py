"""Reviewers claiming the same post at the same moment, with real transactions and threads: one wins.

On SQLite the shared in-memory test database fails table locks at once instead of waiting, so it is
copied to a file in WAL mode (the production set-up) for the threads.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from compliance.models import Submission
from compliance.review import services
from policy_portal.errors import Conflict
from policy_portal.roles import Role
from tests.compliance.review_fixtures import submit
from tests.factories import person

REVIEWERS = 8


@contextmanager
def _threads_share_a_real_database(tmp_path: Path) -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    settings_dict = connection.settings_dict
    memory_name = settings_dict["NAME"]
    path = tmp_path / "claims.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        settings_dict["NAME"] = memory_name


def _claimed_by(pk: int) -> int | None:
    """Read on a thread's own connection (the main one stays on the in-memory database on SQLite)."""
    try:
        return Submission.objects.values_list("claimed_by", flat=True).get(pk=pk)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_give_the_post_to_exactly_one_reviewer(tmp_path, employee_bob):
    # given: eight reviewers and one waiting post, which each of them has loaded
    reviewers = [
        person(Role.REVIEWER, first_name=f"R{n}", email=f"reviewer{n}@example.org").user for n in range(REVIEWERS)
    ]
    pk = submit(employee_bob, "Lovely soup").pk
    barrier = threading.Barrier(REVIEWERS)

    def claim(user) -> bool:
        try:
            seen = Submission.objects.get(pk=pk)
            barrier.wait(timeout=30)
            services.submission_claim(submission=seen, by=user)
            return True
        except Conflict:
            return False
        finally:
            connection.close()

    # when: they all claim at once
    with _threads_share_a_real_database(tmp_path), ThreadPoolExecutor(max_workers=REVIEWERS) as pool:
        results = list(pool.map(claim, reviewers))
        winner = pool.submit(_claimed_by, pk).result()
    # then
    assert results.count(True) == 1
    assert winner == reviewers[results.index(True)].pk
