from django import forms

from .bundle import MAX_FILE_BYTES

STATUS_CHOICES = [
    ("draft", "As drafts, for someone to review (recommended)"),
    ("source", "As on the old site: what was published there is published here"),
    ("live", "Published straight away"),
]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="File to import",
        help_text=(
            "A WordPress or Squarespace export (.xml), Markdown (.md), plain text (.txt), Word (.docx), "
            "or a .zip holding these with their images. Up to 50 MB."
        ),
    )
    status = forms.ChoiceField(
        label="Imported pages arrive", choices=STATUS_CHOICES, initial="draft", widget=forms.RadioSelect
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("This file is larger than 50 MB; split the export into smaller files.")
        if upload.size == 0:
            raise forms.ValidationError("This file is empty.")
        return upload
