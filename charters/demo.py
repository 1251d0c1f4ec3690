"""Demo data: the social-media charter of the demo company, published in French and English."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TextIO

from django.contrib.auth import get_user_model
from django.utils import timezone

from charters import services
from charters.model_charter import model_charter_texts
from charters.models import Acknowledgement, Assignment, Campaign, Charter, LabourLawStep
from policy_portal.demo.people import DEMO_DOMAIN
from policy_portal.roles import Role

SLUG = "social-media"
# The demo version took effect this many days ago; its campaign started that day and is now overdue.
EFFECTIVE_DAYS_AGO = 40
# The demo's two employee logins keep something to sign (French and English reading pages).
KEEP_PENDING = frozenset({f"employee@{DEMO_DOMAIN}", f"employee.en@{DEMO_DOMAIN}"})


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
        name="Charte réseaux sociaux",
        name_en="Social media charter",
        slug=SLUG,
        by=author,
        body_fr=texts["fr"],
        translations={"en": texts["en"]},
    )
    version = charter.versions.get(number=1)
    today = timezone.localdate()
    steps = {
        LabourLawStep.Kind.CSE_INFORMATION: today - timedelta(days=EFFECTIVE_DAYS_AGO + 60),
        LabourLawStep.Kind.CSE_OPINION: today - timedelta(days=EFFECTIVE_DAYS_AGO + 45),
        LabourLawStep.Kind.LABOUR_INSPECTORATE: today - timedelta(days=EFFECTIVE_DAYS_AGO + 40),
        LabourLawStep.Kind.PRUDHOMMES: today - timedelta(days=EFFECTIVE_DAYS_AGO + 40),
        LabourLawStep.Kind.EMPLOYEE_COMMUNICATION: today - timedelta(days=EFFECTIVE_DAYS_AGO + 35),
    }
    for kind, done_on in steps.items():
        services.labour_law_step_record(version=version, kind=kind, by=author, done_on=done_on, note="Démo / demo")
    services.charter_version_update(
        version=version,
        by=author,
        change_summary="Première version.",
        material=True,
        effective_date=today - timedelta(days=EFFECTIVE_DAYS_AGO),
    )
    services.charter_version_submit(version=version, by=author)
    services.charter_version_approve(version=version, by=approver, comment="OK")
    services.charter_version_publish(version=version, by=author)
    stdout.write("Demo charter: published version 1 (fr, en).\n")


def seed_acknowledgements(stdout: TextIO) -> None:
    """A running campaign on the demo charter: about half done, the rest overdue, one question, one refusal.

    Idempotent: does nothing once the demo version has acknowledgements. The campaign is backdated to the
    version's effective date (due 30 days later, in the past) so that the dashboard and the reminders have
    something to show; every signature falls after the effective date. The demo employee logins
    (KEEP_PENDING) are left with the charter to sign.
    """
    from charters.acknowledgements import services as ack

    charter = Charter.objects.filter(slug=SLUG).first()
    version = charter.versions.filter(status="published", in_force_at__isnull=False).first() if charter else None
    if version is None:
        stdout.write("Demo acknowledgements: skipped (no demo charter in force).\n")
        return
    if Acknowledgement.objects.filter(version=version).exists():
        stdout.write("Demo acknowledgements: already there.\n")
        return
    now = timezone.now()
    started = timezone.make_aware(datetime.combine(version.effective_date, time(9)))
    campaign = ack.campaign_start(version=version, now=started)
    Campaign.objects.filter(pk=campaign.pk).update(started_at=started, deadline=(started + timedelta(days=30)).date())
    Assignment.objects.filter(campaign=campaign).update(
        assigned_at=started, due_on=(started + timedelta(days=30)).date()
    )
    assignments = list(
        Assignment.objects.filter(campaign=campaign, status="pending")
        .select_related("campaign__version__charter", "employee__user")
        .order_by("employee__employee_id")
    )
    done = 0
    for index, assignment in enumerate(assignments):
        if index % 2 or assignment.employee.user.username in KEEP_PENDING:
            continue
        opened = started + timedelta(days=1 + index % 20, hours=index % 7)
        ack.reading_open(assignment=assignment, language=assignment.employee.preferred_language, now=opened)
        ack.reading_end_reached(assignment=assignment, now=opened + timedelta(minutes=4))
        assignment.refresh_from_db()
        ack.acknowledgement_record(
            assignment=assignment,
            typed_name=assignment.employee.full_name,
            consented=True,
            ip_address=f"192.0.2.{10 + index % 200}",
            user_agent="Mozilla/5.0 (demo)",
            auth_method="session",
            login_at=opened,
            now=opened + timedelta(minutes=6),
        )
        done += 1
    waiting = [a for i, a in enumerate(assignments) if i % 2 and a.employee.user.username not in KEEP_PENDING]
    if waiting:
        ack.feedback_create(
            assignment=waiting[0],
            kind="question",
            text="Puis-je indiquer mon employeur sur mon profil LinkedIn ?",
            now=now - timedelta(days=3),
        )
    if len(waiting) > 1:
        ack.feedback_create(
            assignment=waiting[1], kind="decline", text="Je souhaite en parler au CSE.", now=now - timedelta(days=2)
        )
    stdout.write(f"Demo acknowledgements: {done} done, {len(assignments) - done} overdue, one question.\n")
