"""Every page works under the Content-Security-Policy: no inline code, nonces per response.

The walk covers every GET row of tests/access_policy.py, requested by a role the policy allows,
over the demo data (a charter in force, a campaign, reviewed posts) with a crisis open so that the
banner is on every page; plus the Django admin and Swagger UI.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from policy_portal.roles import ROLE_CAPABILITIES, Role
from tests.access_policy import ACCESS_POLICY
from tests.conftest import client_for
from tests.factories import UserFactory

NONCE_IN_HEADER = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")
HTML = "text/html,application/json;q=0.9,*/*;q=0.8"


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


@dataclass
class InlineCode(HTMLParser):
    """What in a page the policy would refuse, unless it carries the response's nonce."""

    nonce: str | None
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        where = self.get_starttag_text() or tag
        for name, _value in attrs:
            if name.startswith("on"):
                self.problems.append(f"inline event handler {name}= in {where}")
            if name == "style":
                self.problems.append(f"style= attribute in {where}")
        if tag == "a" and (names.get("href") or "").strip().lower().startswith("javascript:"):
            self.problems.append(f"javascript: link in {where}")
        inline = (tag == "script" and not names.get("src")) or tag == "style"
        if inline and (self.nonce is None or names.get("nonce") != self.nonce):
            self.problems.append(f"inline <{tag}> without this response's nonce: {where}")


def inline_code(html: str, nonce: str | None) -> list[str]:
    parser = InlineCode(nonce)
    parser.feed(html)
    parser.close()
    return parser.problems


def a_role_with(rule: str) -> str | None:
    if rule == "public":
        return None
    if rule == "authenticated":
        return Role.EMPLOYEE
    return next(role for role, capabilities in ROLE_CAPABILITIES.items() if rule in capabilities)


@pytest.fixture
def demo_world(personas):
    """The demo data and an open crisis (whose banner every page then shows)."""
    from charters.demo import seed_acknowledgements, seed_charters
    from compliance.crisis.services import crisis_open
    from compliance.demo import seed_review_and_crisis
    from compliance.models import ConfidentialTerm

    out = io.StringIO()
    seed_charters(out)
    seed_acknowledgements(out)
    seed_review_and_crisis(out)
    crisis_open(
        title="Incident at the plant",
        instructions="Publish nothing about it.",
        topics=["plant incident"],
        contacts="crisis@example.org",
        by=personas[Role.CRISIS].user,
    )
    ConfidentialTerm.objects.create(term="Mistral")
    return personas


def _real_kwargs(name: str, kwargs: dict[str, object], user: object) -> dict[str, object]:
    """The policy's placeholder objects ("missing", 999999) replaced by demo objects where there are some."""
    from charters.models import Acknowledgement
    from compliance.models import ConfidentialTerm, Crisis, Submission
    from policy_portal.models import Employee

    objects = {
        "compliance:term-edit": ConfidentialTerm.objects.all(),
        "compliance:submission-detail": Submission.objects.filter(author=user),
        "compliance:review-detail": Submission.objects.all(),
        "compliance:crisis-detail": Crisis.objects.all(),
        "charters:ack-receipt": Acknowledgement.objects.filter(employee__user=user),
        "charters:campaign-employee": Employee.objects.filter(acknowledgements__isnull=False),
    }
    real = dict(kwargs)
    if real.get("slug") == "missing":
        real["slug"] = "social-media"
    if "pk" in real and name in objects and (found := objects[name].order_by("pk").first()) is not None:
        real["pk"] = found.pk
    return real


GET_ROWS = [row for row in ACCESS_POLICY if row[0] == "get"]


