"""Schema-driven fuzzing of the whole API (schemathesis), as every role and as nobody.

Every operation of the OpenAPI schema drf-spectacular generates is called with data that fits the schema
and data that does not, through the real WSGI application (middleware included), with the persona's API
token. Whatever the input, the API never answers 5xx, and every answer (errors included) matches what the
schema documents: status code, content type, headers and body. Half of the examples aim at real objects
(charters in each state, receipts, submissions, exports of tests/factories.py::api_world) so the fuzz
reaches the code behind the 404s. Derandomized: CI sees the same examples every run.

Run only this: ``.venv/bin/pytest tests/policy_portal/test_api_fuzz.py``.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import api_world

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
ROLES = ["employee", "hr", "approver", "legal", "reviewer", "crisis", "spokesperson", "admin", None]
EXAMPLES_ALLOWED = 20  # per operation, for a role allowed to use it (a refused role gets a few)
EXAMPLES_REFUSED = 3


def _schema() -> schemathesis.schemas.BaseSchema:
    raw = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = get_wsgi_application()
    return schema


SCHEMA = _schema()
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.fixture
def wsgi_in_test_transaction() -> Iterator[None]:
    """The WSGI handler closes the database connection around each request; inside a test transaction it must
    not (django.test.Client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_settings(settings, monkeypatch):
    """No throttling of the checker (the fuzz would be cut short by 429s at random points), and the usual
    re-authentication rule for acknowledgements by token."""
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"precheck": "100000/min"})  # read once, at import
    settings.ACK_REAUTH_AFTER_MINUTES = 30
    return settings


def _real_path_parameters(path: str, world: dict[str, object], pick: int) -> dict[str, object]:
    """Path parameters naming objects of the world (chosen by ``pick``)."""
    if "{slug}" in path:
        slugs = [(slug, number) for slug, numbers in world["charters"].items() for number in numbers]
        slug, number = slugs[pick % len(slugs)]
        return {"slug": slug, "number": number} if "{number}" in path else {"slug": slug}
    if "/evidence/exports/{id}" in path:
        return {"id": world["exports"][pick % len(world["exports"])]}
    if "/review-queue/{id}" in path:
        ids = list(world["submissions"].values())
        return {"id": ids[pick % len(ids)]}
    return {}


def _aim_at_real_objects(case: schemathesis.Case, world: dict[str, object], pick: int) -> None:
    case.path_parameters = {**(case.path_parameters or {}), **_real_path_parameters(case.path, world, pick)}
    if isinstance(case.body, dict) and "charter" in case.body:
        case.body["charter"], case.body["number"] = world["in_force"]
    if case.query and "from" in case.query:  # a diff between versions that exist
        case.query["from"], case.query["to"] = 1, 1 + pick % 2


def _fuzz(operation, world: dict[str, object], headers: dict[str, str], examples: int) -> set[int]:
    """Fuzz one operation; returns the status codes it answered."""
    statuses: set[int] = set()

    strategy = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy, real=st.booleans(), pick=st.integers(min_value=0, max_value=7))
    def run(case: schemathesis.Case, real: bool, pick: int) -> None:
        if real:
            _aim_at_real_objects(case, world, pick)
        response = case.call(headers=headers)
        statuses.add(response.status_code)
        case.validate_response(response, checks=CHECKS)

    run()
    return statuses


def _allowed(operation, role: str | None) -> bool:
    from django.urls import resolve

    from policy_portal.roles import capabilities_of
    from tests.access_policy import ACCESS_POLICY

    example = operation.path.replace("{slug}", "x").replace("{number}", "1").replace("{id}", "1")
    match = resolve(example)
    name = f"{match.namespace}:{match.url_name}"
    rule = next(r for m, n, _k, r in ACCESS_POLICY if n == name and m == operation.method.lower())
    return role is not None and (rule == "authenticated" or rule in capabilities_of([role]))


@pytest.mark.parametrize("role", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_no_server_error_and_every_answer_matches_the_schema(role, personas, fuzz_settings, wsgi_in_test_transaction):
    # given: fresh objects in every state, and this persona's API token
    world = api_world(personas)
    headers = {} if role is None else {"Authorization": f"Token {Token.objects.create(user=personas[role].user).key}"}
    # when: every operation is fuzzed
    failures, answered = [], {}
    for operation in OPERATIONS:
        allowed = _allowed(operation, role)
        try:
            answered[operation.label] = _fuzz(
                operation, world, headers, EXAMPLES_ALLOWED if allowed else EXAMPLES_REFUSED
            )
            if allowed and operation.method == "GET" and not any(200 <= s < 300 for s in answered[operation.label]):
                failures.append(f"--- {operation.label}: never answered 2xx, the fuzz did not reach the data")
        except (Exception, BaseExceptionGroup) as exc:  # collect them all: one report lists every operation that failed
            failures.append(
                f"--- {operation.method.upper()} {operation.path}\n{''.join(traceback.format_exception(exc))}"
            )
    # then
    assert not failures, "\n".join(failures)
