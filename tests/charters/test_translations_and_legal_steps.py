from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from charters import selectors, services
from charters.models import LabourLawStep
from policy_portal.errors import ApplicationError, Conflict


def test_changing_the_french_makes_the_translation_stale(small_charter, hr_alice):
    version = small_charter.versions.get()
    version = services.charter_version_update(version=version, by=hr_alice.user, body_fr=version.body_fr + "\nAjout.")
    assert version.fr_revision == 2
    assert version.translations.get(language="en").is_stale


def test_editing_other_fields_keeps_the_translation_current(small_charter, hr_alice):
    version = small_charter.versions.get()
    services.charter_version_update(version=version, by=hr_alice.user, change_summary="x", material=False)
    assert not version.translations.get(language="en").is_stale


def test_a_stale_translation_cannot_be_published(small_charter, hr_alice, approver_victor):
    # given the French changed after the English was written
    version = small_charter.versions.get()
    services.charter_version_update(
        version=version, by=hr_alice.user, body_fr=version.body_fr + "\nAjout.", effective_date=timezone.localdate()
    )
    services.charter_version_submit(version=version, by=hr_alice.user)
    services.charter_version_approve(version=version, by=approver_victor.user)
    # when HR publishes, then it is refused and names the language
    with pytest.raises(Conflict) as exc:
        services.charter_version_publish(version=version, by=hr_alice.user)
    assert exc.value.extra["stale"] == ["en"]
    version.refresh_from_db()
    assert version.status == "approved"


def test_saving_the_translation_again_brings_it_up_to_date(small_charter, hr_alice):
    version = small_charter.versions.get()
    services.charter_version_update(version=version, by=hr_alice.user, body_fr=version.body_fr + "\nAjout.")
    services.charter_translation_save(version=version, language="en", body="## 1 Purpose\nNew.", by=hr_alice.user)
    assert not version.translations.get(language="en").is_stale


def test_a_version_without_english_cannot_be_published(hr_alice, approver_victor):
    charter = services.charter_create(name="C", slug="c", by=hr_alice.user, body_fr="## 1 Objet\nx")
    version = charter.versions.get()
    services.charter_version_update(version=version, by=hr_alice.user, effective_date=timezone.localdate())
    services.charter_version_submit(version=version, by=hr_alice.user)
    services.charter_version_approve(version=version, by=approver_victor.user)
    with pytest.raises(Conflict):
        services.charter_version_publish(version=version, by=hr_alice.user)


def _record(version, user, kind, day):
    services.labour_law_step_record(version=version, kind=kind, by=user, done_on=day)


@pytest.mark.parametrize(
    "last_formality,effective,warned",
    [
        (date(2026, 1, 31), date(2026, 2, 27), True),  # 27 days
        (date(2026, 1, 31), date(2026, 2, 28), False),  # one calendar month (end of February)
        (date(2026, 3, 10), date(2026, 4, 9), True),
        (date(2026, 3, 10), date(2026, 4, 10), False),
    ],
)
def test_effective_date_less_than_a_month_after_the_last_formality_is_warned(
    small_charter, hr_alice, last_formality, effective, warned
):
    version = small_charter.versions.get()
    services.charter_version_update(version=version, by=hr_alice.user, effective_date=effective)
    _record(version, hr_alice.user, LabourLawStep.Kind.CSE_OPINION, last_formality - timedelta(days=20))
    _record(version, hr_alice.user, LabourLawStep.Kind.PRUDHOMMES, last_formality)
    version.refresh_from_db()
    warnings = selectors.labour_law_checklist(version).warnings
    assert bool(warnings) is warned


def test_checklist_lists_pending_steps(small_charter, hr_alice):
    version = small_charter.versions.get()
    _record(version, hr_alice.user, LabourLawStep.Kind.CSE_INFORMATION, timezone.localdate())
    checklist = selectors.labour_law_checklist(version)
    assert len(checklist.pending) == 4


def test_a_formality_cannot_be_dated_in_the_future(small_charter, hr_alice):
    with pytest.raises(ApplicationError):
        _record(
            small_charter.versions.get(),
            hr_alice.user,
            LabourLawStep.Kind.CSE_OPINION,
            timezone.localdate() + timedelta(days=1),
        )


def test_steps_can_still_be_recorded_after_publication(published_small, hr_alice):
    _record(published_small, hr_alice.user, LabourLawStep.Kind.EMPLOYEE_COMMUNICATION, timezone.localdate())
    assert published_small.legal_steps.get().done_on == timezone.localdate()


def test_browser_line_ends_are_not_a_change_of_the_french(small_charter, hr_alice):
    version = small_charter.versions.get()
    crlf = version.body_fr.strip().replace("\n", "\r\n")
    version = services.charter_version_update(version=version, by=hr_alice.user, body_fr=crlf)
    assert version.fr_revision == 1
    assert not version.translations.get(language="en").is_stale
