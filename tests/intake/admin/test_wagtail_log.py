"""Wagtail's own audit log holds nothing about consultation requests: RequestEvent is their history."""

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from contact.models import ConsultationRequest
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import clinician, coordinator
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def wagtail_log_entries():
    content_type = ContentType.objects.get_for_model(ConsultationRequest)
    return ModelLogEntry.objects.filter(content_type=content_type)


def test_working_on_a_request_writes_no_wagtail_log_entry(client, coordinator_user):
    consultation = ConsultationRequestFactory(name="Maya Torres")
    force_login_verified(client, coordinator_user)

    client.get(reverse("consultation_requests:index"))
    client.get(reverse("consultation_requests:inspect", args=[consultation.pk]))
    client.get(reverse("consultation_requests:edit", args=[consultation.pk]))
    response = client.post(
        reverse("consultation_requests:edit", args=[consultation.pk]),
        {"status": "contacted", "assigned_to": coordinator_user.pk, "new_note": "Called back."},
    )
    client.get(reverse("consultation_requests:index") + "?export=csv")

    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == "contacted"
    assert consultation.events.filter(action="edited").exists()
    assert not wagtail_log_entries().exists()


def test_site_history_shows_a_clinician_nothing_about_requests(client):
    colleague = coordinator()
    consultation = ConsultationRequestFactory(name="Maya Torres")
    force_login_verified(client, colleague)
    client.post(reverse("consultation_requests:edit", args=[consultation.pk]), {"status": "contacted"})

    client.logout()
    force_login_verified(client, clinician())
    response = client.get("/admin/reports/site-history/")

    assert response.status_code == 200
    assert "Maya Torres" not in response.text
    assert "No log entries found." in response.text


def test_purge_deletes_wagtail_log_entries_left_from_before(coordinator_user):
    purged = ConsultationRequestFactory.aged(200, status="spam")
    kept = ConsultationRequestFactory(status="contacted")
    for consultation in (purged, kept):
        log(consultation, "wagtail.edit", user=coordinator_user)
    assert wagtail_log_entries().count() == 2

    call_command("purge_consultation_requests", stdout=StringIO())

    assert list(ConsultationRequest.objects.all()) == [kept]
    assert not wagtail_log_entries().exists()
