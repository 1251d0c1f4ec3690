"""Pages of crisis mode: the crisis cell opens, updates and closes crises; employees read the instructions."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from compliance.crisis import selectors, services
from compliance.models import Crisis
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
    return render(
        request,
        "compliance/crisis/detail.html",
        {"crisis": crisis, "update_form": CrisisUpdateForm(initial=initial), "topic_form": TopicAddForm()},
    )


def _apply(request: HttpRequest, crisis: Crisis, action: str) -> None:
    if action == "close":
        services.crisis_close(crisis=crisis, by=request.user)
        messages.success(request, _("Crisis closed and archived; its topics are no longer quiet."))
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
