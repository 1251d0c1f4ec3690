"""Acknowledgement pages: the employee's reading, acknowledging, quiz, receipts; HR's campaigns and dashboard."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime

from allauth.account.authentication import get_authentication_records
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import time_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from charters import selectors as charter_selectors
from charters.acknowledgements import receipts, reminders, selectors, services
from charters.acknowledgements.charts import completion_chart
from charters.acknowledgements.forms import CampaignForm, QuizQuestionForm
from charters.acknowledgements.request_facts import client_ip, user_agent
from charters.evidence.storage import evidence_path
from charters.models import Assignment, Campaign, Quiz, QuizQuestion, ReminderBatch
from policy_portal.access import capability_required
from policy_portal.auth import reauthentication_choices
from policy_portal.errors import ApplicationError
from policy_portal.models import Employee
from policy_portal.roles import can
from policy_portal.selectors import employee_for_user

REAUTH_SESSION_KEY = "charters_reauth_at"


# --- helpers ----------------------------------------------------------------------------------------
def _employee(request: HttpRequest) -> Employee:
    employee = employee_for_user(request.user)
    if employee is None:
        raise Http404
    return employee


def _assignment(request: HttpRequest, slug: str, number: int) -> Assignment:
    """The signed-in employee's assignment for the version in force ``slug`` v``number``, else 404."""
    assignment = selectors.assignment_in_force_for(
        employee=_employee(request), user=request.user, slug=slug, number=number
    )
    if assignment is None:
        raise Http404
    return assignment


def _reader_language(request: HttpRequest, employee: Employee) -> str:
    wanted = request.GET.get("lang") or request.POST.get("lang")
    return wanted if wanted in ("fr", "en") else employee.preferred_language


def login_time(request: HttpRequest) -> datetime | None:
    """When this person last proved who they are in this session, else their last sign-in.

    Proofs: the password typed on the acknowledgement form, and what allauth records for the session (the
    sign-in by password or SSO, a second factor, a re-authentication).
    """
    proofs = []
    if reauth := parse_datetime(request.session.get(REAUTH_SESSION_KEY, "") or ""):
        proofs.append(reauth)
    if records := get_authentication_records(request, request.user):
        proofs.append(datetime.fromtimestamp(max(r["at"] for r in records), tz=UTC))
    return max(proofs) if proofs else getattr(request.user, "last_login", None)


def _read_context(request: HttpRequest, assignment: Assignment, language: str) -> dict[str, object]:
    version = assignment.campaign.version
    text = charter_selectors.charter_version_text(version, language)
    needs_proof = services.reauthentication_required(login_at=login_time(request))
    signed = selectors.acknowledgement_signed_before(assignment)
    quiz = Quiz.objects.filter(version=version).first()
    return {
        "assignment": assignment,
        "overdue": assignment.due_on < timezone.localdate(),
        "version": version,
        "text": text,
        "signed": signed,
        "diffs": charter_selectors.version_diff(signed.version, version, text.language) if signed else None,
        "consent_text": services.consent_text_for(assignment.campaign, text.language),
        "needs_password": needs_proof and request.user.has_usable_password(),
        "reauth_choices": reauthentication_choices(request, next_url=request.path) if needs_proof else [],
        "min_seconds": services.min_reading_seconds(assignment.campaign, text.body),
        "seconds_left": services.reading_seconds_left(assignment=assignment, body=text.body),
        "typed_name": "",
        "consented": False,
        "quiz": quiz,
        "quiz_passed": quiz is None or quiz.attempts.filter(employee=assignment.employee, passed=True).exists(),
        "feedback": selectors.feedback_list_for_assignment(assignment),
        "receipt": assignment.acknowledgement if assignment.status == Assignment.Status.ACKNOWLEDGED else None,
    }


