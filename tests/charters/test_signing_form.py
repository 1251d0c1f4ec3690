"""The employee signing: the minimum reading time counts down, an early or incomplete signature gives
the form back as it was typed, and a name that does not match says which name the portal expects."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from charters.models import Acknowledgement, Assignment

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture
def a_minute_to_read(settings):
    settings.ACK_MIN_READING_SECONDS = 60
    settings.ACK_REAUTH_AFTER_MINUTES = None


def _urls(version):
    kwargs = {"slug": version.charter.slug, "number": version.number}
    return reverse("charters:ack-read", kwargs=kwargs), reverse("charters:ack-end-reached", kwargs=kwargs)


def _opened(client, campaign, employee, *, seconds_ago: int) -> str:
    """The reading page opened ``seconds_ago`` and read to its end; returns its URL."""
    read, end = _urls(campaign.version)
    client.get(read)
    client.post(end)
    Assignment.objects.filter(campaign=campaign, employee=employee).update(
        opened_at=timezone.now() - timedelta(seconds=seconds_ago)
    )
    return read


def _countdown(html: str) -> int | None:
    match = re.search(r'id="reading-countdown"[^>]*data-seconds-left="(\d+)"', html)
    return int(match.group(1)) if match else None


@pytest.mark.usefixtures("a_minute_to_read")
@pytest.mark.parametrize(
    ("headers", "wait_message"),
    [
        (EN, "Take the time to read the text: you can sign in "),
        (FR, "Prenez le temps de lire le texte : vous pourrez signer dans "),
    ],
    ids=["en", "fr"],
)
def test_signing_too_early_keeps_the_name_and_the_consent_and_says_how_long_to_wait(
    campaign, employee_bob, as_user, headers, wait_message
):
    # given Bob opened the text 20 seconds ago (one minute to read)
    client = as_user(employee_bob)
    read = _opened(client, campaign, employee_bob, seconds_ago=20)
    # when he signs already
    response = client.post(read, {"typed_name": "Bob Test", "consent": "on", "lang": "fr"}, **headers)
    # then nothing is recorded, and the form comes back as he typed it with the seconds left
    html = response.content.decode()
    assert response.status_code == 400 and not Acknowledgement.objects.exists()
    waited = re.search(re.escape(wait_message) + r"(\d+) second", html)
    assert waited and 35 <= int(waited.group(1)) <= 40
    assert 'name="typed_name" required autocomplete="name" size="40" value="Bob Test"' in html
    assert re.search(r'<input type="checkbox" id="consent" name="consent"[^>]* checked', html)
    assert 35 <= (_countdown(html) or 0) <= 40  # the countdown starts again from what the server says


def test_the_countdown_is_shown_while_the_reading_time_runs_and_gone_once_it_passed(
    campaign, employee_bob, as_user, a_minute_to_read
):
    client = as_user(employee_bob)
    read = _opened(client, campaign, employee_bob, seconds_ago=15)
    html = client.get(read, **EN).content.decode()
    assert 44 <= (_countdown(html) or 0) <= 45
    assert 'role="timer"' in html and "Time left before you can sign:" in html
    assert "charters/acknowledge.js" in html  # the script that counts down (no inline script)
    french = client.get(read, **FR).content.decode()
    assert "Temps restant avant de pouvoir signer :" in french
    Assignment.objects.filter(employee=employee_bob).update(opened_at=timezone.now() - timedelta(minutes=2))
    assert _countdown(client.get(read, **EN).content.decode()) is None


@pytest.mark.usefixtures("no_reading_minimum")
@pytest.mark.parametrize(
    ("headers", "message"),
    [(EN, "Tick the box to agree to the statement."), (FR, "Cochez la case pour accepter la déclaration.")],
    ids=["en", "fr"],
)
def test_signing_without_ticking_the_consent_is_refused_and_keeps_the_name(
    campaign, employee_bob, as_user, headers, message
):
    client = as_user(employee_bob)
    read = _opened(client, campaign, employee_bob, seconds_ago=600)
    response = client.post(read, {"typed_name": "Bob Test"}, **headers)
    html = response.content.decode()
    assert response.status_code == 400 and message in html and not Acknowledgement.objects.exists()
    assert 'value="Bob Test"' in html and 'aria-invalid="true"' in html
    assert client.post(read, {"typed_name": "Bob Test", "consent": "on"}).status_code == 302


@pytest.mark.usefixtures("no_reading_minimum")
@pytest.mark.parametrize(
    ("headers", "hint"),
    [
        (EN, "Type your name as it appears on your account: Bob Test"),
        (FR, "Tapez votre nom tel qu&#x27;il figure sur votre compte : Bob Test"),
    ],
    ids=["en", "fr"],
)
def test_a_name_that_does_not_match_says_the_signers_own_name_and_no_one_elses(
    campaign, employee_bob, employee_emma_en, as_user, headers, hint
):
    client = as_user(employee_bob)
    read = _opened(client, campaign, employee_bob, seconds_ago=600)
    response = client.post(read, {"typed_name": "Emma Test", "consent": "on"}, **headers)
    html = response.content.decode()
    assert response.status_code == 400 and hint in html
    assert 'value="Emma Test"' in html  # what he typed, kept to correct it
    assert html.count("Emma") == 1  # no other employee's name is offered as the expected one
    assert not Acknowledgement.objects.exists()


@pytest.mark.usefixtures("a_minute_to_read")
def test_the_refused_form_comes_back_on_the_text_it_was_on(campaign, employee_emma_en, as_user):
    client = as_user(employee_emma_en)
    read = _opened(client, campaign, employee_emma_en, seconds_ago=5)  # opened in English
    html = client.post(read, {"typed_name": "Emma Test", "consent": "on", "lang": "fr"}, **EN).content.decode()
    assert '<article class="charter-text" lang="fr">' in html
    assert '<input type="hidden" name="lang" value="fr">' in html
