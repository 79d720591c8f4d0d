from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

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
