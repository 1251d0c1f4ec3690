"""Writes on acknowledgements: campaigns, assignments, the reading record, evidence, feedback, quizzes.

Every evidence event is appended to the ledger (charters/ledger.py) in the same transaction as
the row it proves. The database holds the invariants (one acknowledgement per employee and
version, one assignment per campaign and employee): a double submit finds the existing receipt.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charters import ledger
from charters.hashing import text_sha256
from charters.models import (
    Acknowledgement,
    Assignment,
    Campaign,
    CharterVersion,
    Feedback,
    Quiz,
    QuizAttempt,
    QuizChoice,
    QuizQuestion,
)
from charters.selectors import charter_applies_to, charter_audience, charter_version_baseline
from policy_portal.errors import ApplicationError, Conflict, PermissionDenied
from policy_portal.models import Employee, Notification
from policy_portal.roles import can
from policy_portal.services import notification_create

Event = ledger.Event
Status = Assignment.Status


# --- configuration (read at call time) ------------------------------------------------------------
def deadline_days() -> int:
    return int(getattr(settings, "ACK_CAMPAIGN_DEADLINE_DAYS", 30))


def reauth_after_minutes() -> int | None:
    return getattr(settings, "ACK_REAUTH_AFTER_MINUTES", 30)


def default_consent_text(language: str) -> str:
    with translation.override(language):
        return _(
            "I have read the charter above in full, I understand it and I undertake to comply with it. "
            "I know that this acknowledgement is recorded with the text I was shown."
        )


def consent_text_for(campaign: Campaign, language: str) -> str:
    return campaign.consent_text.strip() or default_consent_text(language)


def min_reading_seconds(campaign: Campaign, text: str) -> int:
    """The campaign's setting, else ACK_MIN_READING_SECONDS, else scaled to the text (words per minute)."""
    if campaign.min_reading_seconds is not None:
        return campaign.min_reading_seconds
    fixed = getattr(settings, "ACK_MIN_READING_SECONDS", None)
    if fixed is not None:
        return int(fixed)
    words = len(text.split())
    wpm = max(1, int(getattr(settings, "ACK_READING_WORDS_PER_MINUTE", 600)))
    floor, cap = (
        int(getattr(settings, "ACK_MIN_READING_FLOOR_S", 10)),
        int(getattr(settings, "ACK_MIN_READING_CAP_S", 240)),
    )
    return max(floor, min(cap, math.ceil(words * 60 / wpm)))


def reading_seconds_left(*, assignment: Assignment, body: str, now: datetime | None = None) -> int:
    """How long the reader must still wait before signing ``body``: 0 once the minimum reading time has passed
    since the page was first opened."""
    needed = min_reading_seconds(assignment.campaign, body)
    if assignment.opened_at is None:
        return needed
    spent = int(((now or timezone.now()) - assignment.opened_at).total_seconds())
    return max(0, needed - spent)


def _require(user: object, capability: str) -> None:
    if not can(user, capability):  # type: ignore[arg-type]
        raise PermissionDenied(_("Your role does not allow this action."))


# --- campaigns --------------------------------------------------------------------------------------
def campaign_start(*, version: CharterVersion, now: datetime | None = None) -> Campaign:
    """Open the campaign of a version that has just taken effect (idempotent), close the older ones and
    assign its audience. Acknowledgements of the version's baseline or later carry over (minor change)."""
    now = now or timezone.now()
    with transaction.atomic():
        version = CharterVersion.objects.select_for_update().select_related("charter").get(pk=version.pk)
        if not version.is_in_force:
            raise Conflict(_("Only the version in force has an acknowledgement campaign."))
        existing = Campaign.objects.filter(version=version).first()
        if existing is not None:
            return existing
        previous = Campaign.objects.filter(version__charter_id=version.charter_id).order_by("-started_at").first()
        Campaign.objects.filter(version__charter_id=version.charter_id, closed_at__isnull=True).update(closed_at=now)
        campaign = Campaign.objects.create(
            version=version,
            started_at=now,
            deadline=timezone.localdate(now) + timedelta(days=deadline_days()),
            consent_text=previous.consent_text if previous else "",
            min_reading_seconds=previous.min_reading_seconds if previous else None,
        )
        _assign(campaign, charter_audience(version.charter), now=now, due_on=campaign.deadline)
    return campaign


