"""A fixture for tests with real transactions (threads, a live server) that publish versions.

The charters migrations install SQLite triggers refusing to delete a published version; Django's
flush after a ``transaction=True`` test deletes rows on SQLite and would be refused. On SQLite,
``real_transactions`` empties the charters tables itself at teardown (before the flush), with the
triggers set aside for that moment and put back at once. Import it into the test module.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest
from django.db import OperationalError, connection, transaction

T = TypeVar("T")


@pytest.fixture
def real_transactions(transactional_db):
    yield
    if connection.vendor != "sqlite":
        return  # PostgreSQL's flush is a TRUNCATE, which row triggers do not see
    # The live server may still be answering the browser's last request (a redirect, a static file): its
    # read lock on the schema makes DROP TRIGGER fail at once on SQLite's shared memory database. Wait for it.
    for attempt in range(50):
        try:
            _empty_charters_tables()
            return
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == 49:
                raise
            time.sleep(0.1)


def _empty_charters_tables() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'charters_%'")
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        cursor.execute("PRAGMA foreign_keys = OFF")
        for table in connection.introspection.table_names(cursor):
            if table.startswith("charters_"):
                cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 (table names from the schema)
        cursor.execute("PRAGMA foreign_keys = ON")
        for _name, sql in triggers:
            cursor.execute(sql)


@contextmanager
def threads_share_a_real_database(tmp_path: Path) -> Iterator[None]:
    """PostgreSQL: nothing to do. SQLite: tests run on a shared in-memory database, whose table locks
    fail at once instead of waiting; copy it to a file so that threads meet the production set-up
    (WAL, busy timeout, IMMEDIATE transactions), then point new connections back at memory."""
    if connection.vendor != "sqlite":
        yield
        return
    settings_dict = connection.settings_dict
    memory_name = settings_dict["NAME"]
    path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.execute("PRAGMA journal_mode=WAL")  # as in production; no connection has to switch it under load
    target.close()
    settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        settings_dict["NAME"] = memory_name


def in_a_thread(function: Callable[[], T]) -> T:
    """Run ``function`` on a fresh connection (the one the worker threads used)."""

    def run() -> T:
        try:
            return function()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()
