"""The OpenAPI schema is complete and clean: integrators generate clients from it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse


@pytest.mark.django_db
def test_the_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yml"))
    assert "/api/v1/me/" in (tmp_path / "schema.yml").read_text()


@pytest.mark.django_db
def test_signed_in_people_can_read_the_api_docs_page(as_user, employee_bob):
    response = as_user(employee_bob).get(reverse("api-docs"))
    assert response.status_code == 200 and b"swagger" in response.content.lower()
