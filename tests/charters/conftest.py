"""Charters built through the services, as HR would."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from charters import services
from charters.model_charter import model_charter_texts
from charters.models import Charter, CharterVersion

SMALL_FR = """Préambule de la charte.

## 1 Objet
La charte s'applique à tous.

## 2 Confidentialité {tags: confidentiality}
Ne publiez aucune information interne.
"""
SMALL_EN = """Charter preamble.

## 1 Purpose
The charter applies to everyone.

## 2 Confidentiality {tags: confidentiality}
Never publish internal information.
"""


@pytest.fixture
def model_charter(hr_alice) -> Charter:
    texts = model_charter_texts()
    return services.charter_create(
        name="Charte réseaux sociaux",
        slug="social-media",
        by=hr_alice.user,
        body_fr=texts["fr"],
        translations={"en": texts["en"]},
    )


@pytest.fixture
def small_charter(hr_alice) -> Charter:
    return services.charter_create(
        name="Petite charte", slug="small", by=hr_alice.user, body_fr=SMALL_FR, translations={"en": SMALL_EN}
    )


def publish(version: CharterVersion, *, author, approver, effective: date | None = None) -> CharterVersion:
    """draft -> in review -> approved -> published, the way the pages do it."""
    effective = effective or timezone.localdate() - timedelta(days=1)
    services.charter_version_update(version=version, by=author, effective_date=effective, change_summary="Résumé")
    services.charter_version_submit(version=version, by=author)
    services.charter_version_approve(version=version, by=approver)
    return services.charter_version_publish(version=version, by=author)


@pytest.fixture
def published_small(small_charter, hr_alice, approver_victor) -> CharterVersion:
    return publish(small_charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)


# --- acknowledgements ---------------------------------------------------------------------------------
@pytest.fixture
def campaign(published_small, employee_bob, employee_emma_en):
    from charters.acknowledgements.services import campaign_start

    return campaign_start(version=published_small)


@pytest.fixture
def no_reading_minimum(settings):
    settings.ACK_MIN_READING_SECONDS = 0
    settings.ACK_REAUTH_AFTER_MINUTES = None


def read_through(assignment, *, opened=None, end=None, language=None):
    """The reading page opened and scrolled to its end, as the browser would report it."""
    from charters.acknowledgements.services import reading_end_reached, reading_open

    opened = opened or timezone.now() - timedelta(minutes=10)
    reading_open(assignment=assignment, language=language or assignment.employee.preferred_language, now=opened)
    return reading_end_reached(assignment=assignment, now=end or opened + timedelta(minutes=3))


def acknowledge(assignment, **overrides):
    from charters.acknowledgements.services import acknowledgement_record

    kwargs = {
        "typed_name": assignment.employee.full_name,
        "consented": True,
        "ip_address": "203.0.113.7",
        "user_agent": "pytest-browser/1.0",
        "auth_method": "session",
        "login_at": timezone.now(),
        **overrides,
    }
    return acknowledgement_record(assignment=assignment, **kwargs)