def campaign_start_for_version_id(version_id: int) -> Campaign | None:
    """The on_commit hook of charter activation (charters.services._activate)."""
    version = CharterVersion.objects.filter(pk=version_id).first()
    if version is None or not version.is_in_force:
        return None
    return campaign_start(version=version)


def _carried_over(campaign: Campaign, employee_ids: list[int]) -> dict[int, Acknowledgement]:
    baseline = charter_version_baseline(campaign.version)
    acks = Acknowledgement.objects.filter(
        employee_id__in=employee_ids,
        version__charter_id=campaign.version.charter_id,
        version__number__gte=baseline.number,
        version__number__lte=campaign.version.number,
    ).order_by("version__number")
    return {ack.employee_id: ack for ack in acks}  # the latest wins


def _assign(campaign: Campaign, employees: Iterable[Employee], *, now: datetime, due_on: date) -> int:
    ids = [e.pk for e in employees]
    carried = _carried_over(campaign, ids)
    rows = []
    for employee_id in ids:
        ack = carried.get(employee_id)
        rows.append(
            Assignment(
                campaign=campaign,
                employee_id=employee_id,
                assigned_at=now,
                due_on=due_on,
                status=Status.ACKNOWLEDGED if ack else Status.PENDING,
                acknowledgement=ack,
                completed_at=ack.acknowledged_at if ack else None,
            )
        )
    created = Assignment.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(created)


def campaign_update(
    *,
    campaign: Campaign,
    by: object,
    deadline: date,
    consent_text: str,
    min_reading_seconds: int | None,
) -> Campaign:
    """HR changes the deadline (assignments due on the old one follow), the consent text, the reading time."""
    _require(by, "manage_campaigns")
    if deadline < timezone.localdate(campaign.started_at):
        raise ApplicationError(_("The deadline cannot be before the start of the campaign."))
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        Assignment.objects.filter(campaign=campaign, due_on=campaign.deadline).update(due_on=deadline)
        campaign.deadline = deadline
        campaign.consent_text = consent_text.strip()
        campaign.min_reading_seconds = min_reading_seconds
        campaign.save(update_fields=["deadline", "consent_text", "min_reading_seconds"])
    return campaign


def assignments_for_new_hires(result: object) -> int:
    """DIRECTORY_SYNC_HOOKS entry: new hires get the open campaigns that apply to them on arrival."""
    employee_ids = list(getattr(result, "new_employee_ids", []) or [])
    if not employee_ids:
        return 0
    now = timezone.now()
    employees = list(Employee.objects.filter(pk__in=employee_ids, status=Employee.Status.ACTIVE).select_related("user"))
    created = 0
    campaigns = Campaign.objects.filter(
        closed_at__isnull=True, version__status=CharterVersion.Status.PUBLISHED, version__in_force_at__isnull=False
    ).select_related("version__charter")
    for campaign in campaigns:
        audience = [e for e in employees if charter_applies_to(campaign.version.charter, e)]
        due_on = max(campaign.deadline, timezone.localdate(now) + timedelta(days=deadline_days()))
        created += _assign(campaign, audience, now=now, due_on=due_on)
    return created


# --- the reading record -----------------------------------------------------------------------------
def _open_assignment(assignment: Assignment) -> Assignment:
    if not assignment.campaign.is_open or not assignment.campaign.version.is_in_force:
        raise Conflict(_("This version is no longer the one to acknowledge."))
    return assignment


