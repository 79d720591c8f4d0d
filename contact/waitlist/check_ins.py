"""The "still interested?" check-ins, run from cron (``manage.py send_waitlist_check_ins``).

Every WAITLIST_CHECK_IN_WEEKS on the list the person gets an email with two signed links (stay / leave); a week
without an answer brings a second one, and a week after that the entry is marked lapsed for a coordinator to
close. Only people who asked to be contacted by email get these. The email says nothing of why they wait.

Each entry is taken under a row lock with SKIP LOCKED, and sent, counted and committed in one transaction: two
runs at once never send the same check-in twice, and a run never waits on the other.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from contact.models.request import ConsultationRequest, RequestEvent
from contact.models.waitlist import WaitlistEntry
from contact.review import audit
from contact.review.decline import first_name
from contact.waitlist import links
from practice_site.core.models import PracticeSettings

logger = logging.getLogger(__name__)

# How long each check-in waits for an answer before the next step.
ANSWER_WAIT = timedelta(days=7)
CHECK_INS_BEFORE_LAPSE = 2


@dataclass
class Report:
    first: int = 0
    second: int = 0
    lapsed: int = 0
    failed: int = 0
    failed_ids: set = field(default_factory=set)


def period() -> timedelta:
    return timedelta(weeks=settings.WAITLIST_CHECK_IN_WEEKS)


def due(now) -> Q:
    return Q(consultation__status=ConsultationRequest.Status.WAITLIST,
             consultation__preferred_contact=ConsultationRequest.ContactMethod.EMAIL, lapsed_at=None) & ~Q(
        consultation__email="") & (
        Q(check_ins_sent=0, clock_started_at__lte=now - period())
        | Q(check_ins_sent__gt=0, last_check_in_at__lte=now - ANSWER_WAIT)
    )


def message(entry: WaitlistEntry, practice: PracticeSettings, second: bool) -> EmailMessage:
    consultation = entry.consultation
    opening = "We wrote a week ago and have not heard back, so we are asking once more. " if second else ""
    phone = f" You can also call us at {practice.phone}." if practice.phone else ""
    body = (
        f"Hello {first_name(consultation)},\n\n"
        f"{opening}You are on the waitlist at {practice.practice_name}, and we want to keep it up to date. "
        "Would you like to keep your place?\n\n"
        f"Yes, keep my place:\n{links.full_url(entry, 'stay')}\n\n"
        f"No, take me off the waitlist:\n{links.full_url(entry, 'leave')}\n\n"
        f"Each link opens a page with one button to confirm.{phone}\n\n"
        f"{practice.crisis_notice}\n"
    )
    return EmailMessage(f"Are you still interested? – {practice.practice_name}", body, to=[consultation.email])


def step(entry: WaitlistEntry, practice: PracticeSettings, now, report: Report) -> None:
    """One entry's next step, inside the transaction holding its row lock."""
    if entry.check_ins_sent >= CHECK_INS_BEFORE_LAPSE:
        entry.lapsed_at = now
        entry.save(update_fields=["lapsed_at"])
        audit.record(entry.consultation, None, RequestEvent.Action.WAITLIST,
                     "Lapsed: no answer to two check-ins; a coordinator may close it")
        report.lapsed += 1
        return
    second = entry.check_ins_sent > 0
    try:
        message(entry, practice, second).send()
    except Exception as error:  # noqa: BLE001 -- recorded and retried on the next run, never raised
        # The type only: the error's text may hold the address.
        logger.warning("Waitlist check-in for request %s failed (%s)", entry.pk, type(error).__name__)
        report.failed += 1
        report.failed_ids.add(entry.pk)
        return
    entry.check_ins_sent += 1
    entry.last_check_in_at = now
    entry.save(update_fields=["check_ins_sent", "last_check_in_at"])
    audit.record(entry.consultation, None, RequestEvent.Action.NOTIFICATION,
                 f"Waitlist check-in {entry.check_ins_sent} sent")
    if second:
        report.second += 1
    else:
        report.first += 1


def run(now=None, progress=None) -> Report:
    """Take every due entry once, oldest on the list first."""
    now = now or timezone.now()
    practice = PracticeSettings.load()
    report = Report()
    while True:
        with transaction.atomic():
            entry = (
                WaitlistEntry.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("consultation").filter(due(now)).exclude(pk__in=report.failed_ids)
                .order_by("joined_at", "pk").first()
            )
            if entry is None:
                return report
            step(entry, practice, now, report)
        if progress:
            progress(report)


def due_counts(now=None) -> dict[str, int]:
    """What a run would do now, for --dry-run."""
    now = now or timezone.now()
    entries = WaitlistEntry.objects.filter(due(now))
    return {
        "first": entries.filter(check_ins_sent=0).count(),
        "second": entries.filter(check_ins_sent__gt=0, check_ins_sent__lt=CHECK_INS_BEFORE_LAPSE).count(),
        "lapsed": entries.filter(check_ins_sent__gte=CHECK_INS_BEFORE_LAPSE).count(),
    }
