"""Every URL of the table times every role and anonymous: allowed, or a clear refusal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from policy_portal.roles import ROLE_CAPABILITIES, Role, capabilities_of
from tests.access_policy import ACCESS_POLICY
from tests.conftest import client_for

ROLES = [Role.EMPLOYEE, Role.HR, Role.APPROVER, Role.LEGAL, Role.REVIEWER, Role.CRISIS, Role.SPOKESPERSON,
         Role.ADMIN]


def _allowed(rule: str, role: str | None) -> bool:
    if rule == "public":
        return True
    if role is None:
        return False
    return rule == "authenticated" or rule in capabilities_of([role])


@pytest.mark.parametrize("method,name,kwargs,rule", ACCESS_POLICY, ids=[f"{m} {n}" for m, n, _k, _r in ACCESS_POLICY])
@pytest.mark.parametrize("role", [*ROLES, None], ids=[*ROLES, "anonymous"])
def test_each_role_gets_exactly_what_the_policy_grants(personas, method, name, kwargs, rule, role):
    # given
    user = None if role is None else personas[role].user
    client = client_for(user)
    url = reverse(name, kwargs=kwargs)
    # when
    response = getattr(client, method)(url, HTTP_ACCEPT="text/html,application/json;q=0.9,*/*;q=0.8")
    # then
    allowed = _allowed(rule, role)
    if allowed:
        assert response.status_code not in (401, 403), f"{role} refused on {url}"
        assert response.status_code not in (405, 500), f"{role} got {response.status_code} on {method} {url}"
    elif name.startswith("api:") or name == "api-schema":
        assert response.status_code in (401, 403)
        assert "error" in response.json()
    elif role is None:
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403
        assert "Access refused" in response.content.decode() or "Accès refusé" in response.content.decode()


def test_every_role_has_a_capability_table_entry():
    assert set(ROLE_CAPABILITIES) == set(ROLES)
