"""A waitlist entry: a consultation request waiting for an opening, and only what it waits for.

The entry exists exactly while its request's status is "On the waitlist": leaving (by the person's link or a
coordinator's status change) deletes it, so its preferences are not kept past their use.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from contact.models.request import ConsultationRequest
from practice_site.directory.choices import AgeGroup


class WaitlistEntry(models.Model):
    class Slot(models.TextChoices):
        WEEKDAY_MORNING = "weekday_morning", "Weekday mornings"
        WEEKDAY_AFTERNOON = "weekday_afternoon", "Weekday afternoons"
        WEEKDAY_EVENING = "weekday_evening", "Weekday evenings"
        WEEKEND = "weekend", "Weekends"

    consultation = models.OneToOneField(
        ConsultationRequest, on_delete=models.CASCADE, primary_key=True, related_name="waitlist_entry"
    )
    clinicians = models.ManyToManyField(
        "pages.ClinicianPage", blank=True, related_name="+", help_text="None chosen means anyone."
    )
    session_format = models.CharField(max_length=10, choices=ConsultationRequest.SessionFormat.choices)
    age_group = models.CharField(max_length=12, choices=AgeGroup.choices)
    concerns = models.ManyToManyField("directory.Concern", blank=True, related_name="+")
    times = ArrayField(models.CharField(max_length=20, choices=Slot.choices), default=list, blank=True,
                       help_text="Days and times that suit; none chosen means any.")
    insurance = models.ForeignKey(
        "directory.InsurancePlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Empty means paying for themselves or not sure.",
    )
    joined_at = models.DateTimeField(default=timezone.now)
    # When the person last said they are still interested (or joined): check-ins count from here.
    clock_started_at = models.DateTimeField(default=timezone.now)
    check_ins_sent = models.PositiveSmallIntegerField(default=0)
    last_check_in_at = models.DateTimeField(null=True, blank=True)
    # Each answer moves the round on, so a link from an answered check-in is spent.
    link_round = models.PositiveIntegerField(default=0)
    lapsed_at = models.DateTimeField(null=True, blank=True, help_text="No answer after a second check-in.")
    # An opening offered to the person: they may book a time with this clinician until the offer expires.
    offered_clinician = models.ForeignKey(
        "pages.ClinicianPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offer_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "waitlist entries"
        ordering = ["joined_at", "pk"]
        indexes = [models.Index(fields=["joined_at", "consultation"], name="waitlist_oldest_first")]

    def __str__(self):
        return f"Waitlist entry for request #{self.consultation_id}"
