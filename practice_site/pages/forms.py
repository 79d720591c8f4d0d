from django import forms

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search this site",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
        error_messages={"max_length": "Please shorten your search to %(limit_value)s characters or fewer."},
    )
