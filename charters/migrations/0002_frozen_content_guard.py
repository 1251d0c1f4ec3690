"""Database guard: a published (or superseded, archived) version's content never changes.

The service layer already refuses; these triggers make the database refuse direct writes too
(``QuerySet.update``, raw SQL, the admin): the version's content fields, its translations and
its clauses. Only the lifecycle columns (status to another frozen status, in_force_at,
updated_at) may move. SQLite and PostgreSQL each get their own dialect.
"""

from django.db import migrations

FROZEN = "('published', 'superseded', 'archived')"
CONTENT = ["body_fr", "fr_revision", "effective_date", "change_summary", "material", "content_sha256",
           "number", "charter_id", "author_id", "approved_by_id", "published_at", "published_by_id"]
MESSAGE = "charter version is published: its content is immutable"
CHILDREN = ["charters_chartertranslation", "charters_clause"]


def _sqlite() -> list[str]:
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in CONTENT)
    sql = [
        f"""CREATE TRIGGER charters_version_frozen_update BEFORE UPDATE ON charters_charterversion
        WHEN OLD.status IN {FROZEN} AND ({changed} OR NEW.status NOT IN {FROZEN})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        f"""CREATE TRIGGER charters_version_frozen_delete BEFORE DELETE ON charters_charterversion
        WHEN OLD.status IN {FROZEN} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    ]
    frozen = "(SELECT status FROM charters_charterversion WHERE id = {row}.version_id) IN " + FROZEN
    for table in CHILDREN:
        sql += [
            f"""CREATE TRIGGER {table}_frozen_insert BEFORE INSERT ON {table}
            WHEN {frozen.format(row="NEW")} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
            f"""CREATE TRIGGER {table}_frozen_update BEFORE UPDATE ON {table}
            WHEN {frozen.format(row="OLD")} OR {frozen.format(row="NEW")}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
            f"""CREATE TRIGGER {table}_frozen_delete BEFORE DELETE ON {table}
            WHEN {frozen.format(row="OLD")} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        ]
    return sql


def _postgresql() -> list[str]:
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in CONTENT)
    raise_ = f"RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation'"
    sql = [
        f"""CREATE OR REPLACE FUNCTION charters_version_frozen_guard() RETURNS trigger AS $$
        BEGIN
          IF OLD.status IN {FROZEN} THEN
            IF TG_OP = 'DELETE' OR {changed} OR NEW.status NOT IN {FROZEN} THEN {raise_}; END IF;
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER charters_version_frozen BEFORE UPDATE OR DELETE ON charters_charterversion
        FOR EACH ROW EXECUTE FUNCTION charters_version_frozen_guard()""",
        f"""CREATE OR REPLACE FUNCTION charters_child_frozen_guard() RETURNS trigger AS $$
        BEGIN
          IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
            SELECT 1 FROM charters_charterversion WHERE id = OLD.version_id AND status IN {FROZEN}) THEN {raise_};
          END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') THEN
            IF EXISTS (SELECT 1 FROM charters_charterversion WHERE id = NEW.version_id AND status IN {FROZEN})
            THEN {raise_}; END IF;
            RETURN NEW;
          END IF;
          RETURN OLD;
        END $$ LANGUAGE plpgsql""",
    ]
    for table in CHILDREN:
        sql.append(f"""CREATE TRIGGER {table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION charters_child_frozen_guard()""")
    return sql


def _drop(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            "DROP TRIGGER IF EXISTS charters_version_frozen ON charters_charterversion",
            *(f"DROP TRIGGER IF EXISTS {t}_frozen ON {t}" for t in CHILDREN),
            "DROP FUNCTION IF EXISTS charters_version_frozen_guard()",
            "DROP FUNCTION IF EXISTS charters_child_frozen_guard()",
        ]
    names = ["charters_version_frozen_update", "charters_version_frozen_delete"]
    names += [f"{t}_frozen_{op}" for t in CHILDREN for op in ("insert", "update", "delete")]
    return [f"DROP TRIGGER IF EXISTS {n}" for n in names]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": _sqlite, "postgresql": _postgresql}.get(vendor)
    if statements is None:
        raise RuntimeError(f"no immutability guard written for the {vendor} database")
    for statement in statements():
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    for statement in _drop(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("charters", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
