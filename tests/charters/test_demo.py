from __future__ import annotations

import io

from charters.demo import seed_charters
from charters.models import Charter


def test_demo_seeder_publishes_the_model_charter_once(hr_alice, approver_victor):
    seed_charters(io.StringIO())
    seed_charters(io.StringIO())
    charter = Charter.objects.get(slug="social-media")
    assert (charter.name, charter.name_en) == ("Charte réseaux sociaux", "Social media charter")
    version = charter.versions.get()
    assert version.is_in_force and version.translations.get().language == "en"
    assert version.legal_steps.count() == 5
    from charters.selectors import labour_law_checklist

    assert labour_law_checklist(version).warnings == []


def test_demo_seeder_shows_a_running_campaign_with_people_done_overdue_and_a_question(hr_alice, approver_victor):
    from charters.acknowledgements.selectors import campaign_completion, campaign_get
    from charters.demo import seed_acknowledgements
    from charters.ledger import ledger_verify
    from tests.factories import person

    for n in range(6):
        person(None, first_name=f"Demo{n}", email=f"demo{n}@example.org")
    seed_charters(io.StringIO())
    seed_acknowledgements(io.StringIO())
    seed_acknowledgements(io.StringIO())
    totals, _departments = campaign_completion(campaign_get(slug="social-media", number=1))
    assert totals.acknowledged >= 4 and totals.overdue >= 3 and totals.declined == 1
    assert totals.total == totals.acknowledged + totals.pending + totals.declined
    from charters.models import Feedback

    assert Feedback.objects.filter(kind="question").count() == 1
    assert ledger_verify().ok


def test_the_demo_employees_have_the_charter_to_sign_and_no_signature_precedes_the_effective_date(db):
    # given the demo company, seeded twice
    from django.core.management import call_command
    from django.utils import timezone

    from charters.models import Acknowledgement, Assignment

    call_command("seed_demo", stdout=io.StringIO())
    signed = list(Acknowledgement.objects.values_list("pk", "acknowledged_at"))
    call_command("seed_demo", stdout=io.StringIO())
    # then the French and the English employee still have the charter to sign
    for login in ("employee@lumen.example", "employee.en@lumen.example"):
        assert Assignment.objects.filter(employee__user__username=login, status="pending").exists(), login
    # and every signature falls on or after the day its version took effect, none in the future
    acks = Acknowledgement.objects.select_related("version")
    assert acks.count() >= 10
    for ack in acks:
        assert timezone.localdate(ack.acknowledged_at) >= ack.version.effective_date
        assert ack.opened_at >= timezone.make_aware(
            timezone.datetime.combine(ack.version.effective_date, timezone.datetime.min.time())
        )
        assert ack.acknowledged_at <= timezone.now()
    # and the second seeding changed nothing
    assert list(Acknowledgement.objects.values_list("pk", "acknowledged_at")) == signed
