"""Consultation requests and their notes, emails and history: health information, so only what intake staff
need is stored."""

import re

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import models
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Replace
from django.utils import timezone

from contact import deadlines
from contact.deadlines import reply_overdue_before, spam_review_since, start_of
from practice_site.directory.choices import LANGUAGES

# What staff search by name and email is read from, as words. The "@" becomes a space so the mailbox and
# the domain are words of their own ("example.net" finds sam@example.net). The GIN index below is built on
# exactly this expression, so a search reads the index instead of every request.
SEARCH_DOCUMENT = SearchVector("name", "preferred_name", Replace("email", Value("@"), Value(" ")), config="simple")
# Characters a search word keeps; the rest (tsquery operators, quotes, control characters) separate words.
SEARCH_WORD = re.compile(r"[\w.+-]+")
# The listing's default order, "awaiting reply" first: the same expression as the annotation it sorts by.
AWAITING_REPLY = ExpressionWrapper(Q(status="new"), output_field=BooleanField())


class ConsultationRequestQuerySet(models.QuerySet):
    """What intake staff must act on, and the flags on a request, each defined once as a condition.

    The listing's filters filter on a condition, its columns and the request pages read it from
    ``with_flags()``, and the dashboard counts it with ``counts()``: they always agree.
    """

    FLAGS = ("out_of_area", "self_pay", "minor")
    WORKLISTS = ("awaiting_reply", "reply_overdue", "follow_up_due", "recent_spam", "needs_attention", "stale")

    @staticmethod
    def condition(name: str, today) -> Q:
        Status = ConsultationRequest.Status
        if name == "awaiting_reply":
            return Q(status=Status.NEW)
        if name == "reply_overdue":
            return Q(status=Status.NEW, received_at__lt=reply_overdue_before(today))
        if name == "follow_up_due":
            # Planned for today or a day already past, on requests still being worked on.
            return Q(follow_up_on__lte=today) & ~Q(status__in=Status.finished())
        if name == "recent_spam":
            # From the start of the day, as the listing's "Received" filter counts it, so its link shows what
            # was counted.
            return Q(status=Status.SPAM, received_at__gte=start_of(spam_review_since(today)))
        if name == "needs_attention":
            return ~Q(attention="") & ~Q(status__in=Status.finished())
        if name == "stale":
            # New or Contacted for longer than INTAKE_STALE_DAYS: nobody has moved it on.
            return Q(status__in=[Status.NEW, Status.CONTACTED], updated_at__lt=deadlines.stale_before(today))
        if name == "out_of_area":
            return Q(in_texas=False)
        if name == "self_pay":
            return Q(payment=ConsultationRequest.Payment.SELF_PAY)
        if name == "minor":
            return Q(therapy_for=ConsultationRequest.TherapyFor.CHILD)
        raise ValueError(f"No worklist or flag called {name!r}")

    def _where(self, name, today=None):
        return self.filter(self.condition(name, today or deadlines.today()))

    def awaiting_reply(self):
        return self._where("awaiting_reply")

    def reply_overdue(self, today=None):
        return self._where("reply_overdue", today)

    def follow_up_due(self, today=None):
        return self._where("follow_up_due", today)

    def recent_spam(self, today=None):
        return self._where("recent_spam", today)

    def flagged(self, name):
        return self._where(name)

    def counts(self, *names, today=None) -> dict[str, int]:
        """How many requests are on each named worklist, in one query."""
        today = today or deadlines.today()
        return self.aggregate(**{name: Count("pk", filter=self.condition(name, today)) for name in names})

    def search(self, text: str):
        """Requests whose name, preferred name or email has words starting with each word typed, or whose phone
        starts with the digits typed (as 713-555-0142 or +1 713 555 0142): both read an index."""
        words = SEARCH_WORD.findall(text.replace("@", " "))
        query = Q(search_document=SearchQuery(" & ".join(f"'{word}':*" for word in words), search_type="raw",
                                              config="simple")) if words else Q(pk__in=[])
        digits = "".join(character for character in text if character.isdigit())
        if len(digits) >= 4:
            # Phones are stored in E.164; a number typed without its country code is a US one.
            query |= Q(phone__startswith=f"+{digits}") | Q(phone__startswith=f"+1{digits}")
        return self.alias(search_document=SEARCH_DOCUMENT).filter(query)

    def with_flags(self, today=None):
        """Each request with ``is_<flag>`` for every flag and worklist, e.g. ``is_minor``, ``is_reply_overdue``."""
        today = today or deadlines.today()
        return self.annotate(**{
            f"is_{name}": ExpressionWrapper(self.condition(name, today), output_field=BooleanField())
            for name in self.FLAGS + self.WORKLISTS
        })


class ConsultationRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        SCHEDULED = "scheduled", "Consultation scheduled"
        WAITLIST = "waitlist", "On the waitlist"
        BECAME_CLIENT = "client", "Became a client"
        REFERRED_OUT = "referred", "Referred out"
        NOT_A_FIT = "not_fit", "Not a fit"
        CLOSED = "closed", "Closed"
        SPAM = "spam", "Spam"

        @classmethod
        def finished(cls):
            """Statuses after which nobody needs to follow up any more."""
            return [cls.BECAME_CLIENT, cls.REFERRED_OUT, cls.NOT_A_FIT, cls.CLOSED, cls.SPAM]

    class ContactMethod(models.TextChoices):
        EMAIL = "email", "Email"
        CALL = "call", "Phone call"
        TEXT = "text", "Text message"

    class TherapyFor(models.TextChoices):
        SELF = "self", "Myself"
        CHILD = "child", "My child or teen"
        COUPLE = "couple", "Me and my partner"

    class SessionFormat(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        TELEHEALTH = "telehealth", "Telehealth (video)"
        EITHER = "either", "Either"

    class Payment(models.TextChoices):
        INSURANCE = "insurance", "Insurance"
        SELF_PAY = "self_pay", "Self-pay"
        NOT_SURE = "not_sure", "Not sure yet"

    class Day(models.TextChoices):
        MONDAY = "mon", "Monday"
        TUESDAY = "tue", "Tuesday"
        WEDNESDAY = "wed", "Wednesday"
        THURSDAY = "thu", "Thursday"
        FRIDAY = "fri", "Friday"

    class TimeOfDay(models.TextChoices):
        MORNING = "morning", "Mornings"
        AFTERNOON = "afternoon", "Afternoons"
        EVENING = "evening", "Evenings"

    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    # What the person sent. Read-only for staff.
    name = models.CharField(max_length=150)
    preferred_name = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=60, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164, e.g. +17135550142.")
    preferred_contact = models.CharField(max_length=10, choices=ContactMethod.choices)
    voicemail_ok = models.BooleanField("OK to leave a voicemail", default=False)
    texts_ok = models.BooleanField("OK to send texts", default=False)
    therapy_for = models.CharField(max_length=10, choices=TherapyFor.choices)
    guardian_name = models.CharField("parent or guardian's name", max_length=150, blank=True)
    in_texas = models.BooleanField("in Texas during sessions")
    service = models.ForeignKey(
        "pages.ServicePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Empty means “not sure”.",
    )
    preferred_clinician = models.ForeignKey(
        "pages.ClinicianPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    session_language = models.CharField(
        "language for sessions", max_length=8, choices=LANGUAGES, blank=True, help_text="Empty means no preference."
    )
    session_format = models.CharField(max_length=10, choices=SessionFormat.choices)
    available_days = ArrayField(models.CharField(max_length=3, choices=Day.choices), default=list, blank=True)
    available_times = ArrayField(
        models.CharField(max_length=10, choices=TimeOfDay.choices), default=list, blank=True
    )
    payment = models.CharField(max_length=10, choices=Payment.choices)
    insurance_carrier = models.CharField(max_length=120, blank=True)
    message = models.TextField(max_length=1000, blank=True)
    privacy_notice_accepted_at = models.DateTimeField()

    # Why the spam checks were suspicious; the request is kept so staff can rescue a real one.
    spam_reason = models.CharField(max_length=120, blank=True)

    # Intake staff's work.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_consultation_requests",
    )
    follow_up_on = models.DateField("next follow-up", null=True, blank=True)
    # Set when a request could not be stored exactly as sent (kept through an outage): what staff must look at.
    attention = models.CharField("needs attention", max_length=120, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Every call booked for the request, moved and cancelled ones too (contact/models/calls.py).
    bookings = models.ManyToManyField("scheduling.Booking", through="RequestCall", related_name="+", blank=True)

    objects = ConsultationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        permissions = [
            ("export_consultationrequest", "Can export consultation requests"),
            # Without it, view/change reach only the requests assigned to the user (clinicians).
            ("triage_consultationrequest", "Can see and assign every consultation request"),
        ]
        indexes = [
            models.Index(fields=["status", "received_at"]),
            # The listing's default order (awaiting reply, newest first) without spam, read in order up to a page.
            models.Index(
                AWAITING_REPLY.desc(), F("received_at").desc(), F("id").desc(),
                condition=~Q(status="spam"), name="consultation_listing_order",
            ),
            GinIndex(SEARCH_DOCUMENT, name="consultation_search"),
            models.Index(fields=["phone"], opclasses=["varchar_pattern_ops"], name="consultation_phone_prefix"),
        ]

    def __str__(self):
        # Deliberately not the name: this string lands in admin titles, logs and error reports.
        return f"Consultation request #{self.pk}"


class RequestNotification(models.Model):
    """Whether each email about a request went out; never the email's content."""

    class Kind(models.TextChoices):
        STAFF_ALERT = "staff", "Staff alert"
        ACKNOWLEDGEMENT = "ack", "Acknowledgement to the sender"
        REFERRAL = "referral", "Referral reply"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    consultation = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True, help_text="The error's type only, never its text.")
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation", "kind"], name="one_notification_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} for request #{self.consultation_id}: {self.get_state_display()}"


class RequestNote(models.Model):
    """An internal note: entries are only ever added, never edited."""

    consultation = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(max_length=4000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        # The note's text stays out: this string can reach logs and admin messages.
        return f"Note on request #{self.consultation_id}"


class RequestEvent(models.Model):
    """The request's history and audit trail: who did what, and when."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Received"
        VIEWED = "viewed", "Viewed"
        EDITED = "edited", "Edited"
        EXPORTED = "exported", "Exported"
        STATUS_CHANGED = "status", "Status changed"
        ASSIGNED = "assigned", "Assigned"
        NOTE_ADDED = "note", "Note added"
        NOTIFICATION = "notified", "Notification"
        CALL = "call", "Consultation call"
        REFERRED = "referred", "Referred out"
        WAITLIST = "waitlist", "Waitlist"

    consultation = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True, help_text="Never personal details from the request.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()} (request #{self.consultation_id})"


class AccessRecord(models.Model):
    """Who viewed or exported which request, and when: kept INTAKE_ACCESS_RECORD_YEARS after the request is purged.

    The request's number only, never a link to it or anything from it, so the record outlives the request.
    """

    request_number = models.PositiveIntegerField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The name as it was, so the record still says who after the account is deleted.
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=RequestEvent.Action.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Set by the purge: the record is then kept for INTAKE_ACCESS_RECORD_YEARS from this moment.
    request_purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_action_display()} of request #{self.request_number}"
