"""The checker page: paste a draft, see what breaches the charter, fix and re-check in place (HTMX)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from compliance.apis import PLATFORMS
from compliance.context import get_context
from compliance.departments import department_code_of
from compliance.example_drafts import example_drafts
from compliance.messages import notice_text
from compliance.presentation import finding_shown, highlight, verdict_text
from compliance.services import DraftTooLong, precheck_run
from policy_portal.access import capability_required
from policy_portal.roles import can


class DraftForm(forms.Form):
    text = forms.CharField(label=_("Your draft"), widget=forms.Textarea(attrs={"rows": 10}), strip=False)
    platform = forms.ChoiceField(label=_("Platform"), choices=PLATFORMS, initial="linkedin")
    lang = forms.ChoiceField(
        label=_("Language of the post"),
        required=False,
        choices=[("", _("Detect")), ("fr", "Français"), ("en", "English")],
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@capability_required("use_checker")
def checker(request: HttpRequest) -> HttpResponse:
    form = DraftForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        role = "spokesperson" if can(request.user, "speak_officially") else "employee"
        try:
            analysis = precheck_run(
                text=text,
                lang=form.cleaned_data["lang"] or None,
                author_role=role,
                max_chars=getattr(settings, "COMPLIANCE_MAX_CHARS", 10_000),
                department=department_code_of(request.user),
            )
        except DraftTooLong as exc:
            form.add_error("text", exc.message)
        else:
            findings = [finding_shown(f, text) for f in analysis.findings]
            result = {
                "verdict": analysis.verdict,
                "verdict_text": verdict_text(analysis.verdict),
                "findings": findings,
                "highlighted": highlight(text, findings),
                "notices": [notice_text(n) for n in analysis.notices],
            }
    if request.htmx:
        return render(request, "compliance/_result.html", {"form": form, "result": result})
    examples = example_drafts(get_context())
    return render(request, "compliance/checker.html", {"form": form, "result": result, "examples": examples})