def reading_open(*, assignment: Assignment, language: str, now: datetime | None = None) -> Assignment:
    """The reading page was opened: the first time is recorded (and written to the ledger)."""
    now = now or timezone.now()
    if assignment.opened_at is not None:
        return assignment
    with transaction.atomic():
        updated = Assignment.objects.filter(pk=assignment.pk, opened_at__isnull=True).update(
            opened_at=now, opened_language=language
        )
        if updated:
            ledger.ledger_append(
                event=Event.VIEWED,
                employee_id=assignment.employee_id,
                version_id=assignment.campaign.version_id,
                object_id=assignment.pk,
                payload={"language": language},
                at=now,
            )
    assignment.refresh_from_db(fields=["opened_at", "opened_language"])
    return assignment


def reading_end_reached(*, assignment: Assignment, now: datetime | None = None) -> Assignment:
    """The reader scrolled to the end of the text (the page's beacon): recorded once."""
    now = now or timezone.now()
    if assignment.opened_at is None:
        raise Conflict(_("Open the text before reaching its end."))
    if assignment.end_reached_at is not None:
        return assignment
    with transaction.atomic():
        updated = Assignment.objects.filter(pk=assignment.pk, end_reached_at__isnull=True).update(end_reached_at=now)
        if updated:
            ledger.ledger_append(
                event=Event.END_REACHED,
                employee_id=assignment.employee_id,
                version_id=assignment.campaign.version_id,
                object_id=assignment.pk,
                payload={},
                at=now,
            )
    assignment.refresh_from_db(fields=["end_reached_at"])
    return assignment


# --- acknowledging ----------------------------------------------------------------------------------
def normalized_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    letters = "".join(c if c.isalnum() else " " for c in letters)
    return " ".join(letters.casefold().split())


def typed_name_matches(typed: str, employee: Employee) -> bool:
    first, last = employee.user.first_name, employee.user.last_name
    candidates = {normalized_name(f"{first} {last}"), normalized_name(f"{last} {first}")}
    return bool(normalized_name(typed)) and normalized_name(typed) in candidates


def reauthentication_required(*, login_at: datetime | None, now: datetime | None = None) -> bool:
    minutes = reauth_after_minutes()
    if minutes is None:
        return False
    now = now or timezone.now()
    return login_at is None or now - login_at > timedelta(minutes=int(minutes))


def _quiz_result(assignment: Assignment) -> tuple[int | None, bool | None]:
    quiz = Quiz.objects.filter(version_id=assignment.campaign.version_id).first()
    if quiz is None or not quiz.questions.exists():
        return None, None
    attempt = QuizAttempt.objects.filter(quiz=quiz, employee_id=assignment.employee_id).order_by("-passed", "-pk")
    best = attempt.first()
    if best is None or not best.passed:
        raise ApplicationError(_("Answer the comprehension questions before acknowledging."), extra={"quiz": True})
    return best.score, True


def _shown_text(version: CharterVersion, language: str) -> tuple[str, str]:
    """(language, body) exactly as charter_version_text picks them, without rendering the HTML."""
    if language != "fr":
        for translation in version.translations.all():
            if translation.language == language:
                return language, translation.body
    return "fr", version.body_fr


def acknowledgement_existing(*, employee: Employee, version: CharterVersion) -> Acknowledgement | None:
    return Acknowledgement.objects.filter(employee=employee, version=version).first()


