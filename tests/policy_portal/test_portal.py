"""Language switching, health checks, error pages, demo data and the SQLite set-up."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from policy_portal.models import Employee, WorkerHeartbeat
from policy_portal.roles import ROLE_LABELS, roles_of
from policy_portal.services import worker_heartbeat_record


@pytest.mark.django_db
def test_the_interface_is_french_by_default_and_english_on_request(as_user, employee_bob):
    client = as_user(employee_bob)
    assert "Ce que vous avez à faire" in client.get(reverse("home")).content.decode()
    response = client.post(reverse("set-language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    assert "What you have to do" in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_switching_language_is_remembered_as_the_employee_preference(as_user, employee_bob):
    as_user(employee_bob).post(reverse("set-language"), {"language": "en", "next": "/"})
    employee_bob.refresh_from_db()
    assert employee_bob.preferred_language == "en"


@pytest.mark.django_db
def test_healthz_is_unhealthy_until_a_worker_beats_then_healthy_then_stale(client):
    assert client.get(reverse("healthz")).status_code == 503
    worker_heartbeat_record()
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.json()["database"] == "ok"
    WorkerHeartbeat.objects.update(beat_at=timezone.now() - timedelta(minutes=10))
    assert client.get(reverse("healthz")).json()["worker"] == "stale"


@pytest.mark.django_db
def test_unknown_pages_get_a_page_and_unknown_api_urls_get_json(as_user, employee_bob):
    client = as_user(employee_bob)
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and "<html" in page.content.decode()
    api = client.get("/api/v1/no-such-thing/")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_the_api_tells_me_who_i_am(as_user, hr_alice):
    data = as_user(hr_alice).get(reverse("api:me")).json()
    assert data["roles"] == ["hr", "employee"] or set(data["roles"]) == {"hr", "employee"}
    assert "author_charters" in data["capabilities"] and "export_evidence" not in data["capabilities"]
    assert data["employee"]["employee_id"] == hr_alice.employee_id


@pytest.mark.django_db
def test_api_tokens_work_for_integrations(hr_alice, client):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=hr_alice.user)
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_seed_demo_covers_every_role_and_is_idempotent():
    call_command("seed_demo")
    count = Employee.objects.count()
    call_command("seed_demo")
    assert Employee.objects.count() == count >= 45
    held = {role for e in Employee.objects.select_related("user") for role in roles_of(e.user)}
    assert held == set(ROLE_LABELS)
    # every demo department has its English name, shown to the English-speaking demo employee
    from policy_portal.models import Department

    assert not Department.objects.filter(name_en="").exists()
    emma = Client()
    emma.force_login(Employee.objects.get(user__email="employee.en@lumen.example").user)
    assert "· Sales" in emma.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # privileged demo people have an authenticator enrolled; `demo_totp` prints its current code
    from allauth.mfa.models import Authenticator

    from policy_portal.demo.people import DEMO_PASSWORD

    assert Authenticator.objects.filter(user__email="legal@lumen.example", type="totp").exists()
    assert not Authenticator.objects.filter(user__email="employee@lumen.example").exists()
    out = io.StringIO()
    call_command("demo_totp", "legal@lumen.example", stdout=out)
    client = Client()
    client.post(reverse("account_login"), {"login": "legal@lumen.example", "password": DEMO_PASSWORD})
    assert client.post(reverse("mfa_authenticate"), {"code": out.getvalue().strip()}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    with pytest.raises(CommandError):
        call_command("demo_totp", "someone@example.org")


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
