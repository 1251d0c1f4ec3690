"""Published content never changes: the services refuse, and the database refuses direct writes."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from charters import services
from charters.models import CharterTranslation, CharterVersion, Clause
from policy_portal.errors import Conflict


def test_services_refuse_to_edit_a_published_version(published_small, hr_alice):
    with pytest.raises(Conflict):
        services.charter_version_update(version=published_small, by=hr_alice.user, body_fr="## 1 Autre\nx")
    with pytest.raises(Conflict):
        services.charter_translation_save(version=published_small, language="en", body="## 1 Other", by=hr_alice.user)


@pytest.mark.parametrize(
    "changes",
    [
        {"body_fr": "Texte modifié en douce"},
        {"change_summary": "autre"},
        {"material": False},
        {"content_sha256": "0" * 64},
        {"number": 42},
        {"status": "draft"},
    ],
)
def test_queryset_update_of_published_content_fails(published_small, changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        CharterVersion.objects.filter(pk=published_small.pk).update(**changes)
    published_small.refresh_from_db()
    assert published_small.status == "published"
    assert "Texte modifié" not in published_small.body_fr


def test_raw_sql_update_of_published_text_fails(published_small):
    table = CharterVersion._meta.db_table
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET body_fr = %s WHERE id = %s", ["piraté", published_small.pk])  # noqa: S608


def test_translations_and_clauses_of_a_published_version_are_frozen(published_small):
    with pytest.raises(IntegrityError), transaction.atomic():
        CharterTranslation.objects.filter(version=published_small).update(body="changed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Clause.objects.filter(version=published_small).update(tags=[])
    with pytest.raises(IntegrityError), transaction.atomic():
        Clause.objects.create(
            version=published_small, language="fr", number="9", anchor="clause-9", title="x", position=9
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CharterTranslation.objects.filter(version=published_small).delete()


def test_a_published_version_cannot_be_deleted(published_small):
    with pytest.raises(IntegrityError), transaction.atomic():
        CharterVersion.objects.filter(pk=published_small.pk).delete()


def test_lifecycle_columns_still_move_after_publication(published_small, hr_alice):
    # superseding or archiving touches only the status: allowed
    services.charter_version_archive(version=published_small, by=hr_alice.user)
    published_small.refresh_from_db()
    assert published_small.status == "archived"


def test_a_draft_stays_editable_by_direct_writes(small_charter):
    assert CharterVersion.objects.filter(charter=small_charter).update(change_summary="ok") == 1
