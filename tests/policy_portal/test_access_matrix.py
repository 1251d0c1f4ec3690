"""Every URL of the table times every role and anonymous: allowed, or a clear refusal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from policy_portal.roles import ROLE_CAPABILITIES, Role, capabilities_of
from tests.access_policy import ACCESS_POLICY
from tests.conftest import client_for

ROLES = [Role.EMPLOYEE, Role.HR, Role.APPROVER, Role.LEGAL, Role.REVIEWER, Role.CRISIS, Role.SPOKESPERSON, Role.VOICE,
         Role.ADMIN]


def _allowed(rule: str, role: str | None) -> bool:
    if rule == "public":
        return True
    if role is None:
        return False
    return rule == "authenticated" or rule in capabilities_of([role])


ROWS = pytest.mark.parametrize(
    "method,name,kwargs,rule", ACCESS_POLICY, ids=[f"{m} {n}" for m, n, _k, _r in ACCESS_POLICY]
)


def _request(user, method: str, name: str, kwargs: dict[str, object]):
    url = reverse(name, kwargs=kwargs)
    return url, getattr(client_for(user), method)(url, HTTP_ACCEPT="text/html,application/json;q=0.9,*/*;q=0.8")


# Pages whose very purpose is to say that signing in failed: django-allauth answers them with 401.
SIGN_IN_FAILED_PAGES = {"socialaccount_login_error"}


def _assert_answer(response, *, allowed: bool, anonymous: bool, who: str, method: str, name: str, url: str) -> None:
    if allowed and name in SIGN_IN_FAILED_PAGES:
        assert response.status_code == 401 and "text/html" in response["Content-Type"]
    elif allowed:
        assert response.status_code not in (401, 403), f"{who} refused on {url}"
        assert response.status_code not in (405, 500), f"{who} got {response.status_code} on {method} {url}"
    elif name.startswith("api:") or name == "api-schema":
        assert response.status_code in (401, 403)
        assert "error" in response.json()
    elif anonymous:
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403
        assert "Access refused" in response.content.decode() or "Accès refusé" in response.content.decode()


@ROWS
@pytest.mark.parametrize("role", [*ROLES, None], ids=[*ROLES, "anonymous"])
def test_each_role_gets_exactly_what_the_policy_grants(personas, method, name, kwargs, rule, role):
    # given
    user = None if role is None else personas[role].user
    # when
    url, response = _request(user, method, name, kwargs)
    # then
    allowed = _allowed(rule, role)
    _assert_answer(response, allowed=allowed, anonymous=role is None, who=str(role), method=method, name=name, url=url)


@ROWS
def test_an_account_without_an_employee_record_gets_only_what_everyone_may_do(
    outsider_dave, method, name, kwargs, rule
):
    # given: a Django account with no employee record, in no group but the everyone group (e.g. a stale account)
    # when
    url, response = _request(outsider_dave, method, name, kwargs)
    # then: what everyone may do answers (a 404 where it needs the employee record, never a 500), the rest is refused
    allowed = rule in ("public", "authenticated") or rule in capabilities_of([])
    _assert_answer(response, allowed=allowed, anonymous=False, who="outsider", method=method, name=name, url=url)


def test_every_role_has_a_capability_table_entry():
    assert set(ROLE_CAPABILITIES) == set(ROLES)
