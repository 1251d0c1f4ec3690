"""Page forms: parsing only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from charters.models import Charter, LabourLawStep
from policy_portal.models import Department
from policy_portal.roles import ROLE_LABELS


class IsoDateInput(forms.DateInput):
    """``<input type="date">`` only shows an ISO value (2026-12-06), whatever the interface's locale:
    rendered in the French format (06/12/2026) it looks empty and the next save erases the date."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CharterCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(
        label=_("Name in English (optional)"),
        max_length=200,
        required=False,
        help_text=_("Shown on English pages. Empty: the name."),
    )
    slug = forms.SlugField(label=_("Short name (in addresses)"), max_length=80)
    audience = forms.ChoiceField(label=_("Audience"), choices=Charter.Audience.choices)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"), queryset=Department.objects.all(), required=False
    )
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=list(ROLE_LABELS.items()), required=False)
    from_model = forms.BooleanField(
        label=_("Start from the model charter (French and English)"), required=False, initial=True
    )


class VersionEditForm(forms.Form):
    body_fr = forms.CharField(
        label=_("French text (authoritative, Markdown)"),
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 24}),
    )
    body_en = forms.CharField(
        label=_("English translation (Markdown)"),
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 24}),
    )
    translation_up_to_date = forms.BooleanField(
        label=_("The English translation matches the current French text"), required=False
    )
    change_summary = forms.CharField(
        label=_("Change summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    material = forms.BooleanField(label=_("Material change (everyone must acknowledge again)"), required=False)
    effective_date = forms.DateField(label=_("Effective date"), required=False, widget=IsoDateInput())


class PublishForm(forms.Form):
    """The last step before an irreversible publication: the effective date can still be set here."""

    effective_date = forms.DateField(label=_("Effective date"), required=False, widget=IsoDateInput())


class ReviewForm(forms.Form):
    ACTIONS = [("comment", _("Comment")), ("request_changes", _("Request changes")), ("approve", _("Approve"))]
    action = forms.ChoiceField(choices=ACTIONS)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class LabourLawStepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Step"), choices=LabourLawStep.Kind.choices)
    done_on = forms.DateField(label=_("Date"), required=False, widget=IsoDateInput())
    document = forms.FileField(label=_("Document (PDF)"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
