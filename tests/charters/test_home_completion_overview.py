"""HR's home page: the signatures of every version in force, counted and linked to its campaign."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from charters import services
from charters.acknowledgements.services import campaign_start, campaigns_ensure
from charters.models import Assignment
from tests.charters.conftest import SMALL_EN, SMALL_FR, acknowledge, publish, read_through
from tests.factories import person

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def _overview(html: str) -> str:
    return html.split('id="completion-title"')[1].split("</section>")[0]


@pytest.fixture
def two_campaigns(campaign, hr_alice, approver_victor, employee_bob, employee_emma_en, no_reading_minimum):
    """Petite charte v1: Bob signed, Emma overdue, HR and the approver to do. A second charter, nobody signed."""
    acknowledge(read_through(campaign.assignments.get(employee=employee_bob)))
    Assignment.objects.filter(campaign=campaign, employee=employee_emma_en).update(
        due_on=timezone.localdate() - timedelta(days=2)
    )
    other = services.charter_create(
        name="Charte IA", slug="ai", by=hr_alice.user, body_fr=SMALL_FR, translations={"en": SMALL_EN}
    )
    second = campaign_start(
        version=publish(other.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    )
    return campaign, second


def test_hr_home_shows_each_version_in_force_with_its_counts_and_a_link(two_campaigns, hr_alice, as_user):
    small, ai = two_campaigns
    people = small.assignments.count()  # Alice, Victor, Bob, Emma
    html = _overview(as_user(hr_alice).get(reverse("home"), **EN).content.decode())
    assert "Signatures of the charters in force" in html
    small_row = html.split("Petite charte v1")[1].split("</tr>")[0]
    cells = [c.split("<")[0] for c in small_row.split("<td>")[1:]]
    # signed, still to sign, of which overdue, then the bar and the percentage
    assert cells[:2] == ["1", str(people - 1)] and "<strong>1</strong>" in small_row
    assert f"{round(100 / people)}%" in small_row
    assert reverse("charters:campaign-detail", kwargs={"slug": "small", "number": 1}) in html
    ai_row = html.split("Charte IA v1")[1].split("</tr>")[0]
    assert [c.split("<")[0] for c in ai_row.split("<td>")[1:3]] == ["0", str(ai.assignments.count())]
    assert "0%" in ai_row
    assert reverse("charters:campaign-detail", kwargs={"slug": "ai", "number": 1}) in html


def test_the_overview_speaks_french(two_campaigns, hr_alice, as_user):
    html = _overview(as_user(hr_alice).get(reverse("home"), **FR).content.decode())
    assert "Signatures des chartes en vigueur" in html
    assert "Ont signé" in html and "Reste à signer" in html and "Dont en retard" in html


def test_a_closed_campaign_leaves_the_overview_when_the_next_version_takes_effect(
    two_campaigns, hr_alice, approver_victor, as_user
):
    small, _ai = two_campaigns
    v2 = services.charter_version_start(charter=small.version.charter, by=hr_alice.user)
    services.charter_version_update(version=v2, by=hr_alice.user, material=True, body_fr=v2.body_fr + "\nAjout.")
    services.charter_translation_save(
        version=v2, language="en", body=v2.translations.get().body + "\nAdd.", by=hr_alice.user
    )
    campaign_start(version=publish(v2, author=hr_alice.user, approver=approver_victor.user))
    html = _overview(as_user(hr_alice).get(reverse("home"), **EN).content.decode())
    assert "Petite charte v2" in html and "Petite charte v1" not in html


def test_employees_do_not_see_it_and_hr_sees_an_empty_state(db, hr_alice, employee_bob, as_user):
    employee_home = as_user(employee_bob).get(reverse("home"), **EN).content.decode()
    assert "Signatures of the charters in force" not in employee_home
    empty = as_user(hr_alice).get(reverse("home"), **EN).content.decode()
    assert "No charter is in force yet" in empty


def test_the_home_page_queries_do_not_grow_with_the_company(
    two_campaigns, hr_alice, as_user, django_assert_max_num_queries
):
    hr = as_user(hr_alice)
    hr.get(reverse("home"))  # warm the session and caches
    with django_assert_max_num_queries(40) as before:
        hr.get(reverse("home"), **EN)
    # when 30 more people join both campaigns
    for n in range(30):
        person(None, first_name=f"P{n}", email=f"p{n}@example.org")
    campaigns_ensure()
    # then the page costs no more queries and counts them
    with django_assert_max_num_queries(len(before.captured_queries)):
        html = hr.get(reverse("home"), **EN).content.decode()
    small, _ai = two_campaigns
    assert small.assignments.count() == 34
    assert "<td>33</td>" in _overview(html)
