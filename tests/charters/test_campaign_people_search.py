"""The people of a campaign for a company of 1,000+: pages, a search by name, e-mail or department kept
across pages (and in the CSV), a constant number of queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from charters.acknowledgements.services import campaigns_ensure
from charters.models import Assignment
from tests.factories import DepartmentFactory, crowd

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}
URL = reverse("charters:campaign-detail", kwargs={"slug": "small", "number": 1})


@pytest.fixture
def big_campaign(campaign):
    sales = DepartmentFactory(code="sales", name="Ventes")
    plant = DepartmentFactory(code="plant", name="Usine de Lyon")
    crowd(1_050, departments=[sales, plant])
    campaigns_ensure()  # the newcomers join the open campaign
    assert campaign.assignments.count() == 1_054
    return campaign


def _people(html: str) -> list[str]:
    table = html.split('id="people"')[1].split('id="feedback"')[0]
    return re.findall(r">(First\d+ Last\d+)</a>", table)


@pytest.mark.parametrize(
    "search,expected",
    [
        ("crowd.12@example.org", ["First0012 Last0012"]),  # e-mail
        ("first0013 LAST0013", ["First0013 Last0013"]),  # first and last name, any case
        ("CROWD00014", ["First0014 Last0014"]),  # employee id
        ("Last0015 ventes", []),  # 15 is at the plant, not in Sales
        ("Last0015 usine", ["First0015 Last0015"]),
    ],
)
def test_hr_finds_people_by_name_email_department_or_id(big_campaign, hr_alice, as_user, search, expected):
    html = as_user(hr_alice).get(URL, {"q": search}, **EN).content.decode()
    assert _people(html) == expected


def test_a_search_is_kept_across_pages_and_in_the_export(big_campaign, hr_alice, as_user):
    hr = as_user(hr_alice)
    html = hr.get(URL, {"q": "usine"}, **EN).content.decode()
    assert len(_people(html)) == 50 and "Page 1 of 11" in html
    assert 'href="?q=usine&amp;page=2#people" rel="next"' in html
    assert 'href="?q=usine&amp;page=11#people"' in html
    page2 = hr.get(URL, {"q": "usine", "page": 2}, **EN).content.decode()
    names = _people(page2)
    assert len(names) == 50 and all(int(n[5:9]) % 2 == 1 for n in names)  # the plant has the odd ones
    current = page2.split('href="?q=usine&amp;page=2#people"')[1][:40]
    assert 'value="usine"' in page2 and 'aria-current="page"' in current
    # with a status filter, both are kept
    Assignment.objects.filter(campaign=big_campaign, employee__user__last_name="Last0001").update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    late = hr.get(URL, {"q": "usine", "status": "overdue"}, **EN).content.decode()
    assert _people(late) == ["First0001 Last0001"]
    export = hr.get(reverse("charters:campaign-export", kwargs={"slug": "small", "number": 1}), {"q": "usine"})
    assert b"".join(export.streaming_content).decode("utf-8-sig").count("Usine de Lyon") == 525


def test_the_search_box_speaks_french(big_campaign, hr_alice, as_user):
    html = as_user(hr_alice).get(URL, {"q": "ventes"}, **FR).content.decode()
    assert '<label for="f-q">Nom, e-mail, service ou matricule</label>' in html
    assert 'type="search"' in html and "Page 1 sur 11" in html and "Suivant" in html


def test_queries_do_not_grow_with_the_number_of_people(campaign, hr_alice, as_user, django_assert_max_num_queries):
    hr = as_user(hr_alice)
    sales = DepartmentFactory(code="sales", name="Ventes")
    crowd(10, departments=[sales], prefix="few")
    campaigns_ensure()
    with django_assert_max_num_queries(30) as small:
        hr.get(URL, {"q": "ventes"}, **EN)
    crowd(1_200, departments=[sales], prefix="many")
    campaigns_ensure()
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = hr.get(URL, {"q": "ventes", "page": 3}, **EN).content.decode()
    assert len(_people(html)) == 50
