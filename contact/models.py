"""Consultation requests: health information, so only what intake staff need is stored."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from practice_site.core.models import BasePage

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

DEFAULT_WHAT_HAPPENS_NEXT = (
    "<p>One of our intake coordinators will read your request and reply within two business days, "
    "the way you asked us to. We will offer a free 15-minute phone consultation to talk about what you "
    "are looking for and whether we are a good fit.</p>"
)
DEFAULT_THANK_YOU = (
    "<p>We have received your request. One of our intake coordinators will reply within two business days, "
    "by the contact method you chose. If we are not the right fit, we will help you find someone who is.</p>"
)


class ConsultationRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        SCHEDULED = "scheduled", "Consultation scheduled"
        BECAME_CLIENT = "client", "Became a client"
        REFERRED_OUT = "referred", "Referred out"
        NOT_A_FIT = "not_fit", "Not a fit"
        CLOSED = "closed", "Closed"
        SPAM = "spam", "Spam"

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
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        permissions = [
            ("export_consultationrequest", "Can export consultation requests"),
            # Without it, view/change reach only the requests assigned to the user (clinicians).
            ("triage_consultationrequest", "Can see and assign every consultation request"),
        ]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self):
        # Deliberately not the name: this string lands in admin titles, logs and error reports.
        return f"Consultation request #{self.pk}"

    @property
    def is_out_of_area(self) -> bool:
        return not self.in_texas

    @property
    def is_self_pay(self) -> bool:
        return self.payment == self.Payment.SELF_PAY

    @property
    def is_minor(self) -> bool:
        return self.therapy_for == self.TherapyFor.CHILD


class RequestNotification(models.Model):
    """Whether each email about a request went out; never the email's content."""

    class Kind(models.TextChoices):
        STAFF_ALERT = "staff", "Staff alert"
        ACKNOWLEDGEMENT = "ack", "Acknowledgement to the sender"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True, help_text="The error's type only, never its text.")
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "kind"], name="one_notification_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} for request #{self.request_id}: {self.get_state_display()}"


class RequestNote(models.Model):
    """An internal note: entries are only ever added, never edited."""

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(max_length=4000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        # The note's text stays out: this string can reach logs and admin messages.
        return f"Note on request #{self.request_id}"


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

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True, help_text="Never personal details from the request.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()} (request #{self.request_id})"


class ContactPage(RoutablePageMixin, BasePage):
    """/contact/: staff edit the words around the form; the form itself is code (contact/forms.py)."""

    introduction = RichTextField(features=TEXT_FEATURES, blank=True)
    what_happens_next = RichTextField(features=TEXT_FEATURES, default=DEFAULT_WHAT_HAPPENS_NEXT)
    thank_you_text = RichTextField(
        features=TEXT_FEATURES, default=DEFAULT_THANK_YOU,
        help_text="Shown after a request is sent: what happens next, and when.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("what_happens_next"),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        verbose_name = "consultation request page"

    def serve(self, request, *args, **kwargs):
        # Forms carry a CSRF token and a time token, and answers may be health information:
        # no shared or browser cache may keep this page.
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    @path("", name="form")
    def form_view(self, request):
        from .views import consultation_form

        return consultation_form(self, request)

    @path("thank-you/", name="thank_you")
    def thank_you_view(self, request):
        return self.render(request, template="contact/contact_page_thank_you.html")

    @property
    def thank_you_url(self) -> str:
        return self.url + self.reverse_subpage("thank_you").lstrip("/")
