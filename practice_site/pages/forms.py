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
    def clean(self):
        cleaned_data = super().clean()
        # Checked here as well as in ClinicianPage.clean: the editor saves licenses after the page form is
        # validated, and an error raised then would not be shown next to the field.
        licenses = self.formsets["licenses"]
        if licenses.is_valid():
            kept = [data for data in (form.cleaned_data for form in licenses.forms) if data and not data["DELETE"]]
            supervised = self.instance.SUPERVISED_LICENSES
            if any(data["license_type"] in supervised for data in kept) and not cleaned_data.get(
                "supervisor_name", ""
            ).strip():
                self.add_error("supervisor_name", "An associate’s page must name their supervisor.")
        return cleaned_data
