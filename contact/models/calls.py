"""Which free consultation calls were booked for which request.

The link lives here, on the intake side, so that scheduling (the app below, which owns the calls) never names
requests. Every call stays linked, moved and cancelled ones too: the email telling the person their call is
cancelled goes out after the cancellation, and a request's calls are its history.
"""

from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver

from practice_site.scheduling.models import Booking

from .request import ConsultationRequest


class RequestCall(models.Model):
    booking = models.OneToOneField(Booking, primary_key=True, on_delete=models.CASCADE, related_name="request_call")
    consultation = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="calls")

    class Meta:
        verbose_name = "call of a request"

    def __str__(self):
        return f"Call {self.booking_id} of request #{self.consultation_id}"


@receiver(post_delete, sender=RequestCall)
def delete_call_with_its_request(sender, instance, **kwargs):
    # A deleted request (purged, or deleted by staff) takes its calls along, as the foreign key on the call used
    # to: a call still held would otherwise keep its time from everyone else.
    Booking.objects.filter(pk=instance.booking_id).delete()
