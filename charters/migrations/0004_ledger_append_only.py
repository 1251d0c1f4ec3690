"""Database guard: ledger entries are append-only.

PostgreSQL refuses UPDATE and DELETE of a row of ``charters_ledgerentry``. SQLite refuses UPDATE
(a DELETE trigger would stop Django's test flush, which empties tables with DELETE; PostgreSQL's
flush uses TRUNCATE, which row triggers do not see). ``manage.py verify_ledger`` detects any
change that gets past them (raw file edits, a dropped trigger).
"""

from django.db import migrations

MESSAGE = "ledger entries are append-only"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"""CREATE OR REPLACE FUNCTION charters_ledger_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation'; END
            $$ LANGUAGE plpgsql"""
        )
        schema_editor.execute(
            """CREATE TRIGGER charters_ledger_append_only BEFORE UPDATE OR DELETE ON charters_ledgerentry
            FOR EACH ROW EXECUTE FUNCTION charters_ledger_append_only()"""
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"""CREATE TRIGGER charters_ledger_append_only BEFORE UPDATE ON charters_ledgerentry
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS charters_ledger_append_only ON charters_ledgerentry")
        schema_editor.execute("DROP FUNCTION IF EXISTS charters_ledger_append_only()")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS charters_ledger_append_only")


class Migration(migrations.Migration):
    dependencies = [("charters", "0003_acknowledgements")]

    operations = [migrations.RunPython(forwards, backwards)]
