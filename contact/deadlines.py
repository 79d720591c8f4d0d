"""The intake team's deadlines: a reply within two business days, and the period of spam worth looking through.

Only date arithmetic: the worklists that use it are ConsultationRequestQuerySet's methods.
"""

import datetime

from django.utils import timezone

REPLY_WITHIN_BUSINESS_DAYS = 2
SPAM_REVIEW_DAYS = 30


def add_business_days(day: datetime.date, count: int) -> datetime.date:
    """The date ``count`` working days (Monday to Friday) after ``day``."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def reply_due_on(received_at: datetime.datetime) -> datetime.date:
    return add_business_days(timezone.localdate(received_at), REPLY_WITHIN_BUSINESS_DAYS)


def start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def reply_overdue_before(today: datetime.date) -> datetime.datetime:
    """The moment before which a request that is still new has waited too long for a reply."""
    # The due date never goes down as the received date goes up: step back to the last day whose
    # requests were due before today; everything received up to the end of that day is overdue.
    day = today
    while add_business_days(day, REPLY_WITHIN_BUSINESS_DAYS) >= today:
        day -= datetime.timedelta(days=1)
    return start_of(day + datetime.timedelta(days=1))


def spam_review_since(today: datetime.date) -> datetime.date:
    """The first day of the period whose spam staff are asked to look through."""
    return today - datetime.timedelta(days=SPAM_REVIEW_DAYS)
