"""Columns of the consultation request listing that need more than a plain value."""

from django.utils import timezone
from wagtail.admin.ui.tables import Column

from contact.review.filters import FLAGS


class ReceivedColumn(Column):
    cell_template_name = "contact/admin/cells/received.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["received_at"] = timezone.localtime(instance.received_at)
        return context


class FlagsColumn(Column):
    cell_template_name = "contact/admin/cells/flags.html"

    def get_value(self, instance):
        return [label for key, label in FLAGS.items() if getattr(instance, f"is_{key}")]


class StatusColumn(Column):
    """The status, with a visible "Reply overdue" tag on new requests waiting past the reply the practice promises."""

    cell_template_name = "contact/admin/cells/status.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["reply_overdue"] = instance.is_reply_overdue
        return context
