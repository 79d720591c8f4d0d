"""The consultation request panel on the Wagtail admin's home page."""

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component

from contact import deadlines
from contact.deadlines import SPAM_REVIEW_DAYS, spam_review_since
from contact.models.request import ConsultationRequest
from contact.review.availability_charts import openings_by_clinician, waitlist_report
from contact.review.charts import referred_out_by_reason
from contact.review.permissions import consultation_request_policy
from practice_site.core.models import PracticeSettings

Status = ConsultationRequest.Status


def listing_url(**filters):
    return reverse("consultation_requests:index") + ("?" + urlencode(filters) if filters else "")


class ConsultationRequestsPanel(Component):
    name = "consultation_requests"
    template_name = "contact/admin/dashboard_panel.html"
    order = 50

    def __init__(self, set_aside: int = 0):
        # Spool files that could not be read after an outage (the outage part counts them, above this one).
        self.set_aside = set_aside

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        today = deadlines.today()
        requests = consultation_request_policy.instances_user_has_any_permission_for(user, ["view", "change"])
        counted = ["awaiting_reply", "reply_overdue", "follow_up_due", "needs_attention", "stale"]
        # Spam is never assigned to anyone, so only those who see every request can look through it.
        sees_spam = consultation_request_policy.sees_every_request(user)
        if sees_spam:
            counted.append("recent_spam")
        return {
            # Referrals, the waitlist and openings are counted across every request: only for those who see them all.
            "referred_chart": referred_out_by_reason(today) if sees_spam else None,
            "waitlist_report": waitlist_report(timezone.now()) if sees_spam else None,
            "openings_chart": openings_by_clinician() if sees_spam else None,
            "counts": requests.counts(*counted, today=today),
            "sees_spam": sees_spam,
            "oldest_new": requests.awaiting_reply().order_by("received_at").first(),
            "new_url": listing_url(status=Status.NEW),
            "oldest_url": listing_url(status=Status.NEW, ordering="received_at"),
            "overdue_url": listing_url(attention="reply_overdue"),
            "follow_ups_url": listing_url(attention="follow_up_due"),
            "flagged_url": listing_url(attention="needs_attention"),
            "stale_url": listing_url(attention="stale"),
            "set_aside": self.set_aside,
            "spam_days": SPAM_REVIEW_DAYS,
            "reply_time": PracticeSettings.load(parent_context["request"]).reply_time,
            "spam_url": listing_url(spam="only", received_at_from=spam_review_since(today).isoformat()),
        }
