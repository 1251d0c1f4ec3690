"""Demo data: the social-media charter of the demo company, published in French and English."""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

from django.contrib.auth import get_user_model
from django.utils import timezone

from charters import services
from charters.model_charter import model_charter_texts
from charters.models import Charter, LabourLawStep
from policy_portal.roles import Role

SLUG = "social-media"


def _person_with_role(role: str) -> object | None:
    return get_user_model().objects.filter(groups__name=role, is_active=True).order_by("pk").first()


def seed_charters(stdout: TextIO) -> None:
    """Idempotent: does nothing when the demo charter exists."""
    if Charter.objects.filter(slug=SLUG).exists():
        stdout.write("Demo charter: already there.\n")
        return
    author, approver = _person_with_role(Role.HR), _person_with_role(Role.APPROVER)
    if author is None or approver is None or author == approver:
        stdout.write("Demo charter: skipped (needs an HR person and a different approver).\n")
        return
    texts = model_charter_texts()
    charter = services.charter_create(
        name="Charte réseaux sociaux", slug=SLUG, by=author, body_fr=texts["fr"], translations={"en": texts["en"]}
    )
    version = charter.versions.get(number=1)
    today = timezone.localdate()
    steps = {
        LabourLawStep.Kind.CSE_INFORMATION: today - timedelta(days=75),
        LabourLawStep.Kind.CSE_OPINION: today - timedelta(days=60),
        LabourLawStep.Kind.LABOUR_INSPECTORATE: today - timedelta(days=55),
        LabourLawStep.Kind.PRUDHOMMES: today - timedelta(days=55),
        LabourLawStep.Kind.EMPLOYEE_COMMUNICATION: today - timedelta(days=50),
    }
    for kind, done_on in steps.items():
        services.labour_law_step_record(version=version, kind=kind, by=author, done_on=done_on, note="Démo / demo")
    services.charter_version_update(
        version=version,
        by=author,
        change_summary="Première version.",
        material=True,
        effective_date=today - timedelta(days=15),
    )
    services.charter_version_submit(version=version, by=author)
    services.charter_version_approve(version=version, by=approver, comment="OK")
    services.charter_version_publish(version=version, by=author)
    stdout.write("Demo charter: published version 1 (fr, en).\n")
