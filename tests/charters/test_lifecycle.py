from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from charters import services
from charters.models import CharterVersion, VersionTransition
from policy_portal.errors import Conflict, PermissionDenied
from tests.charters.conftest import publish

Status = CharterVersion.Status


def test_hr_takes_the_model_charter_to_a_published_version(model_charter, hr_alice, approver_victor):
    # given a draft started from the model charter
    version = model_charter.versions.get()
    assert version.status == Status.DRAFT
    assert version.translations.get(language="en").is_stale is False
    # when it goes through review and publication
    publish(version, author=hr_alice.user, approver=approver_victor.user)
    # then it is published, in force, hashed and every step is logged
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED and version.is_in_force
    assert len(version.content_sha256) == 64
    assert version.approved_by == approver_victor.user
    steps = list(VersionTransition.objects.filter(version=version).values_list("from_status", "to_status", "by"))
    assert steps == [
        ("", "draft", hr_alice.user.pk),
        ("draft", "in_review", hr_alice.user.pk),
        ("in_review", "approved", approver_victor.user.pk),
        ("approved", "published", hr_alice.user.pk),
    ]


def test_model_charter_clauses_are_tagged_with_checker_categories(model_charter):
    version = model_charter.versions.get()
    tagged = {c.number: c.tags for c in version.clauses.filter(language="fr")}
    assert tagged["3.1"] == ["confidentiality"]
    assert tagged["3.2"] == ["financial", "insider"]
    assert "copyright" in tagged["4.1"] and "crisis" in tagged["7.4"]
    english = version.clauses.get(language="en", number="7.4")
    assert english.title == "No deletion without an official statement" and english.tags == ["crisis"]


def test_publishing_supersedes_previous_version_and_numbers_grow(published_small, hr_alice, approver_victor):
    # given v1 in force, when v2 is written and published
    v2 = services.charter_version_start(charter=published_small.charter, by=hr_alice.user)
    services.charter_version_update(version=v2, by=hr_alice.user, body_fr=v2.body_fr + "\n## 3 Sanctions\nTexte.")
    services.charter_translation_save(version=v2, language="en", body=v2.translations.get().body, by=hr_alice.user)
    publish(v2, author=hr_alice.user, approver=approver_victor.user)
    # then v1 is superseded and v2 is the one in force
    published_small.refresh_from_db()
    v2.refresh_from_db()
    assert v2.number == 2
    assert published_small.status == Status.SUPERSEDED
    assert v2.is_in_force


def test_only_one_version_in_progress_per_charter(small_charter, hr_alice):
    with pytest.raises(Conflict):
        services.charter_version_start(charter=small_charter, by=hr_alice.user)


def test_database_refuses_a_second_draft_and_a_duplicate_number(small_charter, hr_alice):
    with pytest.raises(IntegrityError), transaction.atomic():
        CharterVersion.objects.create(charter=small_charter, number=2, author=hr_alice.user)
    small_charter.versions.update(
        status=Status.ARCHIVED,
        published_at=timezone.now(),
        effective_date=timezone.localdate(),
        content_sha256="x" * 64,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CharterVersion.objects.create(charter=small_charter, number=1, author=hr_alice.user)


def test_request_changes_sends_the_version_back_to_draft_with_the_comment(small_charter, hr_alice, approver_victor):
    version = small_charter.versions.get()
    services.charter_version_submit(version=version, by=hr_alice.user)
    services.charter_version_request_changes(version=version, by=approver_victor.user, comment="Préciser §2")
    version.refresh_from_db()
    assert version.status == Status.DRAFT
    assert version.comments.get().body == "Préciser §2"


def test_a_version_cannot_be_published_before_approval(small_charter, hr_alice):
    version = small_charter.versions.get()
    services.charter_version_submit(version=version, by=hr_alice.user)
    with pytest.raises(Conflict):
        services.charter_version_publish(version=version, by=hr_alice.user)


def test_an_employee_cannot_author(small_charter, employee_bob):
    with pytest.raises(PermissionDenied):
        services.charter_version_update(version=small_charter.versions.get(), by=employee_bob.user, body_fr="x")


def test_unknown_clause_category_is_refused(small_charter, hr_alice):
    from policy_portal.errors import ApplicationError

    with pytest.raises(ApplicationError) as exc:
        services.charter_version_update(
            version=small_charter.versions.get(), by=hr_alice.user, body_fr="## 1 Titre {tags: gossip}\nx"
        )
    assert "gossip" in exc.value.message


def test_future_effective_date_waits_for_the_scheduled_job(published_small, hr_alice, approver_victor):
    from charters.tasks import run_charter_activation

    # given v2 published with an effective date next week
    v2 = services.charter_version_start(charter=published_small.charter, by=hr_alice.user)
    next_week = timezone.localdate() + timedelta(days=7)
    publish(v2, author=hr_alice.user, approver=approver_victor.user, effective=next_week)
    v2.refresh_from_db()
    published_small.refresh_from_db()
    assert not v2.is_in_force and published_small.is_in_force
    # when the job runs today, nothing moves
    assert run_charter_activation() == []
    # when the job runs on the effective date, v2 is in force and v1 superseded (and a rerun is harmless)
    activated = services.charter_versions_activate_due(today=next_week)
    assert [v.pk for v in activated] == [v2.pk]
    assert services.charter_versions_activate_due(today=next_week) == []
    v2.refresh_from_db()
    published_small.refresh_from_db()
    assert v2.is_in_force and published_small.status == Status.SUPERSEDED


def test_activation_job_is_declared_in_the_portal_schedules():
    from policy_portal.schedules import PERIODIC_JOBS

    job = next(j for j in PERIODIC_JOBS if j.func == "charters.tasks.run_charter_activation")
    assert job.cron.split()[0].isdigit()


def test_hr_archives_a_superseded_version_from_the_charter_page(published_small, hr_alice, approver_victor, as_user):
    # given v1 superseded by v2
    v2 = services.charter_version_start(charter=published_small.charter, by=hr_alice.user)
    services.charter_version_update(version=v2, by=hr_alice.user, body_fr=v2.body_fr + "\n## 3 Sanctions\nTexte.")
    services.charter_translation_save(version=v2, language="en", body=v2.translations.get().body, by=hr_alice.user)
    publish(v2, author=hr_alice.user, approver=approver_victor.user)
    client = as_user(hr_alice)
    slug = published_small.charter.slug
    page = client.get(f"/charters/{slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"/charters/{slug}/v1/archive/" in page and f"/charters/{slug}/v2/archive/" not in page
    # when HR archives v1
    response = client.post(f"/charters/{slug}/v1/archive/", {"comment": "obsolete"}, HTTP_ACCEPT_LANGUAGE="en")
    # then it is archived, with its transition, and a draft cannot be archived
    assert response.status_code == 302
    published_small.refresh_from_db()
    assert published_small.status == Status.ARCHIVED
    assert VersionTransition.objects.filter(version=published_small, to_status=Status.ARCHIVED).exists()
    draft = services.charter_version_start(charter=published_small.charter, by=hr_alice.user)
    assert client.post(f"/charters/{slug}/v{draft.number}/archive/", HTTP_ACCEPT_LANGUAGE="en").status_code == 409
