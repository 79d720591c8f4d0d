"""Where the practice sends people it cannot help, and the replies that tell them.

Both are snippets only intake coordinators manage (migration 0002). What a reply may carry is decided here: an
entry's public description and ways to reach it, never its internal notes and never anything about other people.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from practice_site.directory.choices import LANGUAGES, US_STATES, AgeGroup, SessionFormat
from practice_site.directory.fields import ChoiceArrayField

# ACA A.11.a asks for *appropriate* alternatives: a number nobody has rung for a year may no longer be one.
STALE_AFTER = timedelta(days=365)


def stale_before(today: date | None = None) -> date:
    return (today or timezone.localdate()) - STALE_AFTER


class ReferralEntryQuerySet(models.QuerySet):
    def stale(self, today=None):
        """Entries last checked more than a year ago."""
        return self.filter(last_checked__lt=stale_before(today))

    def fresh(self, today=None):
        return self.filter(last_checked__gte=stale_before(today))

    def with_staleness(self, today=None):
        """Each entry with ``is_stale``, computed by the same condition as ``stale()``."""
        condition = Q(last_checked__lt=stale_before(today))
        return self.annotate(is_stale=ExpressionWrapper(condition, output_field=BooleanField()))


class ReferralEntry(models.Model):
    """A colleague, clinic, low-cost option or crisis line the practice may suggest to someone."""

    class Kind(models.TextChoices):
        COLLEAGUE = "colleague", "Colleague or practice"
        CLINIC = "clinic", "Community clinic"
        LOW_COST = "low_cost", "Sliding-scale or free option"
        CRISIS = "crisis", "Crisis line"

    class Fees(models.TextChoices):
        STANDARD = "standard", "Standard fees"
        SLIDING_SCALE = "sliding", "Sliding scale"
        FREE = "free", "Free"

    name = models.CharField(max_length=150, help_text="As the person would look it up, e.g. Bayou City Counseling.")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.COLLEAGUE)
    description = models.CharField(
        "what they offer", max_length=300, blank=True,
        help_text="One or two sentences sent to the person with the referral, e.g. Couples and family therapy; "
        "evening sessions.",
    )
    concerns = models.ManyToManyField("directory.Concern", blank=True, related_name="+")
    ages_served = ChoiceArrayField(
        models.CharField(max_length=20, choices=AgeGroup.choices), blank=True, default=list,
        help_text="Leave empty if they see every age.",
    )
    languages = ChoiceArrayField(models.CharField(max_length=8, choices=LANGUAGES), blank=True, default=list)
    insurance_plans = models.ManyToManyField(
        "directory.InsurancePlan", blank=True, related_name="+",
        help_text="Plans they take. A plan we do not take can be added under Finding a clinician → Insurance plans "
        "with “accepted” unticked.",
    )
    fees = models.CharField(max_length=10, choices=Fees.choices, default=Fees.STANDARD)
    formats = ChoiceArrayField(models.CharField(max_length=12, choices=SessionFormat.choices), blank=True, default=list)
    city = models.CharField(max_length=80, blank=True, help_text="Where they see people in person.")
    state = models.CharField(max_length=2, choices=US_STATES, default="TX", help_text="Of the in-person office.")
    telehealth_states = ChoiceArrayField(
        models.CharField(max_length=2, choices=US_STATES), blank=True, default=list,
        help_text="Where they are licensed to see people by video.",
    )
    nationwide = models.BooleanField(
        default=False, help_text="Reachable from anywhere in the US, e.g. a national hotline or directory.",
    )
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    last_checked = models.DateField(
        default=timezone.localdate, help_text="When someone last confirmed the details and that they take referrals.",
    )
    active = models.BooleanField(default=True, help_text="Untick to stop suggesting them without losing the entry.")
    internal_notes = models.TextField(blank=True, help_text="For staff only: never sent to anyone.")

    objects = ReferralEntryQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("description")], heading="Who"),
        MultiFieldPanel([
            FieldPanel("concerns"), FieldPanel("ages_served"), FieldPanel("languages"),
            FieldPanel("insurance_plans"), FieldPanel("fees"), FieldPanel("formats"),
        ], heading="What they offer"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("city"), FieldPanel("state")]), FieldPanel("telehealth_states"),
            FieldPanel("nationwide"),
        ], heading="Where"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("website"), FieldPanel("email")], heading="How to reach them"),
        MultiFieldPanel(
            [FieldPanel("last_checked"), FieldPanel("active"), FieldPanel("internal_notes")], heading="Upkeep"
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "referral"
        verbose_name_plural = "referral directory"
        indexes = [models.Index(fields=["active", "kind"])]

    def __str__(self):
        return self.name

    def clean(self):
        if not (self.phone or self.website or self.email):
            raise ValidationError("Add at least one way to reach them: a phone number, a website or an email.")

    def as_text(self) -> str:
        """The lines a reply carries about this entry: only what the practice chose to publish about it."""
        lines = [self.name]
        if self.description:
            lines.append(self.description)
        lines += [value for value in (self.phone, self.website, self.email) if value]
        return "\n".join(f"  {line}" if number else f"- {line}" for number, line in enumerate(lines))


PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = {"first_name", "referrals"}
# Characters that would let a typed name start new lines or hide text in a plain-text email.
UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


@dataclass(frozen=True)
class RenderedReply:
    subject: str
    body: str


class ReplyTemplate(models.Model):
    """A "decline with referral" reply staff start from, then edit before it is sent."""

    class Reason(models.TextChoices):
        FULL = "full", "Practice full"
        NOT_A_FIT = "not_fit", "Not a fit for the concern"
        OUT_OF_STATE = "out_of_state", "Out of state"
        INSURANCE = "insurance", "Insurance not taken"

    reason = models.CharField(max_length=12, choices=Reason.choices)
    title = models.CharField(max_length=100, unique=True, help_text="For staff choosing a template.")
    subject = models.CharField(max_length=150)
    body = models.TextField(
        max_length=4000,
        help_text="Plain text. {first_name} becomes the person's first name and {referrals} the referrals chosen "
        "for them. Nothing else about their request is ever filled in.",
    )
    active = models.BooleanField(default=True)

    panels = [
        FieldPanel("reason"), FieldPanel("title"), FieldPanel("subject"), FieldPanel("body"), FieldPanel("active"),
    ]

    class Meta:
        ordering = ["reason", "title"]
        verbose_name = "referral reply"

    def __str__(self):
        return self.title

    def clean(self):
        unknown = sorted(set(PLACEHOLDER.findall(self.body + self.subject)) - PLACEHOLDERS)
        if unknown:
            raise ValidationError({"body": "Only {first_name} and {referrals} can be filled in; please remove "
                                           + ", ".join("{" + name + "}" for name in unknown) + "."})
        if "{referrals}" not in self.body:
            raise ValidationError({"body": "Put {referrals} where the chosen referrals should go."})
        if "{referrals}" in self.subject:
            raise ValidationError({"subject": "The referrals go in the body only."})

    def render(self, first_name: str, referrals) -> RenderedReply:
        """The reply for one person: their first name and the entries chosen for them, nothing else."""
        name = UNSAFE_IN_NAME.sub(" ", first_name).strip() or "there"
        values = {"first_name": name, "referrals": "\n\n".join(entry.as_text() for entry in referrals)}

        def fill(text):
            # One pass, so a name that looks like a placeholder is never filled in again.
            return PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), text)

        return RenderedReply(subject=fill(self.subject), body=fill(self.body))
