"""The API and the page: checks for signed-in users and tokens, limits, and nothing stored (canary)."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from compliance.models import DailyCategoryCount
from compliance.services import context_bundle_import
from tests.charters.conftest import published_small, small_charter  # noqa: F401
from tests.compliance.conftest import write_bundle

pytestmark = pytest.mark.django_db
CANARY = "Zorblax-7731-canary"


@pytest.fixture
def bundle(tmp_path):
    context_bundle_import(folder=write_bundle(tmp_path))


def test_api_checks_a_draft(as_user, employee_bob, bundle):
    response = as_user(employee_bob).post(
        reverse("api:precheck-create"), {"text": "Réunion Mistral ce matin !"}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "block", body
    assert body["findings"][0]["excerpt"] == "Mistral"


def test_api_accepts_a_token(employee_bob, bundle):
    token = Token.objects.create(user=employee_bob.user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(reverse("api:precheck-create"), {"text": "Lovely soup"}, format="json")
    assert response.status_code == 200 and response.json()["verdict"] == "ok"


def test_api_refuses_a_draft_over_the_limit_clearly(as_user, employee_bob, bundle):
    response = as_user(employee_bob).post(
        reverse("api:precheck-create"),
        {"text": "a" * 10_001},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "draft_too_long"
    assert "10000" in response.json()["error"]["message"]


def test_a_spokesperson_may_speak_officially(as_user, spokesperson_sam, employee_bob, bundle):
    text = {"text": "Voici notre position officielle : nous investissons."}
    url = reverse("api:precheck-create")
    assert as_user(employee_bob).post(url, text, content_type="application/json").json()["verdict"] == "review"
    assert as_user(spokesperson_sam).post(url, text, content_type="application/json").json()["verdict"] == "ok"


def test_page_shows_verdict_highlight_fix_and_clause(as_user, employee_bob, bundle):
    response = as_user(employee_bob).post(
        reverse("compliance:checker"),
        {"text": "Réunion <b>Mistral</b> ce matin", "platform": "linkedin"},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Do not publish" in html
    # the verdict has a colour and an icon, not only words
    assert 'class="verdict verdict-block"' in html and 'class="verdict-icon" aria-hidden="true">✕<' in html
    assert '<a href="#finding-1">Mistral</a>' in html and "&lt;b&gt;" in html
    assert "How to fix it:" in html and "§" in html


def test_page_is_linked_from_the_navigation(as_user, employee_bob):
    html = as_user(employee_bob).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("compliance:checker") in html


def test_nothing_of_the_draft_is_stored_or_logged(as_user, employee_bob, bundle, caplog):
    caplog.set_level(logging.DEBUG)
    text = f"{CANARY} Réunion Mistral, appelez Lina au 06 12 34 56 78"
    as_user(employee_bob).post(reverse("api:precheck-create"), {"text": text}, content_type="application/json")
    as_user(employee_bob).post(reverse("compliance:checker"), {"text": text, "platform": "x"})
    # then: no table holds the canary, the logs do not either, only anonymous counters moved
    for table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            assert CANARY not in repr(cursor.fetchall()), table
    assert CANARY not in caplog.text
    counts = dict(DailyCategoryCount.objects.values_list("category", "count"))
    assert counts["confidentiality.confidential_term"] == 2
    assert counts["confidentiality.personal_data"] == 2


def test_api_is_rate_limited(as_user, employee_bob, bundle, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import ScopedRateThrottle

    cache.clear()  # throttling history of earlier tests
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"precheck": "2/min"})
    client, url = as_user(employee_bob), reverse("api:precheck-create")
    statuses = [client.post(url, {"text": "Soup"}, content_type="application/json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@pytest.mark.parametrize("language,clause", [("fr", "§2 Confidentialité"), ("en", "§2 Confidentiality")])
def test_each_finding_links_to_its_clause_on_the_charter_reading_page(
    as_user,
    employee_bob,
    bundle,
    published_small,  # noqa: F811
    language,
    clause,
):
    # given: the small charter (its clause 2 governs confidentiality) is in force
    client = as_user(employee_bob)
    # when Bob checks a draft naming a codename
    html = client.post(
        reverse("compliance:checker"),
        {"text": "Réunion Mistral ce matin", "platform": "linkedin"},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    # then the clause is a link that leads him to its anchor on the reading page, in his language
    link = f"/charters/clauses/confidentiality.confidential_term/?lang={language}"
    assert f'<a href="{link}">{clause}</a>' in html
    followed = client.get(link, HTTP_ACCEPT_LANGUAGE=language)
    anchor = f"/charters/small/v{published_small.number}/?lang={language}#clause-2"
    assert followed.status_code == 302 and followed["Location"] == anchor
    page = client.get(anchor.split("#")[0], HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'id="clause-2"' in page and clause[3:] in page


def test_a_clause_of_a_charter_that_does_not_apply_to_the_reader_never_leads_to_a_refused_page(
    as_user, employee_bob, hr_alice, approver_victor
):
    from charters import services
    from charters.models import Charter
    from tests.charters.conftest import SMALL_EN, SMALL_FR, publish
    from tests.factories import DepartmentFactory

    # given: the only charter in force is the sales department's, and Bob is not in sales
    sales = DepartmentFactory(code="sales", name="Sales")
    charter = services.charter_create(
        name="Ventes",
        slug="ventes",
        by=hr_alice.user,
        body_fr=SMALL_FR,
        translations={"en": SMALL_EN},
        audience=Charter.Audience.DEPARTMENTS,
        departments=[sales],
    )
    publish(charter.versions.get(), author=hr_alice.user, approver=approver_victor.user)
    client = as_user(employee_bob)
    # when he follows the clause link of a finding
    followed = client.get("/charters/clauses/confidentiality.confidential_term/?lang=en", HTTP_ACCEPT_LANGUAGE="en")
    # then he lands on his own charters with a word of explanation, not on a 404
    assert followed.status_code == 302 and followed["Location"] == reverse("charters:charter-list")
    page = client.get(followed["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "belongs to a charter that does not apply to you" in page
    assert client.get(reverse("charters:version-read", args=["ventes", 1])).status_code == 404


def test_the_api_gives_the_clause_address_too(as_user, employee_bob, bundle, published_small):  # noqa: F811
    body = (
        as_user(employee_bob)
        .post(reverse("api:precheck-create"), {"text": "Réunion Mistral ce matin"}, content_type="application/json")
        .json()
    )
    assert body["findings"][0]["clause_url"] == "/charters/clauses/confidentiality.confidential_term/?lang=fr"


def test_without_a_charter_in_force_the_clause_is_cited_without_a_link(as_user, employee_bob, bundle):
    html = (
        as_user(employee_bob)
        .post(
            reverse("compliance:checker"),
            {"text": "Réunion Mistral ce matin", "platform": "linkedin"},
            HTTP_HX_REQUEST="true",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        .content.decode()
    )
    assert "Charter clause: §3 Confidentiality</p>" in html


def test_without_script_the_checked_page_comes_back_at_its_result(as_user, employee_bob, bundle):
    # given: the check page (the form posts to #result: a browser without script scrolls to the result)
    page = as_user(employee_bob).get(reverse("compliance:checker"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'action="{reverse("compliance:checker")}#result"' in page
    # the result region can take the focus (checker_result.js gives it after a check) and has a name
    assert '<section id="result" class="check-result" tabindex="-1" aria-live="polite"' in page
    assert 'aria-label="Result of the check"' in page and "compliance/checker_result.js" in page
    # when the form is posted without htmx, the result is on the page, in that region
    checked = (
        as_user(employee_bob)
        .post(
            reverse("compliance:checker"),
            {"text": "Réunion Mistral ce matin", "platform": "linkedin"},
            HTTP_ACCEPT_LANGUAGE="fr",
        )
        .content.decode()
    )
    assert checked.index('id="result"') < checked.index("Ne pas publier")
    assert 'aria-label="Résultat de la vérification"' in checked
