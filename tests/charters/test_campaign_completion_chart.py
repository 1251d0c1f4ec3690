"""The campaign page's completion over time: signatures per day and the cumulative %, as an SVG and a table."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from charters.acknowledgements.charts import completion_chart
from charters.acknowledgements.selectors import SignatureDay, campaign_signatures_by_day
from charters.models import Assignment, Campaign
from tests.charters.conftest import acknowledge, read_through

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}
NUMBER = r"-?\d+(\.\d+)?"


@pytest.fixture
def four_days_in(campaign, employee_bob, employee_emma_en, no_reading_minimum):
    """Started four days ago; Bob signed the next day, Emma today; the other two people have not signed."""
    now = timezone.now()
    Campaign.objects.filter(pk=campaign.pk).update(started_at=now - timedelta(days=4))
    campaign.refresh_from_db()
    acknowledge(read_through(campaign.assignments.get(employee=employee_bob)))
    acknowledge(read_through(campaign.assignments.get(employee=employee_emma_en)))
    Assignment.objects.filter(campaign=campaign, employee=employee_bob).update(completed_at=now - timedelta(days=3))
    assert campaign.assignments.count() == 4
    return campaign


def _chart(html: str) -> str:
    return html.split('id="over-time-title"')[1].split("</section>")[0]


def test_signatures_are_counted_per_day_with_the_cumulative_share(four_days_in):
    days = campaign_signatures_by_day(four_days_in, total=4)
    assert [(d.signed, d.cumulative, d.percent) for d in days] == [
        (0, 0, 0),
        (1, 1, 25),
        (0, 1, 25),
        (0, 1, 25),
        (1, 2, 50),
    ]
    assert days[0].day == timezone.localdate() - timedelta(days=4) and days[-1].day == timezone.localdate()


def test_an_acknowledgement_carried_over_counts_on_the_first_day(four_days_in, employee_bob):
    Assignment.objects.filter(campaign=four_days_in, employee=employee_bob).update(
        completed_at=timezone.now() - timedelta(days=40)
    )
    days = campaign_signatures_by_day(four_days_in, total=4)
    assert days[0].signed == 1 and days[0].percent == 25 and sum(d.signed for d in days) == 2


def test_the_campaign_page_draws_the_chart_with_a_title_and_the_same_figures_as_a_table(
    four_days_in, hr_alice, as_user, django_assert_max_num_queries
):
    url = reverse("charters:campaign-detail", kwargs={"slug": "small", "number": 1})
    hr = as_user(hr_alice)
    with django_assert_max_num_queries(22):  # the chart is one aggregate query, whatever the days and people
        html = _chart(hr.get(url, **EN).content.decode())
    svg = html.split("<svg")[1].split("</svg>")[0]
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert '<title id="chart-title">Signatures per day and cumulative completion</title>' in svg
    assert ": 2 signatures, 50% of the people counted." in svg
    assert svg.count('class="chart-bar"') == 5 and 'class="chart-line"' in svg
    # the table (for screen readers) has one row per day, with the same figures
    rows = re.findall(r"<tr><th scope=\"row\">[^<]+</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)%</td></tr>", html)
    assert rows == [("0", "0", "0"), ("1", "1", "25"), ("0", "1", "25"), ("0", "1", "25"), ("1", "2", "50")]
    assert 'class="visually-hidden"' in html.split("<table")[1].split(">")[0]


def test_the_chart_speaks_french_and_keeps_dots_in_its_coordinates(four_days_in, hr_alice, as_user):
    url = reverse("charters:campaign-detail", kwargs={"slug": "small", "number": 1})
    html = _chart(as_user(hr_alice).get(url, **FR).content.decode())
    assert "Avancement dans le temps" in html
    assert '<title id="chart-title">Signatures par jour et avancement cumulé</title>' in html
    assert ": 2 signatures, 50 % des personnes comptées." in html
    assert "Signatures du jour" in html and "Avancement cumulé" in html
    # French writes 12,5 for 12.5: the SVG's numbers must not follow
    for attribute in ("x", "y", "width", "height"):
        for value in re.findall(rf'<rect class="chart-bar" [^>]*\b{attribute}="([^"]*)"', html):
            assert re.fullmatch(NUMBER, value), value
    points = re.search(r'<polyline class="chart-line" points="([^"]*)"', html).group(1)
    assert re.fullmatch(rf"{NUMBER},{NUMBER}( {NUMBER},{NUMBER})*", points), points


def test_the_highest_day_reaches_the_top_of_its_scale_and_100_percent_the_top_of_the_plot():
    today = timezone.localdate()
    days = [
        SignatureDay(day=today - timedelta(days=2), signed=3, cumulative=3, percent=30),
        SignatureDay(day=today - timedelta(days=1), signed=7, cumulative=10, percent=100),
        SignatureDay(day=today, signed=0, cumulative=10, percent=100),
    ]
    chart = completion_chart(days)
    tallest = max(chart.bars, key=lambda b: float(b.height))
    assert tallest.day.signed == 7
    assert float(tallest.y) >= chart.plot_top and float(tallest.y) + float(tallest.height) == chart.plot_bottom
    assert chart.bars[2].height == "0"
    last_y = float(chart.line.split()[-1].split(",")[1])
    assert last_y == chart.plot_top
    assert (
        [t.label for t in chart.count_ticks] == ["0", "2", "4", "6", "8"]
        and chart.signed == 10
        and chart.percent == 100
    )
