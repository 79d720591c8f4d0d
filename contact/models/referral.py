"""The reply sent when the practice declines a request and refers the person on.

The text is kept as it was sent, so the request's history shows exactly what the person was told; it goes with
the request when the retention rules delete it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from practice_site.referrals.models import ReplyTemplate

from .request import ConsultationRequest


class ReferralReply(models.Model):
    # One per request: a second decline would send a second, contradicting email.
    consultation = models.OneToOneField(ConsultationRequest, on_delete=models.CASCADE, related_name="referral_reply")
    reason = models.CharField(max_length=12, choices=ReplyTemplate.Reason.choices)
    entries = models.ManyToManyField("referrals.ReferralEntry", blank=True, related_name="+")
    subject = models.CharField(max_length=150)
    body = models.TextField(max_length=6000)
    emailed = models.BooleanField(help_text="False when the person asked to be reached another way.")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "referral reply"

    def __str__(self):
        return f"Referral reply for request #{self.consultation_id}"
