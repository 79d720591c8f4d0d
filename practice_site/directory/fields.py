from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import models


class ChoiceArrayField(ArrayField):
    """A list of fixed choices in one column, edited as checkboxes rather than Django's comma-separated text."""

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        # Skip ArrayField.formfield, which would force its comma-separated SimpleArrayField.
        return super(ArrayField, self).formfield(**defaults)


class MonthInput(forms.DateInput):
    """The browser's month picker; where a browser has none it is a text box that takes 2027-03."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": "YYYY-MM", **(attrs or {})}, format="%Y-%m")


class MonthFormField(forms.DateField):
    widget = MonthInput
    input_formats = ["%Y-%m", "%m/%Y", "%Y-%m-%d"]
    default_error_messages = {"invalid": "Please give a month as year and month, for example 2027-03."}

    def to_python(self, value):
        month = super().to_python(value)
        return month.replace(day=1) if month else month


class MonthField(models.DateField):
    """A month, stored as its first day so PostgreSQL can compare and order it like any date."""

    def formfield(self, **kwargs):
        # Wagtail's admin would hand every date field its day picker; a month has its own.
        kwargs.pop("widget", None)
        return super().formfield(**{**kwargs, "form_class": MonthFormField})
