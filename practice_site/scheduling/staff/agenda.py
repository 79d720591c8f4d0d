"""The agenda: the coming weeks' calls, by day; coordinators see everyone's, others the calls they host."""

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from practice_site.core.models import PracticeSettings

from .. import parties
from ..models import Booking

AGENDA_DAYS = 21


def visible_upcoming_calls(user):
    """The calls this user may see: coordinators everyone's, anyone else the ones they host."""
    calls = parties.owner().visible_calls(user, Booking.objects.upcoming())
    if not parties.owner().is_coordinator(user):
        calls = calls.filter(host=user.pk)
    horizon = timezone.now() + timedelta(days=AGENDA_DAYS)
    return calls.filter(start__lt=horizon).select_related("host").order_by("start")


class AgendaView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "scheduling/admin/agenda.html"
    page_title = "Consultation calls"
    header_icon = "date"

    def get_context_data(self, **kwargs):
        calls = list(visible_upcoming_calls(self.request.user))
        known = parties.owner().parties(calls)
        zone = PracticeSettings.load(self.request).zone
        days = defaultdict(list)
        for call in calls:
            days[timezone.localdate(call.start, zone)].append({
                "booking": call,
                "party": known[call.pk],
                "host": get_user_display_name(call.host) if call.host else "Nobody: reassign",
            })
        sees_everyone = parties.owner().is_coordinator(self.request.user)
        return super().get_context_data(**kwargs) | {"days": list(days.items()), "sees_everyone": sees_everyone}
