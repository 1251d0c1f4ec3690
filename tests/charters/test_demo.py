from __future__ import annotations

import io

from charters.demo import seed_charters
from charters.models import Charter


def test_demo_seeder_publishes_the_model_charter_once(hr_alice, approver_victor):
    seed_charters(io.StringIO())
    seed_charters(io.StringIO())
    charter = Charter.objects.get(slug="social-media")
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