@pytest.mark.slow  # the demo data: about 10 s
def test_every_page_is_served_under_a_strict_policy_with_no_inline_code(demo_world):
    failures: list[str] = []
    pages = 0
    for _method, name, kwargs, rule in GET_ROWS:
        role = a_role_with(rule)
        user = demo_world[role].user if role else None
        client = client_for(user)
        url = reverse(name, kwargs=_real_kwargs(name, kwargs, user))
        first, second = (client.get(url, HTTP_ACCEPT=HTML, HTTP_ACCEPT_LANGUAGE="en") for _ in range(2))
        header = first.get("Content-Security-Policy", "")
        if not header:
            failures.append(f"{url}: no Content-Security-Policy header")
            continue
        directives = _directives(header)
        if "'unsafe-inline'" in header or "'unsafe-eval'" in header:
            failures.append(f"{url}: unsafe source in {header}")
        if directives.get("frame-ancestors") != ["'none'"] or directives.get("object-src") != ["'none'"]:
            failures.append(f"{url}: frame-ancestors / object-src not 'none': {header}")
        if not first["Content-Type"].startswith("text/html") or first.status_code in (301, 302, 303):
            continue
        pages += 1
        nonces = [NONCE_IN_HEADER.search(r.get("Content-Security-Policy", "")) for r in (first, second)]
        if not all(nonces):
            failures.append(f"{url} ({first.status_code}): no nonce in {header}")
            continue
        nonce, other = (m.group(1) for m in nonces if m)
        if nonce == other:
            failures.append(f"{url}: the same nonce twice")
        if f"'nonce-{nonce}'" not in directives.get("script-src", []):
            failures.append(f"{url}: script-src lacks the nonce: {header}")
        failures += [f"{url} ({first.status_code}): {p}" for p in inline_code(first.content.decode(), nonce)]
    assert pages >= 39, f"only {pages} HTML pages walked"
    assert not failures, "\n".join(failures)


@pytest.mark.slow  # the demo data: about 10 s
def test_the_walk_sees_real_pages_not_only_refusals_and_404s(demo_world):
    """Guard on the walk itself: the demo objects replace the placeholders of the policy."""
    real = {
        "charters:charter-detail", "charters:version-read", "charters:campaign-detail", "charters:campaign-employee",
        "compliance:crisis-detail", "compliance:term-edit", "compliance:review-detail", "compliance:reports",
    }  # fmt: skip
    for _method, name, kwargs, rule in GET_ROWS:
        if name not in real:
            continue
        user = demo_world[a_role_with(rule)].user
        url = reverse(name, kwargs=_real_kwargs(name, kwargs, user))
        response = client_for(user).get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, url
        assert b"crisis-banner" in response.content, url
        real.remove(name)
    assert not real
    # the bars, once style="width: N%", are classes now
    hr = client_for(demo_world[Role.HR].user)
    assert re.search(r'class="bar-ok width-\d+"', hr.get(reverse("charters:campaign-list")).content.decode())
    admin = client_for(demo_world[Role.ADMIN].user)
    assert re.search(r'class="hbar width-\d+"', admin.get(reverse("compliance:reports")).content.decode())


def test_the_parser_reports_what_the_policy_would_block():
    html = (
        '<script nonce="abc">ok()</script><script src="/static/x.js"></script>'
        '<script>bad()</script><style>p{}</style><p style="color:red" onclick="x()">'
        '<a href="javascript:alert(1)">x</a><script nonce="other">bad()</script>'
    )
    problems = inline_code(html, "abc")
    assert len(problems) == 6, problems


@pytest.fixture
def superuser(db):
    from policy_portal.auth import totp_provision

    user = UserFactory(is_staff=True, is_superuser=True, email="root@example.org")
    totp_provision(user=user)  # the admin site asks staff for a second factor
    return user


@pytest.mark.parametrize(
    "url_name,args",
    [
        ("admin:index", []),
        ("admin:auth_user_changelist", []),
        ("admin:auth_user_add", []),
        ("admin:policy_portal_employee_changelist", []),
    ],
)
def test_the_admin_needs_no_inline_code(superuser, url_name, args):
    response = client_for(superuser).get(reverse(url_name, args=args), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    match = NONCE_IN_HEADER.search(header)
    assert inline_code(response.content.decode(), match.group(1) if match else None) == []


def test_swagger_ui_loads_its_start_up_script_from_a_file(employee_bob):
    client = client_for(employee_bob.user)
    page = client.get(reverse("api-docs"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert inline_code(page.content.decode(), None) == []
    script_src = re.search(r'<script src="([^"]*script=[^"]*)"', page.content.decode())
    assert script_src, "the start-up script is not served as a file"
    script = client.get(script_src.group(1).replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content
