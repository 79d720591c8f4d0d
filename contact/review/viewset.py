"""The "Consultation requests" section of the Wagtail admin."""

from wagtail.admin.viewsets.model import ModelViewSet

from contact.models.request import ConsultationRequest
from contact.review.exports import EXPORT_FIELDS, EXPORT_HEADINGS
from contact.review.filters import ConsultationRequestFilterSet
from contact.review.forms import ConsultationRequestReviewForm
from contact.review.views import (
    ConsultationRequestEditView,
    ConsultationRequestIndexView,
    ConsultationRequestInspectView,
)


class ConsultationRequestViewSet(ModelViewSet):
    model = ConsultationRequest
    name = "consultation_requests"
    url_prefix = "consultation-requests"
    icon = "mail"
    menu_label = "Consultation requests"
    menu_order = 150
    add_to_admin_menu = True
    add_to_reference_index = False

    index_view_class = ConsultationRequestIndexView
    inspect_view_class = ConsultationRequestInspectView
    edit_view_class = ConsultationRequestEditView
    inspect_view_enabled = True
    copy_view_enabled = False

    list_per_page = 25
    # Requests nobody has answered yet first.
    ordering = ("-is_awaiting_reply", "-received_at")
    filterset_class = ConsultationRequestFilterSet
    search_fields = ["name", "preferred_name", "email", "phone"]
    search_backend_name = None
    list_export = EXPORT_FIELDS
    export_headings = EXPORT_HEADINGS
    export_filename = "consultation-requests"

    def get_form_class(self, for_update=False):
        return ConsultationRequestReviewForm

    def get_common_view_kwargs(self, **kwargs):
        # Requests are never created, copied or deleted by hand, and their history lives on the
        # inspect view (RequestEvent), so those views have no URL and no button.
        return super().get_common_view_kwargs(
            add_url_name=None, delete_url_name=None, history_url_name=None, usage_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        kept = {"index", "index_results", "edit", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in kept]
