"""What intake staff must act on: replies owed within two business days, follow-ups that are due, and
recent spam to look through for real requests the filter caught by mistake.

The listing's "Needs attention" filter, its "Reply overdue" badge and the dashboard panel all ask here,
so they always agree.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from .models import ConsultationRequest

REPLY_WITHIN_BUSINESS_DAYS = 2
SPAM_REVIEW_DAYS = 30
Status = ConsultationRequest.Status
# Statuses after which nobody needs to follow up any more.
FINISHED = [Status.BECAME_CLIENT, Status.REFERRED_OUT, Status.NOT_A_FIT, Status.CLOSED, Status.SPAM]


def add_business_days(day: datetime.date, count: int) -> datetime.date:
    """The date ``count`` working days (Monday to Friday) after ``day``."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def reply_due_on(received_at: datetime.datetime) -> datetime.date:
    return add_business_days(timezone.localdate(received_at), REPLY_WITHIN_BUSINESS_DAYS)


def is_reply_overdue(request: ConsultationRequest, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return request.status == Status.NEW and reply_due_on(request.received_at) < today


def reply_overdue_before(today: datetime.date | None = None) -> datetime.datetime:
    """The moment before which a request that is still new has waited too long for a reply."""
    today = today or timezone.localdate()
    # The due date never goes down as the received date goes up: step back to the last day whose
    # requests were due before today; everything received up to the end of that day is overdue.
    day = today
    while add_business_days(day, REPLY_WITHIN_BUSINESS_DAYS) >= today:
        day -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def awaiting_reply() -> Q:
    return Q(status=Status.NEW)


def reply_overdue(today: datetime.date | None = None) -> Q:
    return awaiting_reply() & Q(received_at__lt=reply_overdue_before(today))


def follow_up_due(today: datetime.date | None = None) -> Q:
    """Follow-ups planned for today or a day already past, on requests still being worked on."""
    return Q(follow_up_on__lte=today or timezone.localdate()) & ~Q(status__in=FINISHED)


def spam_review_since(today: datetime.date | None = None) -> datetime.date:
    """The first day of the period whose spam staff are asked to look through."""
    return (today or timezone.localdate()) - datetime.timedelta(days=SPAM_REVIEW_DAYS)


def recent_spam(today: datetime.date | None = None) -> Q:
    # From the start of the day, as the listing's "Received" filter counts it, so the link shows what was counted.
    since = timezone.make_aware(datetime.datetime.combine(spam_review_since(today), datetime.time.min))
    return Q(status=Status.SPAM, received_at__gte=since)
