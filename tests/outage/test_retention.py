"""Stale open requests are flagged, then purged; who viewed or exported a request outlives it, for six years."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contact.models.request import AccessRecord, ConsultationRequest
from contact.review import audit
from tests.factories import users
from tests.factories.consultations import ConsultationRequestFactory

pytestmark = pytest.mark.django_db
Status = ConsultationRequest.Status


def aged(status, days):
    consultation = ConsultationRequestFactory(status=status)
    past = timezone.now() - timedelta(days=days)
    ConsultationRequest.objects.filter(pk=consultation.pk).update(received_at=past, updated_at=past)
    return consultation


def test_new_or_contacted_requests_untouched_for_the_stale_period_are_flagged(settings):
    settings.INTAKE_STALE_DAYS = 30
    stale = aged(Status.NEW, 40)
    aged(Status.CONTACTED, 10)
    aged(Status.CLOSED, 40)
    assert list(ConsultationRequest.objects.flagged("stale")) == [stale]


def test_stale_requests_are_purged_and_who_viewed_them_is_kept_six_years_then_dropped(settings, capsys):
    settings.INTAKE_RETENTION_DAYS = 180
    viewer = users.coordinator(first_name="Rosa", last_name="Diaz")
    old = aged(Status.CONTACTED, 200)
    kept = aged(Status.NEW, 20)
    audit.record(old, viewer, audit.Action.VIEWED)
    audit.record_export([old.pk, kept.pk], viewer, "csv")
    long_gone = AccessRecord.objects.create(
        request_number=1, actor_name="Someone", action="viewed",
        request_purged_at=timezone.now() - timedelta(days=365 * 6 + 10),
    )

    call_command("purge_consultation_requests")

    assert list(ConsultationRequest.objects.all()) == [kept]
    records = AccessRecord.objects.filter(request_number=old.pk)
    assert sorted(records.values_list("action", "actor_name")) == [("exported", "Rosa Diaz"), ("viewed", "Rosa Diaz")]
    assert all(record.request_purged_at for record in records)
    assert AccessRecord.objects.get(request_number=kept.pk).request_purged_at is None
    assert not AccessRecord.objects.filter(pk=long_gone.pk).exists()
    assert "Deleted 1 access records" in capsys.readouterr().out


def test_coordinators_read_the_access_report_and_clinicians_cannot(client, login_verified):
    AccessRecord.objects.create(request_number=4242, actor_name="Rosa Diaz", action="exported")
    login_verified(client, users.clinician())
    # Wagtail sends whoever may not see a page back to the dashboard.
    assert client.get(reverse("consultation_access_report")).status_code == 302
    login_verified(client, users.coordinator())
    page = client.get(reverse("consultation_access_report"), {"request": "4242"})
    assert page.status_code == 200
    assert "#4242" in page.content.decode() and "Rosa Diaz" in page.content.decode()
