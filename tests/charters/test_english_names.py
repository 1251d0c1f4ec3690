"""Charter and department names are stored in French with an optional English one: English readers see the
English name where there is one (and the French one otherwise), French readers always the French one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charters import services
from charters.acknowledgements.selectors import campaign_completion
from charters.acknowledgements.services import campaign_start, feedback_answer, feedback_create
from charters.models import Charter
from policy_portal.models import Notification
from tests.charters.conftest import SMALL_EN, SMALL_FR, publish
from tests.factories import DepartmentFactory, person

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture
def sales():
    return DepartmentFactory(code="ventes", name="Ventes", name_en="Sales")


@pytest.fixture
def seller_emma(sales):
    return person(None, first_name="Emma", email="emma@example.org", language="en", department=sales)


@pytest.fixture
def seller_bob(sales):
    return person(None, first_name="Bob", email="bob@example.org", department=sales)


@pytest.fixture
def in_force(hr_alice, approver_victor, seller_emma, seller_bob):
    charter = services.charter_create(
        name="Charte des réseaux",
        name_en="Social networks charter",
        slug="networks",
        by=hr_alice.user,
        body_fr=SMALL_FR,
        translations={"en": SMALL_EN},
    )
    version = publish(charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    campaign_start(version=version)
    return version


@pytest.mark.parametrize(
    "language,shown,hidden", [(EN, "Social networks charter", "Charte des réseaux"), (FR, "Charte des réseaux", None)]
)
def test_an_employee_reads_the_charter_name_in_her_language(as_user, seller_emma, in_force, language, shown, hidden):
    client = as_user(seller_emma)
    pages = [
        reverse("home"),
        reverse("charters:charter-list"),
        reverse("charters:version-read", kwargs={"slug": "networks", "number": 1}),
        reverse("charters:ack-read", kwargs={"slug": "networks", "number": 1}),
    ]
    for url in pages:
        html = client.get(url, **language).content.decode()
        assert shown in html, url
        if hidden:
            assert hidden not in html, url


def test_a_charter_without_an_english_name_keeps_its_name_on_english_pages(as_user, hr_alice, employee_emma_en):
    services.charter_create(name="Charte interne", slug="interne", by=hr_alice.user, body_fr=SMALL_FR)
    html = as_user(hr_alice).get(reverse("charters:charter-list"), **EN).content.decode()
    assert "Charte interne" in html


def test_an_employee_reads_her_department_in_her_language(as_user, seller_emma):
    assert "· Sales" in as_user(seller_emma).get(reverse("home"), **EN).content.decode()
    assert "· Ventes" in as_user(seller_emma).get(reverse("home"), **FR).content.decode()


def test_hr_reads_department_names_in_english_on_the_directory_and_the_campaign(as_user, hr_alice, in_force):
    directory = as_user(hr_alice).get(reverse("directory"), **EN).content.decode()
    assert "<td>Sales</td>" in directory and "Ventes" not in directory
    _totals, departments = campaign_completion(in_force.campaign)  # tests speak English outside requests
    assert "Sales" in [d.label for d in departments]
    campaign = as_user(hr_alice).get(
        reverse("charters:campaign-detail", kwargs={"slug": "networks", "number": 1}), **EN
    ).content.decode()
    assert "Sales" in campaign and "Social networks charter" in campaign


def test_hr_gives_the_english_name_when_creating_a_charter(as_user, hr_alice):
    response = as_user(hr_alice).post(
        reverse("charters:charter-create"),
        {"name": "Charte RS", "name_en": " SM charter ", "slug": "rs", "audience": "everyone"},
        **EN,
    )
    assert response.status_code == 302
    assert Charter.objects.values_list("name", "name_en").get(slug="rs") == ("Charte RS", "SM charter")
    form = as_user(hr_alice).get(reverse("charters:charter-create"), **EN).content.decode()
    assert "Name in English (optional)" in form


def test_notifications_name_the_charter_in_the_readers_language(as_user, hr_alice, seller_emma, in_force):
    assignment = in_force.campaign.assignments.get(employee=seller_emma)
    question = feedback_create(assignment=assignment, kind="question", text="?")
    feedback_answer(feedback=question, by=hr_alice.user, answer="Yes.")
    assert Notification.objects.get(recipient=seller_emma.user).params["charter_en"] == "Social networks charter"
    assert "HR answered your message about Social networks charter (version 1)." in (
        as_user(seller_emma).get(reverse("home"), **EN).content.decode()
    )
    assert "Les RH ont répondu à votre message sur « Charte des réseaux » (version 1)." in (
        as_user(seller_emma).get(reverse("home"), **FR).content.decode()
    )
