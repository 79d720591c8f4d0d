"""The intake team's deadlines: a reply within the business days the practice settings promise, and the period of
spam worth looking through.

Only date arithmetic: the worklists that use it are ConsultationRequestQuerySet's methods.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from practice_site.core.models import PracticeSettings

SPAM_REVIEW_DAYS = 30


def today() -> datetime.date:
    """Today in the practice's time zone: the day its deadlines count from."""
    return timezone.localdate(timezone=PracticeSettings.load().zone)


def reply_due_on(received_at: datetime.datetime, practice: PracticeSettings | None = None) -> datetime.date:
    practice = practice or PracticeSettings.load()
    received_on = timezone.localdate(received_at, practice.zone)
    return practice.business_calendar().add(received_on, practice.reply_within_business_days)


def stale_before(today: datetime.date) -> datetime.datetime:
    """Requests still New or Contacted and unchanged since before this moment are stale."""
    return start_of(today - datetime.timedelta(days=settings.INTAKE_STALE_DAYS))


def start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def reply_overdue_before(today: datetime.date) -> datetime.datetime:
    """The moment before which a request that is still new has waited too long for a reply."""
    practice = PracticeSettings.load()
    calendar, within = practice.business_calendar(), practice.reply_within_business_days
    # The due date never goes down as the received date goes up: step back to the last day whose
    # requests were due before today; everything received up to the end of that day is overdue.
    day = today
    while calendar.add(day, within) >= today:
        day -= datetime.timedelta(days=1)
    next_day = day + datetime.timedelta(days=1)
    return datetime.datetime.combine(next_day, datetime.time.min, tzinfo=practice.zone)


def spam_review_since(today: datetime.date) -> datetime.date:
    """The first day of the period whose spam staff are asked to look through."""
    return today - datetime.timedelta(days=SPAM_REVIEW_DAYS)
