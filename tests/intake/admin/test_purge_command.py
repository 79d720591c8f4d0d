from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from contact.models import ConsultationRequest, RequestEvent, RequestNote
from tests.factories.consultations import ConsultationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_of_every_kind():
    old, recent = 200, 100
    doomed = [
        ConsultationRequestFactory.aged(old, status="spam"),
        ConsultationRequestFactory.aged(old, status="closed"),
        ConsultationRequestFactory.aged(old, status="referred"),
        ConsultationRequestFactory.aged(old, status="not_fit"),
        # Left New or Contacted for the whole retention period: stale, purged like closed ones.
        ConsultationRequestFactory.aged(old, status="new"),
        ConsultationRequestFactory.aged(old, status="contacted"),
    ]
    kept = [
        ConsultationRequestFactory.aged(recent, status="spam"),
        ConsultationRequestFactory.aged(recent, status="closed"),
        ConsultationRequestFactory.aged(old, status="client"),
        ConsultationRequestFactory.aged(recent, status="new"),
        ConsultationRequestFactory.aged(old, status="scheduled"),
    ]
    # Received long ago but closed only recently: keeps its full retention period.
    recently_closed = ConsultationRequestFactory(received_at=doomed[0].received_at, status="closed")
    kept.append(recently_closed)
    for consultation in doomed + kept:
        RequestNote.objects.create(consultation=consultation, text="A note")
        RequestEvent.objects.create(consultation=consultation, action="submitted")
    return doomed, kept


def run(*args):
    out = StringIO()
    call_command("purge_consultation_requests", *args, stdout=out)
    return out.getvalue()


def test_purge_deletes_exactly_old_spam_and_requests_closed_without_becoming_a_client(requests_of_every_kind):
    doomed, kept = requests_of_every_kind

    output = run()

    assert set(ConsultationRequest.objects.values_list("pk", flat=True)) == {consultation.pk for consultation in kept}
    assert not RequestNote.objects.filter(consultation_id__in=[consultation.pk for consultation in doomed]).exists()
    assert RequestEvent.objects.count() == len(kept)
    assert output == (
        "Deleted 6 consultation requests (1 spam and 3 closed without becoming a client, older than 180 days; "
        "2 left New or Contacted as long).\n"
    )
    assert run().startswith("Deleted 0 consultation requests")


def test_dry_run_prints_counts_and_deletes_nothing(requests_of_every_kind):
    doomed, kept = requests_of_every_kind

    output = run("--dry-run")

    assert ConsultationRequest.objects.count() == len(doomed) + len(kept)
    assert output == (
        "Dry run: would delete 6 consultation requests "
        "(1 spam and 3 closed without becoming a client, older than 180 days; 2 left New or Contacted as long).\n"
    )


def test_retention_period_comes_from_the_setting(settings, requests_of_every_kind):
    settings.INTAKE_RETENTION_DAYS = 90
    assert "would delete 9 consultation requests (2 spam and 4 closed" in run("--dry-run")
    settings.INTAKE_RETENTION_DAYS = 365
    assert "would delete 0 consultation requests" in run("--dry-run")


def test_nonsense_retention_period_is_refused(settings):
    settings.INTAKE_RETENTION_DAYS = 0
    with pytest.raises(CommandError, match="at least 1"):
        run()
