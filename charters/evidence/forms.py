from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from charters.evidence.archive import megabytes


class ExportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language"), choices=[("fr", _("French")), ("en", _("English"))])


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Certificate (PDF) or dossier (ZIP)"))

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        cap = settings.EVIDENCE_UPLOAD_MAX_BYTES
        if (upload.size or 0) > cap:
            raise forms.ValidationError(
                _("The file is larger than the %(max)s MB allowed; it was not checked.") % {"max": megabytes(cap)}
            )
        return upload
