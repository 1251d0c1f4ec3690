from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from charters import selectors


def test_no_clause_before_a_charter_is_in_force(model_charter):
    assert selectors.clause_for_category("confidentiality", "fr") is None


@pytest.fixture
def model_in_force(model_charter, hr_alice, approver_victor):
    from tests.charters.conftest import publish

    return publish(model_charter.versions.get(), author=hr_alice.user, approver=approver_victor.user)


@pytest.mark.parametrize(
    "category,language,number,title",
    [
        ("confidentiality", "fr", "3.1", "Informations confidentielles"),
        ("confidentiality", "en", "3.1", "Confidential information"),
        ("insider", "en", "3.2", "Financial and inside information"),
        ("confidentiality.personal_data", "fr", "3.3", "Données personnelles"),
        ("conduct.crisis_topic", "en", "7.1", "Quiet topics"),
        ("conduct.insult", "fr", "5.1", "Règles de conduite"),
        ("copyright", "en", "4.1", "Copyright"),
    ],
)
def test_clause_for_category_cites_the_charter_in_force(model_in_force, category, language, number, title):
    ref = selectors.clause_for_category(category, language)
    assert (ref.number, ref.title, ref.language) == (number, title, language)
    assert ref.url.endswith(f"?lang={language}#clause-{number.replace('.', '-')}")
    assert ref.url.startswith("/charters/social-media/v1/")


def test_unknown_category_has_no_clause(model_in_force):
    assert selectors.clause_for_category("weather", "fr") is None


def test_label_provider_follows_the_interface_language(model_in_force):
    with translation.override("en"):
        assert selectors.clause_label_for_category("confidentiality") == "§3.1 Confidential information"
    with translation.override("fr"):
        assert selectors.clause_label_for_category("confidentiality") == "§3.1 Informations confidentielles"


@override_settings(COMPLIANCE_CLAUSE_PROVIDER="charters.selectors.clause_label_for_category")
def test_provider_setting_points_at_an_importable_function():
    from django.conf import settings
    from django.utils.module_loading import import_string

    assert import_string(settings.COMPLIANCE_CLAUSE_PROVIDER) is selectors.clause_label_for_category
