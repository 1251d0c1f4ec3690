"""Personas shared by every test: one per role, plus someone from outside the company."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from policy_portal.models import Employee
from policy_portal.roles import Role
from tests.factories import UserFactory, person


@pytest.fixture(autouse=True)
def _english_unless_asked(request: pytest.FixtureRequest) -> Iterator[None]:
    """Code called outside a request speaks English in tests; French is asserted explicitly.

    Pages and APIs still choose their language per request (LocaleMiddleware), so tests of the
    French interface go through the client with a French Accept-Language or cookie.
    """
    with translation.override("en"):
        yield


@pytest.fixture
def hr_alice(db: None) -> Employee:
    return person(Role.HR, first_name="Alice", email="alice.hr@example.org")


@pytest.fixture
def employee_bob(db: None) -> Employee:
    return person(None, first_name="Bob", email="bob@example.org")


@pytest.fixture
def employee_emma_en(db: None) -> Employee:
    return person(None, first_name="Emma", email="emma@example.org", language="en")


@pytest.fixture
def legal_carol(db: None) -> Employee:
    return person(Role.LEGAL, first_name="Carol", email="carol.legal@example.org")


@pytest.fixture
def approver_victor(db: None) -> Employee:
    return person(Role.APPROVER, first_name="Victor", email="victor.approver@example.org")


@pytest.fixture
def reviewer_rita(db: None) -> Employee:
    return person(Role.REVIEWER, first_name="Rita", email="rita.reviewer@example.org")


@pytest.fixture
def crisis_cleo(db: None) -> Employee:
    return person(Role.CRISIS, first_name="Cléo", email="cleo.crisis@example.org")


@pytest.fixture
def spokesperson_sam(db: None) -> Employee:
    return person(Role.SPOKESPERSON, first_name="Sam", email="sam.spokes@example.org")


@pytest.fixture
def voice_vera(db: None) -> Employee:
    """The company's voice (the CEO): approves official statements in a crisis."""
    return person(Role.VOICE, first_name="Vera", email="vera.voice@example.org")


@pytest.fixture
def admin_ada(db: None) -> Employee:
    return person(Role.ADMIN, first_name="Ada", email="ada.admin@example.org")


@pytest.fixture
def outsider_dave(db: None) -> object:
    """A Django account with no employee record and no role (e.g. a stale test account)."""
    return UserFactory(first_name="Dave", last_name="Outside", email="dave@elsewhere.example")


@pytest.fixture
def personas(hr_alice, employee_bob, legal_carol, approver_victor, reviewer_rita, crisis_cleo,
             spokesperson_sam, voice_vera, admin_ada) -> dict[str, Employee]:
    return {
        "hr": hr_alice, "employee": employee_bob, "legal": legal_carol, "approver": approver_victor,
        "reviewer": reviewer_rita, "crisis": crisis_cleo, "spokesperson": spokesperson_sam, "voice": voice_vera,
        "admin": admin_ada,
    }


def client_for(user: object | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user if not isinstance(user, Employee) else user.user)
    return client


@pytest.fixture
def as_user():
    return client_for


@pytest.fixture
def user_model():
    return get_user_model()
