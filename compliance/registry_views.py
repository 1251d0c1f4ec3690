"""The registry page for legal, HR and the crisis cell: terms, quiet topics, public facts, bundle upload."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from compliance import selectors
from compliance.bundle import BundleError
from compliance.learning import retrain
from compliance.learning.card import step_text
from compliance.models import ConfidentialTerm, PublicFact, QuietTopic, TermKind
from compliance.services import (
    confidential_term_save,
    context_bundle_import_zip,
    context_entry_remove,
    public_fact_add,
    quiet_topic_save,
    quiet_topic_set_active,
)
from policy_portal.access import capability_required
from policy_portal.errors import ApplicationError


class TermForm(forms.Form):
    term = forms.CharField(label=gettext_lazy("Term"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=TermKind.choices)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    active_from = forms.DateField(
        label=gettext_lazy("Active from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    active_until = forms.DateField(
        label=gettext_lazy("Active until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class QuietTopicForm(forms.Form):
    topic = forms.CharField(label=gettext_lazy("Quiet topic"), max_length=200)
    note = forms.CharField(label=gettext_lazy("Note"), required=False)


class PublicFactForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Public fact"), widget=forms.Textarea(attrs={"rows": 2}))


class BundleForm(forms.Form):
    bundle = forms.FileField(label=gettext_lazy("Context bundle (.zip)"))
    hashes_only = forms.BooleanField(label=gettext_lazy("Keep only fingerprints of documents"), required=False)


FORMS = {"term": TermForm, "topic": QuietTopicForm, "fact": PublicFactForm, "bundle": BundleForm}


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("manage_checker_context")
def registry(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    bound = FORMS[action](request.POST, request.FILES) if action in FORMS else None
    if bound is not None and bound.is_valid():
        if _apply(request, action, bound.cleaned_data):
            return redirect("compliance:registry")
    forms_ = {name: (bound if name == action and bound is not None else cls()) for name, cls in FORMS.items()}
    return render(
        request,
        "compliance/registry.html",
        {
            "forms": forms_,
            "terms": selectors.confidential_term_list(),
            "topics": selectors.quiet_topic_list(),
            "facts": selectors.public_fact_list(),
            "summary": selectors.registry_summary(),
            "checker_model": retrain.checker_model_overview(),
        },
    )


def _apply(request: HttpRequest, action: str, data: dict) -> bool:
    try:
        return _save(request, action, data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False


def _save(request: HttpRequest, action: str, data: dict) -> bool:
    if action == "term":
        confidential_term_save(**data)
    elif action == "topic":
        quiet_topic_save(topic=data["topic"], note=data["note"])
    elif action == "fact":
        public_fact_add(text=data["text"])
    else:
        try:
            changes = context_bundle_import_zip(upload=data["bundle"], keep_text=not data["hashes_only"])
        except BundleError as exc:
            messages.error(
                request,
                _("%(file)s, line %(line)s: %(message)s. Nothing was imported.")
                % {"file": exc.file, "line": exc.line, "message": exc.message},
            )
            return False
        messages.success(request, _("Bundle imported: %(count)s change(s).") % {"count": changes})
        return True
    messages.success(request, _("Saved. The checker uses it within seconds."))
    return True


REMOVABLE = {"term": ConfidentialTerm, "topic": QuietTopic, "fact": PublicFact}


@require_POST
@capability_required("manage_checker_context")
def entry_remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in REMOVABLE:
        raise Http404
    context_entry_remove(entry=get_object_or_404(REMOVABLE[kind], pk=pk))
    messages.success(request, _("Removed. The checker stops using it within seconds."))
    return redirect("compliance:registry")


@require_POST
@capability_required("manage_checker_context")
def topic_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(QuietTopic, pk=pk)
    quiet_topic_set_active(topic=topic, active=request.POST.get("active") == "1")
    messages.success(request, _("Saved. The checker uses it within seconds."))
    return redirect("compliance:registry")


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("manage_checker_context")
def term_edit(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_object_or_404(ConfidentialTerm, pk=pk)
    initial = {f: getattr(term, f) for f in ("term", "kind", "note", "active_from", "active_until")}
    form = TermForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        confidential_term_save(instance=term, **form.cleaned_data)
        messages.success(request, _("Saved. The checker uses it within seconds."))
        return redirect("compliance:registry")
    return render(request, "compliance/term_edit.html", {"form": form, "term": term})


def _to_model_section() -> HttpResponse:
    return redirect(reverse("compliance:registry") + "#model")


@require_POST
@capability_required("manage_checker_context")
def model_retrain(request: HttpRequest) -> HttpResponse:
    try:
        model = retrain.checker_retrain_start(by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        started = _("Training #%(number)s started: its progress is shown below.") % {"number": model.pk}
        messages.success(request, started)
    return _to_model_section()


@require_POST
@capability_required("manage_checker_context")
def model_restore(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    try:
        retrain.checker_model_restore(model_id=pk, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done: the checker uses this model within seconds."))
    return _to_model_section()


@require_GET
@capability_required("manage_checker_context")
def model_status(request: HttpRequest, pk: int) -> JsonResponse:
    """A training's progress, for the context page to follow it (static/compliance/checker_retrain.js)."""
    model = get_object_or_404(retrain.checker_model_list(), pk=pk)
    return JsonResponse(
        {
            "status": model.status,
            "status_label": model.get_status_display(),
            "progress": model.progress,
            "message": step_text(model.message),
            "running": model.status == model.Status.TRAINING,
        }
    )
