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
