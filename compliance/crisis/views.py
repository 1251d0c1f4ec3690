"""Pages of crisis mode: the crisis cell opens, updates and closes crises; employees read the instructions."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from compliance.crisis import selectors, services
from compliance.models import Crisis, OfficialStatement
from policy_portal.access import capability_required
from policy_portal.errors import ApplicationError
from policy_portal.roles import can


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class CrisisOpenForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    topics = forms.CharField(
        label=gettext_lazy("Quiet topics, one a line"),
        widget=_textarea(),
        help_text=gettext_lazy("What only the crisis cell may speak about, e.g. “fire at the Montrevel plant”."),
    )
    instructions = forms.CharField(label=gettext_lazy("Instructions for employees"), widget=_textarea())
    holding_statement = forms.CharField(
        label=gettext_lazy("Holding statement for spokespeople"), required=False, widget=_textarea(4)
    )
    contacts = forms.CharField(label=gettext_lazy("Who to contact"), required=False, widget=_textarea(2))


class CrisisUpdateForm(forms.Form):
    instructions = forms.CharField(label=gettext_lazy("Instructions for employees"), widget=_textarea())
    holding_statement = forms.CharField(
        label=gettext_lazy("Holding statement for spokespeople"), required=False, widget=_textarea(4)
    )
    contacts = forms.CharField(label=gettext_lazy("Who to contact"), required=False, widget=_textarea(2))


class TopicAddForm(forms.Form):
    topic = forms.CharField(label=gettext_lazy("Quiet topic"), max_length=200)


class StatementForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Official statement (draft)"),
        widget=_textarea(6),
        help_text=gettext_lazy("What the company says in public, approved by the company's voice before publication."),
    )


class RemovalForm(forms.Form):
    content = forms.CharField(label=gettext_lazy("What was removed"), widget=_textarea(2))
    url = forms.CharField(label=gettext_lazy("Address (URL)"), required=False, max_length=500)
    platform = forms.CharField(label=gettext_lazy("Platform"), required=False, max_length=100)
    reason = forms.CharField(label=gettext_lazy("Why it was removed"), widget=_textarea(2))
    public_explanation = forms.CharField(label=gettext_lazy("Public explanation given"), widget=_textarea(2))
    decided_by = forms.CharField(label=gettext_lazy("Who decided"), max_length=200)
    decided_at = forms.DateTimeField(
        label=gettext_lazy("When it was decided"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("Empty: now."),
    )


class CloseForm(forms.Form):
    lessons = forms.CharField(label=gettext_lazy("Lessons learned"), widget=_textarea(4))
    charter = forms.ModelChoiceField(
        label=gettext_lazy("Open a revision of the charter"),
        queryset=selectors.charter_choices(),
        required=False,
        empty_label=gettext_lazy("No revision"),
        help_text=gettext_lazy("Starts a new draft version (or links the draft already in progress) with the lessons."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("send_back", "send_back")])
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False, widget=_textarea(2))


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("manage_crisis")
def crisis_list(request: HttpRequest) -> HttpResponse:
    form = CrisisOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            crisis = services.crisis_open(
                title=data["title"],
                instructions=data["instructions"],
                topics=[line for line in data["topics"].splitlines() if line.strip()],
                holding_statement=data["holding_statement"],
                contacts=data["contacts"],
                by=request.user,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Crisis opened. The checker flags its topics within seconds."))
            return redirect("compliance:crisis-detail", pk=crisis.pk)
    return render(request, "compliance/crisis/list.html", {"crises": selectors.crisis_list(), "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("manage_crisis")
def crisis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    crisis = selectors.crisis_get(pk=pk)
    action = request.POST.get("action", "")
    if request.method == "POST":
        try:
            _apply(request, crisis, action)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("compliance:crisis-detail", pk=crisis.pk)
    initial = {f: getattr(crisis, f) for f in ("instructions", "holding_statement", "contacts")}
    statements = list(crisis.statements.all())
    draft = next((s for s in statements if s.status == OfficialStatement.Status.DRAFT), None)
    last = statements[0] if statements else None
    context = {
        "crisis": crisis,
        "statements": statements,
        "draft": draft,
        "statement_form": StatementForm(initial={"text": (draft or last).text if (draft or last) else ""}),
        "update_form": CrisisUpdateForm(initial=initial),
        "topic_form": TopicAddForm(),
        "removal_form": RemovalForm(),
        "close_form": CloseForm(),
    }
    return render(request, "compliance/crisis/detail.html", context)


def _form_errors(request: HttpRequest, form: forms.Form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _apply(request: HttpRequest, crisis: Crisis, action: str) -> None:
    if action in STATEMENT_ACTIONS or action == "removal":
        _apply_response(request, crisis, action)
    elif action == "close":
        form = CloseForm(request.POST)
        if not form.is_valid():
            return _form_errors(request, form)
        crisis = services.crisis_close(
            crisis=crisis,
            by=request.user,
            lessons=form.cleaned_data["lessons"],
            revise_charter=form.cleaned_data["charter"],
        )
        messages.success(request, _("Crisis closed and archived; its topics are no longer quiet."))
        if crisis.revision_version_id:
            messages.success(request, _("The charter revision is started: HR continues it from the charter's page."))
        elif crisis.revision_charter_id:
            messages.success(request, _("HR is asked to start the charter revision."))
    elif action == "topic":
        topic_form = TopicAddForm(request.POST)
        if topic_form.is_valid():
            services.crisis_topic_add(crisis=crisis, topic=topic_form.cleaned_data["topic"], by=request.user)
            messages.success(request, _("Topic added. The checker flags it within seconds."))
    elif action == "update":
        form = CrisisUpdateForm(request.POST)
        if form.is_valid():
            services.crisis_update(crisis=crisis, by=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))


STATEMENT_ACTIONS = ("statement_save", "statement_submit", "statement_publish")


def _apply_response(request: HttpRequest, crisis: Crisis, action: str) -> None:
    if action == "statement_save":
        form = StatementForm(request.POST)
        if not form.is_valid():
            return _form_errors(request, form)
        services.statement_draft_save(crisis=crisis, text=form.cleaned_data["text"], by=request.user)
        messages.success(request, _("Draft of the official statement saved."))
    elif action in ("statement_submit", "statement_publish"):
        statement = crisis.statements.filter(pk=request.POST.get("statement") or 0).first()
        if statement is None:
            raise ApplicationError(_("This statement does not exist."))
        if action == "statement_submit":
            services.statement_submit(statement=statement, by=request.user)
            messages.success(request, _("Sent to the company's voice for approval."))
        else:
            services.statement_publish(statement=statement, by=request.user)
            messages.success(request, _("Official statement published: spokespeople and employees read it now."))
    else:
        form = RemovalForm(request.POST)
        if not form.is_valid():
            return _form_errors(request, form)
        services.content_removal_record(crisis=crisis, by=request.user, **form.cleaned_data)
        messages.success(request, _("Removal logged."))


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("approve_statements")
def statement_list(request: HttpRequest) -> HttpResponse:
    """The company's voice: the statements awaiting approval, approved or sent back with a comment."""
    if request.method == "POST":
        statement = selectors.statement_get(pk=int(request.POST.get("statement") or 0))
        form = DecisionForm(request.POST)
        try:
            if not form.is_valid():
                raise ApplicationError(_("Choose to approve or to send back."))
            if form.cleaned_data["decision"] == "approve":
                services.statement_approve(statement=statement, by=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, _("Statement approved: the crisis cell can publish it."))
            else:
                services.statement_send_back(statement=statement, by=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, _("Statement sent back to the crisis cell with your comment."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("compliance:statement-list")
    context = {"awaiting": selectors.statement_awaiting_list(), "decided": selectors.statement_decided_list()}
    return render(request, "compliance/crisis/statements.html", context)


@require_safe
@capability_required("manage_crisis")
def removal_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The removal decision log of a crisis as CSV, for a spreadsheet in the reader's language."""
    crisis = selectors.crisis_get(pk=pk)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if get_language().startswith("fr") else ",")

    def cell(value: str) -> str:  # no formula injection when the file is opened in a spreadsheet
        return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

    writer.writerow(
        [
            _("When it was decided"),
            _("Who decided"),
            _("What was removed"),
            _("Address (URL)"),
            _("Platform"),
            _("Why it was removed"),
            _("Public explanation given"),
            _("Logged by"),
        ]
    )
    for r in crisis.removals.all():
        writer.writerow(
            [
                timezone.localtime(r.decided_at).strftime("%Y-%m-%d %H:%M"),
                cell(r.decided_by),
                cell(r.content),
                cell(r.url),
                cell(r.platform),
                cell(r.reason),
                cell(r.public_explanation),
                cell(r.recorded_by.get_full_name() or r.recorded_by.get_username()),
            ]
        )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="crisis-{crisis.pk}-removals.csv"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("author_charters")
def crisis_revision(request: HttpRequest, pk: int) -> HttpResponse:
    """HR's view of a closed crisis whose lessons call for a charter revision: read them, start the revision."""
    crisis = selectors.crisis_get(pk=pk)
    if request.method == "POST":
        try:
            version = services.crisis_revision_start(crisis=crisis, by=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("compliance:crisis-revision", pk=crisis.pk)
        messages.success(request, _("Charter revision started."))
        return redirect("charters:version-edit", slug=version.charter.slug, number=version.number)
    return render(request, "compliance/crisis/revision.html", {"crisis": crisis})


@require_safe
@capability_required("use_checker")
def crisis_instructions(request: HttpRequest) -> HttpResponse:
    """What employees must know about the open crises; spokespeople also read the holding statement."""
    return render(
        request,
        "compliance/crisis/instructions.html",
        {
            "crises": selectors.crisis_open_list(),
            "show_statement": can(request.user, "speak_officially") or can(request.user, "manage_crisis"),
        },
    )
