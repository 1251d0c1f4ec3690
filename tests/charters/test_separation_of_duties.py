from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from charters import services
from charters.models import CharterVersion
from policy_portal.errors import PermissionDenied
from policy_portal.roles import Role
from tests.factories import person


@pytest.fixture
def hr_and_approver(db):
    """Someone who is both HR and approver (e.g. a small company's HR director)."""
    employee = person(Role.HR, first_name="Hélène", email="helene@example.org")
    employee.user.groups.add(
        *__import__("django.contrib.auth.models", fromlist=["Group"]).Group.objects.filter(name=Role.APPROVER)
    )
    return employee


def test_author_cannot_approve_their_own_version(hr_and_approver):
    charter = services.charter_create(name="C", slug="c", by=hr_and_approver.user, body_fr="## 1 Objet\nTexte")
    version = charter.versions.get()
    services.charter_version_submit(version=version, by=hr_and_approver.user)
    with pytest.raises(PermissionDenied):
        services.charter_version_approve(version=version, by=hr_and_approver.user)
    version.refresh_from_db()
    assert version.status == CharterVersion.Status.IN_REVIEW


def test_database_refuses_an_approval_by_the_author(small_charter, hr_alice):
    with pytest.raises(IntegrityError), transaction.atomic():
        small_charter.versions.update(approved_by=hr_alice.user)


def test_hr_without_the_approver_role_cannot_approve(small_charter, hr_alice, legal_carol):
    version = small_charter.versions.get()
    services.charter_version_submit(version=version, by=hr_alice.user)
    with pytest.raises(PermissionDenied):
        services.charter_version_approve(version=version, by=legal_carol.user)