# --- the employee -----------------------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("view_charters")
def ack_read(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Read the version (recording the opening), then acknowledge it once the end is reached."""
    assignment = _assignment(request, slug, number)
    language = _reader_language(request, assignment.employee)
    if request.method == "POST":
        typed_name, consented = request.POST.get("typed_name", "")[:200], request.POST.get("consent") == "on"
        try:
            ack, _created = services.acknowledgement_record(
                assignment=assignment,
                typed_name=typed_name,
                consented=consented,
                password=request.POST.get("password", ""),
                language=request.POST.get("lang", ""),
                ip_address=client_ip(request),
                user_agent=user_agent(request),
                auth_method="session",
                login_at=login_time(request),
            )
        except ApplicationError as refusal:
            # the form comes back as it was sent (but the password), in the language of the text it was on
            shown = language if request.POST.get("lang") in ("fr", "en") else assignment.opened_language or language
            context = _read_context(request, assignment, shown)
            context.update(
                error=refusal.message,
                error_field=refusal.extra.get("field", ""),
                typed_name=typed_name,
                consented=consented,
            )
            return render(request, "charters/acknowledgements/read.html", context, status=refusal.status_code)
        if ack.auth_method.endswith("+password"):
            request.session[REAUTH_SESSION_KEY] = timezone.now().isoformat()
        return redirect("charters:ack-receipt", pk=ack.pk)
    if assignment.status != Assignment.Status.ACKNOWLEDGED:
        assignment = services.reading_open(assignment=assignment, language=language)
    return render(request, "charters/acknowledgements/read.html", _read_context(request, assignment, language))


@require_POST
@capability_required("view_charters")
def ack_end_reached(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The page's beacon (or its no-script button) once the reader reached the end of the text."""
    assignment = _assignment(request, slug, number)
    services.reading_end_reached(assignment=assignment)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return redirect(request.path.rsplit("end/", 1)[0] + "#acknowledge")


@require_POST
@capability_required("view_charters")
def ack_feedback(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    assignment = _assignment(request, slug, number)
    services.feedback_create(
        assignment=assignment, kind=request.POST.get("kind", ""), text=request.POST.get("text", "")
    )
    messages.success(request, _("Your message was sent to HR."))
    return redirect("charters:ack-read", slug=slug, number=number)


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("view_charters")
def ack_quiz(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    assignment = _assignment(request, slug, number)
    quiz = Quiz.objects.filter(version=assignment.campaign.version).prefetch_related("questions__choices").first()
    if quiz is None:
        raise Http404
    language = _reader_language(request, assignment.employee)
    attempt = None
    if request.method == "POST":
        answers = {}
        for question in quiz.questions.all():
            raw = request.POST.get(f"q{question.pk}", "")
            if raw.isdigit():
                answers[question.pk] = int(raw)
        attempt = services.quiz_attempt_record(assignment=assignment, answers=answers)
        if attempt.passed:
            messages.success(request, _("Quiz passed. You can now acknowledge the charter."))
            return redirect("charters:ack-read", slug=slug, number=number)
    return render(
        request,
        "charters/acknowledgements/quiz.html",
        {"assignment": assignment, "quiz": quiz, "attempt": attempt, "language": language},
        status=200,
    )


@require_safe
@capability_required("view_charters")
def ack_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    ack = selectors.acknowledgement_get_for(employee=_employee(request), pk=pk)
    if ack is None:
        raise Http404
    return render(request, "charters/acknowledgements/receipt.html", {"ack": ack})


@require_safe
@capability_required("view_charters")  # type: ignore[type-var]  # a FileResponse streams
def ack_certificate(request: HttpRequest, pk: int) -> FileResponse:
    """The signer's sealed certificate as a PDF (legal may download anyone's, as from its evidence pages)."""
    ack = selectors.acknowledgement_certificate_get_for_user(user=request.user, pk=pk)
    if ack is None:
        raise Http404
    language = receipts.receipt_language(request.GET.get("lang") or get_language()[:2])
    file = receipts.receipt_certificate(acknowledgement=ack, language=language)
    filename = receipts.certificate_filename(ack, language)
    return FileResponse(evidence_path(file.file).open("rb"), as_attachment=True, filename=filename)


@require_POST
@capability_required("view_charters")
def ack_receipt_email(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the signer a copy of their receipt by e-mail (a job); only the signer has this page."""
    ack = selectors.acknowledgement_get_for(employee=_employee(request), pk=pk)
    if ack is None:
        raise Http404
    address, queued = receipts.receipt_mail_request(acknowledgement=ack, by=request.user, language=get_language()[:2])
    if queued:
        messages.success(request, _("A copy of your receipt is on its way to %(email)s.") % {"email": address})
    else:
        messages.info(
            request,
            _("A copy was already sent to %(email)s a moment ago: it can take a few minutes to arrive.")
            % {"email": address},
        )
    return redirect("charters:ack-receipt", pk=ack.pk)


@require_safe
@capability_required("view_charters")
def ack_history(request: HttpRequest) -> HttpResponse:
    employee = _employee(request)
    return render(
        request,
        "charters/acknowledgements/history.html",
        {
            "pending": selectors.assignment_pending_list_for(employee),
            "acknowledgements": selectors.acknowledgement_list_for(employee),
            "today": timezone.localdate(),
        },
    )


# --- HR -----------------------------------------------------------------------------------------------
def _campaign(slug: str, number: int) -> Campaign:
    campaign = selectors.campaign_get(slug=slug, number=number)
    if campaign is None:
        raise Http404
    return campaign


@require_safe
@capability_required("view_dashboards")
def campaign_list(request: HttpRequest) -> HttpResponse:
    unanswered = request.GET.get("list") == "questions"
    return render(
        request,
        "charters/acknowledgements/campaign_list.html",
        {
            "campaigns": [(c, selectors.campaign_completion(c)[0]) for c in selectors.campaign_list()[:50]],
            "questions": selectors.feedback_list(kind="question", unanswered=unanswered)[:100],
            "unanswered": unanswered,
        },
    )


@require_safe
@capability_required("view_dashboards")
def campaign_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    campaign = _campaign(slug, number)
    filters = {
        "status": request.GET.get("status", ""),
        "department": request.GET.get("department", ""),
        "search": request.GET.get("q", "").strip()[:100],
    }
    totals, departments = selectors.campaign_completion(campaign)
    chart = completion_chart(selectors.campaign_signatures_by_day(campaign, total=totals.total))
    people = selectors.campaign_people(
        campaign, status=filters["status"], department=filters["department"], search=filters["search"]
    )
    page, rows = selectors.campaign_people_page(people, number=request.GET.get("page"))
    open_questions = selectors.assignments_with_open_question([a.pk for a in rows])
    return render(
        request,
        "charters/acknowledgements/campaign_detail.html",
        {
            "campaign": campaign,
            "totals": totals,
            "departments": departments,
            "chart": chart,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "rows": rows,
            "open_questions": open_questions,
            "filters": filters,
            "department_choices": selectors.department_choices(),
            "feedback": selectors.feedback_list(campaign=campaign)[:100],
            "form": CampaignForm(instance=campaign),
            "today": timezone.localdate(),
            **_reminders_context(request, campaign),
        },
    )


def _reminders_context(request: HttpRequest, campaign: Campaign) -> dict[str, object]:
    batch = selectors.reminder_batch_latest(campaign)
    again_at = batch.requested_at + reminders.remind_now_window() if batch else None
    can_send = campaign.is_open and can(request.user, "manage_campaigns")
    return {
        "campaign": campaign,
        "batch": batch,
        "again_at": again_at if again_at and again_at > timezone.now() else None,
        "remind_count": (
            selectors.remind_now_recipients(
                campaign, reminded_since=timezone.now() - reminders.remind_now_window()
            ).count()
            if can_send
            else 0
        ),
    }


@require_safe
@capability_required("view_dashboards")
def campaign_reminders(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The reminders block of the campaign page, which polls itself (HTMX) while a batch is being sent."""
    campaign = _campaign(slug, number)
    if request.headers.get("HX-Request") != "true":
        return redirect(reverse("charters:campaign-detail", kwargs={"slug": slug, "number": number}) + "#reminders")
    return render(request, "charters/acknowledgements/_remind_now.html", _reminders_context(request, campaign))


@require_POST
@capability_required("manage_campaigns")
def campaign_remind_now(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """HR's "send reminders now": one batch, queued; a second click within the window finds the first."""
    campaign = _campaign(slug, number)
    batch, created = reminders.reminder_batch_request(campaign=campaign, by=request.user)
    batch.refresh_from_db()  # the job may already have run (a synchronous queue)
    if not created:
        at = time_format(timezone.localtime(batch.requested_at), "TIME_FORMAT")
        messages.info(request, _("Reminders were already sent at %(time)s: nobody gets a second one.") % {"time": at})
    elif batch.status == ReminderBatch.Status.DONE:
        sent = ngettext("%(count)s reminder sent.", "%(count)s reminders sent.", batch.reminded)
        messages.success(request, sent % {"count": batch.reminded})
    else:
        messages.success(request, _("The reminders are being sent: this page shows how many once it is done."))
    return redirect(reverse("charters:campaign-detail", kwargs={"slug": slug, "number": number}) + "#reminders")


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_safe
@capability_required("view_dashboards")  # type: ignore[type-var]  # a streaming response
def campaign_export(request: HttpRequest, slug: str, number: int) -> StreamingHttpResponse:
    """CSV of the people counted by the dashboard, with the same filters."""
    campaign = _campaign(slug, number)
    people = selectors.campaign_people(
        campaign,
        status=request.GET.get("status", ""),
        department=request.GET.get("department", ""),
        search=request.GET.get("q", "").strip()[:100],
    )
    # opened as is by a spreadsheet in the reader's language: French Excel wants ";" and a BOM to read
    # UTF-8; statuses in words, local times to the minute
    french = get_language().startswith("fr")
    writer = csv.writer(_Echo(), delimiter=";" if french else ",")

    def cell(value: str) -> str:  # no formula injection when the file is opened in a spreadsheet
        return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

    today = timezone.localdate()
    overdue, yes = _("overdue"), _("yes")

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(
            [
                _("Employee ID"),
                _("Name"),
                _("Department"),
                _("Status"),
                _("Due on"),
                _("Acknowledged at"),
                _("Carried over"),
            ]
        )
        for a in people.iterator(chunk_size=2000):
            ack = a.acknowledgement
            late = a.status == Assignment.Status.PENDING and a.due_on < today
            yield writer.writerow(
                [
                    cell(a.employee.employee_id),
                    cell(a.employee.full_name),
                    cell(a.employee.department.display_name if a.employee.department else ""),
                    overdue if late else str(Assignment.Status(a.status).label),
                    a.due_on.isoformat(),
                    timezone.localtime(ack.acknowledged_at).strftime("%Y-%m-%d %H:%M") if ack else "",
                    yes if ack and ack.version_id != campaign.version_id else "",
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-v{number}-acknowledgements.csv"'
    return response


@require_POST
@capability_required("manage_campaigns")
def campaign_update(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    campaign = _campaign(slug, number)
    form = CampaignForm(request.POST, instance=Campaign.objects.get(pk=campaign.pk))
    if not form.is_valid():
        raise ApplicationError("; ".join(str(e) for errors in form.errors.values() for e in errors))
    services.campaign_update(campaign=campaign, by=request.user, **form.cleaned_data)
    messages.success(request, _("Campaign settings saved."))
    return redirect("charters:campaign-detail", slug=slug, number=number)


@require_POST
@capability_required("manage_campaigns")
def feedback_answer(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = selectors.feedback_get(pk)
    if feedback is None:
        raise Http404
    services.feedback_answer(feedback=feedback, by=request.user, answer=request.POST.get("answer", ""))
    messages.success(request, _("Answer saved."))
    version = feedback.assignment.campaign.version
    return redirect("charters:campaign-detail", slug=version.charter.slug, number=version.number)


@require_safe
@capability_required("view_dashboards")
def employee_history(request: HttpRequest, pk: int) -> HttpResponse:
    employee = Employee.objects.select_related("user", "department", "manager__user").filter(pk=pk).first()
    if employee is None:
        raise Http404
    return render(
        request, "charters/acknowledgements/employee_history.html", {"history": selectors.employee_history(employee)}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("manage_campaigns")
def quiz_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """HR writes the comprehension quiz of a version (before or during its campaign)."""
    charter = charter_selectors.charter_get_for_user(slug=slug, user=request.user)
    if charter is None:
        raise Http404
    version = charter_selectors.charter_version_get_for_user(charter=charter, number=number, user=request.user)
    if version is None:
        raise Http404
    form = QuizQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.quiz_question_add(version=version, by=request.user, **form.cleaned_data)
        messages.success(request, _("Question added."))
        return redirect("charters:quiz-edit", slug=slug, number=number)
    quiz = Quiz.objects.filter(version=version).prefetch_related("questions__choices").first()
    return render(request, "charters/acknowledgements/quiz_edit.html", {"version": version, "quiz": quiz, "form": form})


@require_POST
@capability_required("manage_campaigns")
def quiz_question_delete(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    question = QuizQuestion.objects.filter(
        pk=pk, quiz__version__charter__slug=slug, quiz__version__number=number
    ).first()
    if question is None:
        raise Http404
    services.quiz_question_delete(question=question, by=request.user)
    messages.success(request, _("Question removed."))
    return redirect("charters:quiz-edit", slug=slug, number=number)
