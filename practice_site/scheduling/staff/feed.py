"""Each host's private calendar feed, and the admin page where they turn it on, reset or turn it off."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import parties
from ..ics import staff_feed
from ..models import Booking, ConsultationSchedule, feed_hash

FEED_DAYS_BACK = 7


@require_GET
def calendar_feed(request, token):
    """No sign-in, as calendar apps cannot sign in: the long random address is the key, so a wrong one is a 404.

    The owner's rights are checked on every fetch: a host deactivated, or no longer allowed to see requests,
    gets nothing, and the feed lists only the calls of requests they may still see."""
    schedule = ConsultationSchedule.objects.filter(feed_token=feed_hash(token)).exclude(feed_token="").first()
    if schedule is None or not schedule.host.is_active or not parties.owner().sees_calls(schedule.host):
        raise Http404
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    bookings = parties.owner().visible_calls(
        schedule.host, Booking.objects.active().filter(host_id=schedule.host_id, end__gte=since)
    )
    response = HttpResponse(staff_feed(bookings, "Consultation calls"), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def feed_settings(request):
    """Admin page: a host's own feed only, whoever they are."""
    schedule = ConsultationSchedule.objects.filter(host=request.user).first()
    feed_url = ""
    if request.method == "POST" and schedule is not None:
        if request.POST.get("action") == "off":
            schedule.turn_feed_off()
            messages.success(request, "Your calendar feed is off. Its address no longer works.")
            return redirect("scheduling_feed")
        was_on = bool(schedule.feed_token)
        token = schedule.reset_feed()
        messages.success(
            request, "Your calendar feed has a new address; the old one no longer works."
            if was_on else "Your calendar feed is on."
        )
        # Shown this once: only a hash of the address is kept, so it cannot be shown again later.
        feed_url = request.build_absolute_uri(reverse("scheduling_calendar_feed", args=[token]))
    return TemplateResponse(
        request, "scheduling/admin/feed.html",
        {"schedule": schedule, "feed_url": feed_url, "page_title": "Calendar feed"},
    )
