from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ExportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language"), choices=[("fr", _("French")), ("en", _("English"))])


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Certificate (PDF) or dossier (ZIP)"))
