"""HR's employee directory for a company of 1,000+ people: pages, a search box kept across pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import DepartmentFactory, crowd

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture
def company(db):
    sales = DepartmentFactory(code="sales", name="Ventes")
    plant = DepartmentFactory(code="plant", name="Usine de Lyon")
    return crowd(1_050, departments=[sales, plant])


def _names(html: str) -> list[str]:
    return re.findall(r"<td>(First\d+ Last\d+)</td>", html)


def test_the_directory_shows_50_people_a_page_with_numbered_keyboard_links(company, hr_alice, as_user):
    hr = as_user(hr_alice)
    html = hr.get(reverse("directory"), **EN).content.decode()
    assert "1051 people" in html  # the crowd and Alice
    assert len(_names(html)) == 50
    nav = html.split('<nav class="pagination"')[1].split("</nav>")[0]
    assert "Page 1 of 22" in nav
    assert 'href="?page=2" rel="next"' in nav and 'aria-current="page"' in nav
    assert 'href="?page=22"' in nav  # the last page, after an ellipsis
    last = hr.get(reverse("directory") + "?page=22", **EN).content.decode()
    assert len(_names(last)) + last.count("Alice Test") >= 1 and "Page 22 of 22" in last


@pytest.mark.parametrize(
    "search,expected",
    [
        ("crowd.7@example.org", ["First0007 Last0007"]),  # e-mail
        ("last0008", ["First0008 Last0008"]),  # name, whatever the case
        ("First0009 Last0009", ["First0009 Last0009"]),  # first and last name together
        ("CROWD00010", ["First0010 Last0010"]),  # employee id
    ],
)
def test_the_search_finds_people_by_name_email_or_employee_id(company, hr_alice, as_user, search, expected):
    html = as_user(hr_alice).get(reverse("directory"), {"q": search}, **EN).content.decode()
    assert _names(html) == expected


def test_a_department_search_keeps_itself_across_pages(company, hr_alice, as_user):
    hr = as_user(hr_alice)
    html = hr.get(reverse("directory"), {"q": "usine"}, **EN).content.decode()
    assert "525 people" in html and "Page 1 of 11" in html
    assert 'href="?q=usine&amp;page=2"' in html  # the next page keeps the search
    page2 = hr.get(reverse("directory"), {"q": "usine", "page": 2}, **EN).content.decode()
    assert 'value="usine"' in page2 and len(_names(page2)) == 50
    assert all(int(name[5:9]) % 2 == 1 for name in _names(page2))  # the plant has the odd ones
    # with a status too, both are kept
    both = hr.get(reverse("directory"), {"q": "usine", "status": "active"}, **EN).content.decode()
    assert 'href="?q=usine&amp;status=active&amp;page=2"' in both


def test_the_directory_speaks_french(company, hr_alice, as_user):
    html = as_user(hr_alice).get(reverse("directory"), {"q": "ventes"}, **FR).content.decode()
    assert "Nom, e-mail, service ou matricule" in html
    assert "Page 1 sur 11" in html and "Suivant" in html and 'aria-label="Page 2"' in html


def test_queries_do_not_grow_with_the_number_of_people(db, hr_alice, as_user, django_assert_max_num_queries):
    hr = as_user(hr_alice)
    sales = DepartmentFactory(code="sales", name="Ventes")
    crowd(10, departments=[sales], prefix="few")
    with django_assert_max_num_queries(30) as small:
        hr.get(reverse("directory"), {"q": "ventes", "page": 1}, **EN)
    crowd(1_200, departments=[sales], prefix="many")
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = hr.get(reverse("directory"), {"q": "ventes", "page": 3}, **EN).content.decode()
    assert len(_names(html)) == 50