def acknowledgement_record(
    *,
    assignment: Assignment,
    typed_name: str,
    consented: bool,
    ip_address: str | None,
    user_agent: str,
    auth_method: str,
    login_at: datetime | None,
    password: str = "",
    language: str = "",
    now: datetime | None = None,
) -> tuple[Acknowledgement, bool]:
    """Record the acknowledgement of the assignment's version; returns (receipt, created).

    A second submit returns the first receipt, whatever it carries. Refused: before the end of the
    text is reached, before the minimum reading time, without agreeing to the consent statement, with
    a name that is not theirs, without the password when the login is old, or without a passed quiz
    when the version has one.
    """
    now = now or timezone.now()
    employee, version = assignment.employee, assignment.campaign.version
    if (existing := acknowledgement_existing(employee=employee, version=version)) is not None:
        return existing, False
    _open_assignment(assignment)
    if assignment.opened_at is None or assignment.end_reached_at is None:
        raise ApplicationError(_("Read the text to the end before acknowledging it."), extra={"reading": True})
    # the language of the page the form was on (the reader may have switched), else the one first opened
    shown = language if language in ("fr", "en") else assignment.opened_language or employee.preferred_language
    language, body = _shown_text(version, shown)
    if wait := reading_seconds_left(assignment=assignment, body=body, now=now):
        raise ApplicationError(
            ngettext(
                "Take the time to read the text: you can sign in %(seconds)s second.",
                "Take the time to read the text: you can sign in %(seconds)s seconds.",
                wait,
            )
            % {"seconds": wait},
            extra={"wait_seconds": wait},
        )
    spent = int((now - assignment.opened_at).total_seconds())
    if not consented:
        raise ApplicationError(_("Tick the box to agree to the statement."), extra={"field": "consent"})
    if not typed_name_matches(typed_name, employee):
        # the signer's own name only: the hint says which form of it the portal knows
        raise ApplicationError(
            _("Type your name as it appears on your account: %(name)s") % {"name": employee.full_name},
            extra={"field": "typed_name"},
        )
    if reauthentication_required(login_at=login_at, now=now):
        if not employee.user.has_usable_password():  # signs in by SSO only: no password to type
            raise PermissionDenied(
                _("Your sign-in is not recent: confirm it is you (button below), then acknowledge."),
                extra={"field": "reauthenticate"},
            )
        if not password or not employee.user.check_password(password):
            raise PermissionDenied(
                _("Your sign-in is not recent: enter your password to confirm."), extra={"field": "password"}
            )
        auth_method = f"{auth_method}+password"
    quiz_score, quiz_passed = _quiz_result(assignment)
    consent = consent_text_for(assignment.campaign, language)
    try:
        with transaction.atomic():
            ack = Acknowledgement.objects.create(
                employee=employee,
                version=version,
                campaign=assignment.campaign,
                language=language,
                text_sha256=text_sha256(body),
                content_sha256=version.content_sha256,
                consent_text=consent,
                consent_sha256=text_sha256(consent),
                typed_name=typed_name.strip()[:200],
                opened_at=assignment.opened_at,
                end_reached_at=assignment.end_reached_at,
                acknowledged_at=now,
                time_spent_seconds=spent,
                ip_address=ip_address,
                user_agent=user_agent[:500],
                auth_method=auth_method[:40],
                quiz_score=quiz_score,
                quiz_passed=quiz_passed,
            )
            Assignment.objects.filter(pk=assignment.pk).update(
                status=Status.ACKNOWLEDGED, acknowledgement=ack, completed_at=now
            )
            ledger.ledger_append(
                event=Event.ACKNOWLEDGED,
                employee_id=employee.pk,
                version_id=version.pk,
                object_id=ack.pk,
                payload=acknowledgement_evidence(ack),
                at=now,
            )
            # its sealed certificate (issue 5) is queued once the ledger has chained this entry (charters.tasks)
    except IntegrityError:
        existing = acknowledgement_existing(employee=employee, version=version)
        if existing is None:
            raise
        return existing, False
    return ack, True


def acknowledgement_evidence(ack: Acknowledgement) -> dict[str, object]:
    """The evidence fields as JSON scalars: what the ledger entry of an acknowledgement covers."""
    return {
        "acknowledgement_id": ack.pk,
        "employee_id": ack.employee_id,
        "version_id": ack.version_id,
        "language": ack.language,
        "text_sha256": ack.text_sha256,
        "content_sha256": ack.content_sha256,
        "consent_sha256": ack.consent_sha256,
        "typed_name": ack.typed_name,
        "opened_at": ack.opened_at.isoformat(),
        "end_reached_at": ack.end_reached_at.isoformat(),
        "acknowledged_at": ack.acknowledged_at.isoformat(),
        "time_spent_seconds": ack.time_spent_seconds,
        "ip_address": ack.ip_address,
        "user_agent": ack.user_agent,
        "auth_method": ack.auth_method,
        "quiz_score": ack.quiz_score,
        "quiz_passed": ack.quiz_passed,
    }


