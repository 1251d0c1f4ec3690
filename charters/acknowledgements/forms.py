"""HR's campaign settings form (parsing only: the service checks and saves)."""

from __future__ import annotations

from django import forms

from charters.models import Campaign


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["deadline", "consent_text", "min_reading_seconds"]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "consent_text": forms.Textarea(attrs={"rows": 3}),
        }
