"""A fixture for tests with real transactions (threads, a live server) that publish versions.

The charters migrations install SQLite triggers refusing to delete a published version; Django's
flush after a ``transaction=True`` test deletes rows on SQLite and would be refused. On SQLite,
``real_transactions`` empties the charters tables itself at teardown (before the flush), with the
triggers set aside for that moment and put back at once. Import it into the test module.
"""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.fixture
def real_transactions(transactional_db):
    yield
    if connection.vendor != "sqlite":
        return  # PostgreSQL's flush is a TRUNCATE, which row triggers do not see
    with connection.cursor() as cursor:
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