# --- declining, asking, answering ---------------------------------------------------------------------
def feedback_create(*, assignment: Assignment, kind: str, text: str, now: datetime | None = None) -> Feedback:
    """Decline the version or ask HR a question instead of acknowledging (text required)."""
    now = now or timezone.now()
    text = text.strip()
    if kind not in Feedback.Kind.values:
        raise ApplicationError(_("Choose to decline or to ask a question."))
    if not text:
        raise ApplicationError(_("Write a few words for HR."), extra={"field": "text"})
    _open_assignment(assignment)
    if assignment.status == Status.ACKNOWLEDGED:
        raise Conflict(_("You have already acknowledged this version."))
    with transaction.atomic():
        feedback = Feedback.objects.create(assignment=assignment, kind=kind, text=text[:5000], created_at=now)
        if kind == Feedback.Kind.DECLINE:
            Assignment.objects.filter(pk=assignment.pk, status=Status.PENDING).update(
                status=Status.DECLINED, completed_at=now
            )
        ledger.ledger_append(
            event=Event.DECLINED if kind == Feedback.Kind.DECLINE else Event.QUESTION,
            employee_id=assignment.employee_id,
            version_id=assignment.campaign.version_id,
            object_id=feedback.pk,
            payload={"text_sha256": text_sha256(feedback.text)},
            at=now,
        )
    return feedback


def feedback_answer(*, feedback: Feedback, by: object, answer: str, now: datetime | None = None) -> Feedback:
    _require(by, "manage_campaigns")
    now = now or timezone.now()
    answer = answer.strip()
    if not answer:
        raise ApplicationError(_("Write an answer."), extra={"field": "answer"})
    with transaction.atomic():
        updated = Feedback.objects.filter(pk=feedback.pk, answered_at__isnull=True).update(
            answer=answer[:5000], answered_by=by, answered_at=now
        )
        if not updated:
            raise Conflict(_("This message has already been answered."))
        ledger.ledger_append(
            event=Event.ANSWERED,
            employee_id=feedback.assignment.employee_id,
            version_id=feedback.assignment.campaign.version_id,
            object_id=feedback.pk,
            payload={"answer_sha256": text_sha256(answer), "answered_by": getattr(by, "pk", None)},
            at=now,
        )
        _tell_employee_of_answer(feedback)
    feedback.refresh_from_db()
    return feedback


def _tell_employee_of_answer(feedback: Feedback) -> None:
    """The employee's notification that HR answered them; the answer is read on the version's reading page."""
    assignment = Assignment.objects.select_related("employee__user", "campaign__version__charter").get(
        pk=feedback.assignment_id
    )
    version = assignment.campaign.version
    url = reverse("charters:ack-read", kwargs={"slug": version.charter.slug, "number": version.number})
    notification_create(
        recipient=assignment.employee.user,
        kind=Notification.Kind.QUESTION_ANSWERED,
        source_id=feedback.pk,
        url=f"{url}#feedback-title",
        params={"charter": version.charter.name, "charter_en": version.charter.name_en, "number": version.number},
    )


# --- the comprehension quiz ---------------------------------------------------------------------------
def quiz_attempt_record(
    *, assignment: Assignment, answers: Mapping[int, int], now: datetime | None = None
) -> QuizAttempt:
    """Score the answers (question id -> choice id) against the version's quiz; record and log it."""
    now = now or timezone.now()
    quiz = Quiz.objects.filter(version_id=assignment.campaign.version_id).prefetch_related("questions__choices").first()
    if quiz is None:
        raise ApplicationError(_("This version has no quiz."))
    questions = list(quiz.questions.all())
    correct = 0
    for question in questions:
        right = {c.pk for c in question.choices.all() if c.is_correct}
        if answers.get(question.pk) in right:
            correct += 1
    score = round(100 * correct / len(questions)) if questions else 100
    with transaction.atomic():
        attempt = QuizAttempt.objects.create(
            employee_id=assignment.employee_id,
            quiz=quiz,
            answers={str(k): v for k, v in answers.items()},
            score=score,
            passed=score >= quiz.pass_mark,
            attempted_at=now,
        )
        ledger.ledger_append(
            event=Event.QUIZ,
            employee_id=assignment.employee_id,
            version_id=assignment.campaign.version_id,
            object_id=attempt.pk,
            payload={"score": score, "passed": attempt.passed, "pass_mark": quiz.pass_mark},
            at=now,
        )
    return attempt


