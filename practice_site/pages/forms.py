from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from practice_site.directory.choices import SessionFormat

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search this site",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
        error_messages={"max_length": "Please shorten your search to %(limit_value)s characters or fewer."},
    )


class ClinicianPageForm(WagtailAdminPageForm):
    def _post_clean(self):
        # The page is validated (ClinicianPage.clean) before the edited licenses are attached to it, so tell it
        # which license types are about to be saved: the associate rule must judge those, not the stored ones.
        licenses = self.formsets["licenses"]
        if licenses.is_valid():
            self.instance.edited_license_types = [
                data["license_type"] for data in (form.cleaned_data for form in licenses.forms)
                if data and not data.get("DELETE")
            ]
        super()._post_clean()

    def clean(self):
        cleaned_data = super().clean()
        self._check_openings_match_who_they_see(cleaned_data)
        return cleaned_data

    def _check_openings_match_who_they_see(self, cleaned_data):
        """An opening is for a format the clinician offers and an age group they see; otherwise the finder would
        call them open for sessions they do not give."""
        openings = self.formsets.get("openings")
        if openings is None or not openings.is_valid():
            return
        formats = {name for name in SessionFormat.values if cleaned_data.get(name)}
        ages = set(cleaned_data.get("ages_served") or [])
        for form in openings.forms:
            row = form.cleaned_data
            if not row or row.get("DELETE"):
                continue
            if row["session_format"] not in formats:
                form.add_error("session_format", "This clinician does not offer these sessions (see Formats). "
                               "Tick the format there, or remove this row.")
            if row["age_group"] not in ages:
                form.add_error("age_group", "This age group is not ticked under “Ages served”. Tick it there, or "
                               "remove this row.")
