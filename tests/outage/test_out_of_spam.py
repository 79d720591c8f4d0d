"""A request moved out of spam is treated as one that has just arrived: staff alert, acknowledgement, reply due
from now."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contact.models.request import ConsultationRequest
from tests.factories import users
from tests.factories.consultations import ConsultationRequestFactory

pytestmark = pytest.mark.django_db


def test_moving_a_request_out_of_spam_alerts_staff_acknowledges_and_restarts_its_deadline(
    client, login_verified, settings, django_capture_on_commit_callbacks
):
    settings.INTAKE_NOTIFICATION_EMAILS = ["intake@rootedtherapy.example"]
    caught = ConsultationRequestFactory(
        status="spam", spam_reason="Sent too fast", email="maya@example.com", preferred_contact="email",
        received_at=timezone.now() - timedelta(days=20),
    )
    login_verified(client, users.coordinator())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("consultation_requests:edit", args=[caught.pk]), {"status": "new"})

    assert response.status_code == 302
    caught.refresh_from_db()
    assert caught.status == ConsultationRequest.Status.NEW
    assert timezone.now() - caught.received_at < timedelta(minutes=1)
    assert ConsultationRequest.objects.awaiting_reply().filter(pk=caught.pk, received_at__gte=timezone.now() -
                                                                 timedelta(minutes=1)).exists()
    subjects = sorted(message.subject for message in mail.outbox)
    assert "A new consultation request is waiting" in subjects
    assert any(subject.startswith("We received your request") for subject in subjects)
