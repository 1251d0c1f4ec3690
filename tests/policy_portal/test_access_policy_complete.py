"""The access policy table (tests/access_policy.py) lists every URL and every HTTP method the site accepts.

Each URL pattern comes from Django's resolver, each API operation from the generated OpenAPI schema; which
methods a view accepts is asked of the view itself (anything but 405 means "accepted"). A new page, API
operation or method without a row fails here, so test_access_matrix.py checks it for every role.
"""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from tests.access_policy import ACCESS_POLICY, NOT_IN_POLICY_TABLE
from tests.conftest import client_for
from tests.url_inventory import METHODS, openapi_operations, site_routes

TABLE = {(method, name) for method, name, _kwargs, _rule in ACCESS_POLICY}
KWARGS = {name: kwargs for _method, name, kwargs, _rule in ACCESS_POLICY}
RULES = {(method, name): rule for method, name, _kwargs, rule in ACCESS_POLICY}


def _accepted_methods(route, admin) -> set[str]:
    """The methods the view accepts, asked as someone allowed to use it (all capabilities, or anyone for
    public pages), with arguments naming missing objects so nothing is changed."""
    public = any(RULES.get((m, route.name)) == "public" for m in METHODS)
    url = route.url(KWARGS.get(route.name))
    accepted = set()
    for method in METHODS:
        client = client_for(None if public else admin)
        if getattr(client, method)(url).status_code != 405:
            accepted.add(method)
    return accepted


@pytest.mark.django_db
def test_every_url_and_every_method_it_accepts_is_in_the_policy_table(admin_ada):
    # given
    routes, unnamed = site_routes()
    # when
    accepted = {(method, route.name) for route in routes for method in _accepted_methods(route, admin_ada)}
    # then
    assert not unnamed, f"URL patterns without a name cannot be in the policy table: {unnamed}"
    assert not accepted - TABLE, f"accepted but not in the table: {sorted(accepted - TABLE)}"
    assert not TABLE - accepted, f"in tests/access_policy.py but refused (405) or gone: {sorted(TABLE - accepted)}"
    assert {route.name for route in routes} == {name for _method, name in TABLE}


@pytest.mark.django_db
def test_every_openapi_operation_is_in_the_policy_table_and_nothing_else_is_an_api():
    # given
    operations = openapi_operations()
    # when
    documented = set()
    for method, path in operations:
        example = path.replace("{slug}", "missing").replace("{number}", "1").replace("{id}", "1")
        match = resolve(example)
        documented.add((method, f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name))
    # then
    assert len(documented) == len(operations)
    assert not documented - TABLE, f"API operations missing from the policy table: {sorted(documented - TABLE)}"
    api_rows = {(m, n) for m, n in TABLE if n.startswith("api:")}
    assert api_rows == documented, f"API rows not in the OpenAPI schema: {sorted(api_rows - documented)}"


@pytest.mark.parametrize("namespace", sorted(NOT_IN_POLICY_TABLE))
def test_every_left_out_namespace_has_a_reason_and_exists(namespace):
    assert len(NOT_IN_POLICY_TABLE[namespace]) > 20
    assert reverse(f"{namespace}:index")


@pytest.mark.django_db
def test_no_role_enters_the_django_admin_without_being_staff(personas):
    for persona in personas.values():
        response = client_for(persona).get(reverse("admin:index"))
        assert response.status_code == 302 and reverse("admin:login") in response["Location"]
