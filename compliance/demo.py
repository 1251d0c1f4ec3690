"""Demo data of the review queue and crisis mode: a few submitted posts (one decided each way) and a closed crisis."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TextIO

from django.contrib.auth import get_user_model
from django.utils import timezone

from compliance.crisis import services as crisis
from compliance.models import ConfidentialTerm, Crisis, InternalDocument, ProtectedWork, Submission
from compliance.review import services as review
from compliance.services import category_counts_record, context_bundle_import
from policy_portal.models import Department
from policy_portal.roles import Role

# The demo's checker context, a bundle in the format `manage.py import_checker_context` reads.
CONTEXT_BUNDLE = Path(__file__).resolve().parent / "demo_context"


def seed_checker_context(stdout: TextIO) -> None:
    """Idempotent: imports the demo bundle only into an empty registry.

    Not re-imported once the registry has entries: an import makes the registry match the bundle, so it
    would remove what people (or the demo crisis, whose topic is a quiet topic) added since.
    """
    if ConfidentialTerm.objects.exists() or InternalDocument.objects.exists() or ProtectedWork.objects.exists():
        stdout.write("Demo checker context: already there.\n")
        return
    changes = context_bundle_import(folder=CONTEXT_BUNDLE)
    stdout.write(f"Demo checker context: imported ({changes} entries).\n")


POSTS = [
    ("Fiers de l'équipe de Montrevel : 40 ans de savoir-faire en éclairage industriel ! #fierté", "fr", "approved", ""),
    (
        "Notre position officielle : nous ne commenterons pas la rumeur de rachat.",
        "fr",
        "rejected",
        "Seuls les porte-paroles parlent au nom de l'entreprise. / Only spokespeople speak for the company.",
    ),
    ("Great day at the trade fair, come and see our new stand!", "en", "changes_requested", ""),
    ("Petite question : puis-je partager la photo de l'équipe prise au séminaire ?", "fr", "", ""),
]


def _someone(role: str | None, exclude: object | None = None) -> object | None:
    users = get_user_model().objects.filter(is_active=True, employee__isnull=False).order_by("pk")
    users = users.filter(groups__name=role) if role else users.exclude(groups__name=Role.REVIEWER)
    return users.exclude(pk=exclude.pk).first() if exclude is not None else users.first()  # type: ignore[attr-defined]


def seed_review_and_crisis(stdout: TextIO) -> None:
    """Idempotent: does nothing once submissions or crises exist."""
    if Submission.objects.exists() or Crisis.objects.exists():
        stdout.write("Demo review and crisis: already there.\n")
        return
    reviewer = _someone(Role.REVIEWER)
    author = _someone(None, exclude=reviewer)
    cell = _someone(Role.CRISIS) or _someone(Role.ADMIN)
    if reviewer is None or author is None or cell is None:
        stdout.write("Demo review and crisis: skipped (needs a reviewer, an employee and the crisis cell).\n")
        return
    for n, (text, lang, decision, reason) in enumerate(POSTS):
        s = review.submission_create(author=author, text=text, lang=lang, platform="linkedin", comment="Demo")
        Submission.objects.filter(pk=s.pk).update(submitted_at=timezone.now() - timedelta(days=6 - n, hours=3))
        if decision:
            review.submission_claim(submission=s, by=reviewer)
            review.submission_decide(
                submission=s, by=reviewer, decision=decision, reason=reason, suggested_text=text.replace("!", ".")
            )
    closed = crisis.crisis_open(
        title="Coupure de gaz à l'atelier de Montrevel",
        instructions="Ne publiez rien sur l'incident ; renvoyez les questions à la cellule de crise.",
        topics=["coupure de gaz à Montrevel"],
        holding_statement="Un incident technique est en cours de traitement ; aucun blessé n'est à déplorer.",
        contacts="Cellule de crise : crise@example.org",
        by=cell,
    )
    _seed_response(closed, cell)
    crisis.crisis_close(
        crisis=closed,
        by=cell,
        lessons="Les salariés ont appris l'incident par la presse locale : prévenir les équipes avant toute "
        "déclaration publique, et rappeler dans la charte qui parle au nom de l'entreprise.",
    )
    _seed_counters()
    stdout.write(f"Demo review and crisis: {len(POSTS)} submitted posts, one closed crisis, six weeks of counts.\n")


def _seed_response(closed: Crisis, cell: object) -> None:
    """The demo crisis went through the response cycle: a statement approved by the company's voice and published,
    one removal logged."""
    voice = _someone(Role.VOICE)
    if voice is None or voice == cell:
        return
    statement = crisis.statement_draft_save(
        crisis=closed,
        by=cell,
        text="Une coupure de gaz est survenue ce matin à l'atelier de Montrevel. Les équipes ont été mises en "
        "sécurité ; aucun blessé n'est à déplorer. L'activité reprendra après le contrôle des installations.",
    )
    crisis.statement_submit(statement=statement, by=cell)
    crisis.statement_approve(statement=statement, by=voice)
    crisis.statement_publish(statement=statement, by=cell)
    crisis.content_removal_record(
        crisis=closed,
        by=cell,
        content="Vidéo de l'évacuation publiée par un salarié, visages visibles",
        url="https://video.example/watch?v=montrevel",
        platform="Video.example",
        reason="Atteinte à l'image de collègues identifiables, publiée sans leur accord.",
        public_explanation="Retirée à la demande de l'entreprise pour protéger la vie privée des salariés.",
        decided_by="Direction de la communication",
    )


# (category, rule, checks a week) for the dashboard: what anonymous counting would have recorded.
COUNTS = [
    ("confidentiality.confidential_term", "confidential_term.registry", 5),
    ("confidentiality.personal_data", "personal_data.identifier", 3),
    ("conduct.unauthorized_statement", "unauthorized_statement.official", 2),
    ("copyright.third_party_media", "third_party_media.reuse", 1),
]


def _seed_counters() -> None:
    today = timezone.localdate()
    departments = list(Department.objects.values_list("code", flat=True)[:4]) or [""]
    for week in range(6):
        for n, department in enumerate(departments):
            day = today - timedelta(weeks=week)
            for category, rule, per_week in COUNTS:
                for _ in range(max(0, per_week - n - week % 2)):
                    category_counts_record(categories=[category], rules=[rule], day=day, department=department)
