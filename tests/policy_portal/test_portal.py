"""Language switching, health checks, error pages, demo data and the SQLite set-up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
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
def test_the_login_page_is_styled_and_translated(client):
    assert "Se connecter" in client.get(reverse("login")).content.decode()
    client.cookies["django_language"] = "en"
    assert "Sign in" in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_a_person_who_left_cannot_sign_in(client, employee_bob):
    employee_bob.user.is_active = False
    employee_bob.user.save()
    response = client.post(reverse("login"), {"username": "BOB@example.org", "password": "correct horse battery"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_in_by_email_ignores_case(client, employee_bob):
    response = client.post(reverse("login"), {"username": "BOB@Example.org", "password": "correct horse battery"})
    assert response.status_code == 302 and response["Location"] == reverse("home")


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


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_an_english_speaking_employee_sees_english_after_signing_in(client, employee_emma_en):
    response = client.post(reverse("login"), {"username": "emma@example.org", "password": "correct horse battery"},
                           follow=True)
    assert "What you have to do" in response.content.decode()
