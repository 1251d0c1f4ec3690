"""HR's campaign settings form (parsing only: the service checks and saves)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from charters.models import Campaign


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["deadline", "consent_text", "min_reading_seconds"]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "consent_text": forms.Textarea(attrs={"rows": 3}),
        }


class QuizQuestionForm(forms.Form):
    """One question; choices one per line as "French | English", a leading * marks a right answer."""

    text_fr = forms.CharField(label=_("Question (French)"), widget=forms.Textarea(attrs={"rows": 2}))
    text_en = forms.CharField(label=_("Question (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    choices = forms.CharField(
        label=_("Choices"),
        help_text=_('One per line, "French | English"; start the right ones with *.'),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    explanation_fr = forms.CharField(label=_("Explanation (French)"), required=False)
    explanation_en = forms.CharField(label=_("Explanation (English)"), required=False)
    pass_mark = forms.IntegerField(label=_("Pass mark (%)"), min_value=1, max_value=100, initial=80)

    def clean_choices(self) -> list[tuple[str, str, bool]]:
        parsed = []
        for line in self.cleaned_data["choices"].splitlines():
            line = line.strip()
            if not line:
                continue
            right = line.startswith("*")
            french, _sep, english = line.lstrip("*").partition("|")
            parsed.append((french.strip()[:500], english.strip()[:500], right))
        return parsed
