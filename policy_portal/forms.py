from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DirectoryImportForm(forms.Form):
    file = forms.FileField(
        label=_("HRIS export (CSV)"),
        help_text=_("Columns: employee_id, first_name, last_name, email; optional: department, manager_id, "
                    "language, status, roles, hired_on. Comma or semicolon separated, UTF-8."),
    )
    full_sync = forms.BooleanField(
        label=_("This file is the whole directory: people missing from it have left"),
        required=False, initial=True,
    )
    dry_run = forms.BooleanField(label=_("Preview only: change nothing"), required=False)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload
