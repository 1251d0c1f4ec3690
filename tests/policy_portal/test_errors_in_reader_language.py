"""Errors read by a person, in their language: API refusals, unreadable request bodies, a CSRF failure."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from tests.conftest import client_for

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _error(response) -> dict:
    return response.json()["error"]


@pytest.mark.django_db
def test_an_employee_refused_an_hr_api_reads_why_in_french(employee_bob):
    response = client_for(employee_bob).get("/api/v1/employees/", **FRENCH)
    assert response.status_code == 403
    assert _error(response) == {
        "code": "permission_denied",
        "message": "Votre rôle ne permet pas cette action.",
        "detail": {"detail": "Votre rôle ne permet pas cette action."},
    }


@pytest.mark.django_db
def test_a_script_sending_latin_1_instead_of_utf_8_is_told_the_encoding_not_a_codec_trace(employee_bob):
    body = '{"text": "Caf\u00e9 du lundi"}'.encode("latin-1")
    response = client_for(employee_bob).post(
        "/api/v1/prechecks/", data=body, content_type="application/json", **FRENCH
    )
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "parse_error"
    assert error["message"] == "Le corps de la requête n'est pas un texte UTF-8 valide : envoyez-le encodé en UTF-8."
    assert "codec" not in response.content.decode()


@pytest.mark.django_db
def test_truncated_json_says_where_it_breaks_in_the_readers_language(employee_bob):
    client = client_for(employee_bob)
    french = client.post("/api/v1/prechecks/", data=b'{"text": ', content_type="application/json", **FRENCH)
    english = client.post("/api/v1/prechecks/", data=b'{"text": ', content_type="application/json", **ENGLISH)
    assert french.status_code == english.status_code == 400
    assert _error(french)["message"].startswith("Le corps de la requête n'est pas du JSON valide (ligne 1, colonne 10)")
    assert _error(english)["message"].startswith("The request body is not valid JSON (line 1, column 10)")
    assert "Expecting value" not in french.content.decode()


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_shows_the_portals_page_in_french(employee_bob):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee_bob.user)
    response = client.post("/checker/", {"text": "Bonjour"}, **FRENCH)
    assert response.status_code == 403
    page = html.unescape(response.content.decode())
    assert "Ce formulaire avait expiré ou venait d'un autre site" in page
    assert 'href="/"' in page  # the portal's chrome and a way back, not Django's bare CSRF page
    assert "CSRF verification failed" not in page


@pytest.mark.django_db
def test_an_api_call_failing_csrf_gets_a_json_error(employee_bob):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee_bob.user)
    response = client.post("/api/v1/prechecks/", data={"text": "x"}, content_type="application/json", **ENGLISH)
    assert response.status_code == 403
    assert response.json()["error"]["code"] in {"csrf_failed", "permission_denied"}