def campaigns_ensure(*, now: datetime | None = None) -> int:
    """The periodic safety net: start the campaign of every version in force that has none (should the
    on_commit hook have failed), and assign people who joined an open campaign's audience since it
    started (a move to another department, a new role, a hire entered by hand)."""
    now = now or timezone.now()
    missing = CharterVersion.objects.filter(
        status=CharterVersion.Status.PUBLISHED, in_force_at__isnull=False, campaign__isnull=True
    )
    started = 0
    for version in missing:
        campaign_start(version=version, now=now)
        started += 1
    for campaign in Campaign.objects.filter(closed_at__isnull=True).select_related("version__charter"):
        campaign_assign_newcomers(campaign=campaign, now=now)
    return started


def campaign_assign_newcomers(*, campaign: Campaign, now: datetime | None = None) -> int:
    """Assign the active members of the audience who have no assignment yet (due in the usual delay)."""
    now = now or timezone.now()
    assigned = Assignment.objects.filter(campaign=campaign).values("employee_id")
    newcomers = charter_audience(campaign.version.charter).exclude(pk__in=assigned)
    due_on = max(campaign.deadline, timezone.localdate(now) + timedelta(days=deadline_days()))
    return _assign(campaign, newcomers, now=now, due_on=due_on)


# --- HR writes the quiz -------------------------------------------------------------------------------
def quiz_question_add(
    *,
    version: CharterVersion,
    by: object,
    text_fr: str,
    text_en: str = "",
    explanation_fr: str = "",
    explanation_en: str = "",
    choices: list[tuple[str, str, bool]],
    pass_mark: int | None = None,
) -> QuizQuestion:
    """Add a question (choices: French text, English text, right or not) to the version's quiz."""
    _require(by, "manage_campaigns")
    if not text_fr.strip():
        raise ApplicationError(_("Write the question in French."), extra={"field": "text_fr"})
    if len(choices) < 2 or not any(right for _fr, _en, right in choices):
        raise ApplicationError(_("Give at least two choices, one of them right."), extra={"field": "choices"})
    if pass_mark is not None and not 1 <= pass_mark <= 100:
        raise ApplicationError(_("The pass mark is a percentage between 1 and 100."), extra={"field": "pass_mark"})
    with transaction.atomic():
        quiz, _created = Quiz.objects.get_or_create(version=version)
        if pass_mark is not None and pass_mark != quiz.pass_mark:
            Quiz.objects.filter(pk=quiz.pk).update(pass_mark=pass_mark)
        question = QuizQuestion.objects.create(
            quiz=quiz,
            position=quiz.questions.count() + 1,
            text_fr=text_fr.strip(),
            text_en=text_en.strip(),
            explanation_fr=explanation_fr.strip(),
            explanation_en=explanation_en.strip(),
        )
        QuizChoice.objects.bulk_create(
            [QuizChoice(question=question, text_fr=fr, text_en=en, is_correct=right) for fr, en, right in choices]
        )
    return question


def quiz_question_delete(*, question: QuizQuestion, by: object) -> None:
    """Remove a question nobody has answered yet (answered ones are part of the evidence)."""
    _require(by, "manage_campaigns")
    if QuizAttempt.objects.filter(quiz_id=question.quiz_id).exists():
        raise Conflict(_("Employees have already answered this quiz: its questions can no longer change."))
    question.delete()
