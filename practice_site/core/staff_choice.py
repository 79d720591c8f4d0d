"""Choosing a staff member in the admin (a request's assignee, a schedule's host) by the name Wagtail shows
for them everywhere else."""

from django_filters.fields import ModelChoiceField
from wagtail.admin.utils import get_user_display_name


class StaffChoiceField(ModelChoiceField):
    """django-filter's variant, so the listing's filter can also offer "Nobody yet" (its null_label).

    Without a null_label, as in the review form, it is a plain ModelChoiceField.
    """

    def label_from_instance(self, obj):
        return get_user_display_name(obj)
