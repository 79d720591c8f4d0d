"""The drain stores every request a person was thanked for, whatever changed while it waited; two drains at once
store each request once."""

import subprocess
import sys
from datetime import timedelta

import pytest
from django.core import mail
from django.http import QueryDict
from django.utils import timezone

from contact.models.receipts import SpooledRequest
from contact.models.request import ConsultationRequest
from contact.outage import recovery, spool
from practice_site.scheduling.slots import VALUE_FORMAT

from .conftest import ROOT, kept, process_environment

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def a_time_nobody_offers() -> str:
    return (timezone.now() + timedelta(days=3)).strftime(VALUE_FORMAT)


def test_a_time_chosen_before_the_outage_without_a_phone_is_dropped_and_flagged_for_a_call_back(local_state):
    kept(name="Ana Ruiz", phone="", consultation_time=a_time_nobody_offers())

    report = spool.drain()

    assert (report.stored, report.rejected) == (1, 0)
    ana = ConsultationRequest.objects.get(name="Ana Ruiz")
    assert ana.attention == recovery.TIME_GONE
    assert ana.bookings.count() == 0
    assert ConsultationRequest.objects.flagged("needs_attention").get() == ana


def test_a_time_no_longer_open_is_dropped_and_the_request_stored_and_flagged(local_state):
    kept(name="Ben Cole", consultation_time=a_time_nobody_offers())

    assert spool.drain().stored == 1

    ben = ConsultationRequest.objects.get(name="Ben Cole")
    assert ben.attention == recovery.TIME_GONE
    assert ben.notifications.count() == 2
    assert list(spool.spool_dir().glob("*.request")) == []


def test_answers_that_no_longer_pass_are_stored_as_received_and_flagged_for_review(local_state):
    kept(name="Cy Park", preferred_clinician="987654")

    assert spool.drain().stored == 1

    cy = ConsultationRequest.objects.get(name="Cy Park")
    assert cy.attention == recovery.ANSWERS_CHANGED
    assert cy.preferred_clinician is None
    assert "987654" in cy.notes.get().text


def test_an_unreadable_file_is_set_aside_counted_for_coordinators_and_emailed(local_state, settings, caplog):
    settings.INTAKE_NOTIFICATION_EMAILS = ["intake@rootedtherapy.example"]
    folder = spool.spool_dir()
    folder.mkdir(parents=True)
    (folder / "1-broken.request").write_bytes(b"garbage")
    kept(name="Dee Lo")

    report = spool.drain()

    assert (report.stored, report.rejected) == (1, 1)
    assert spool.set_aside_count() == 1
    alerts = [message for message in mail.outbox if message.subject == "A consultation request needs attention"]
    assert len(alerts) == 1
    assert "Dee" not in alerts[0].body
    assert "1-broken.request cannot be decrypted or read" in caplog.text


def test_the_spool_refuses_past_its_limits_per_address_and_in_all(local_state, settings):
    settings.INTAKE_SPOOL_RATE_LIMIT = 2
    post = QueryDict("name=x")
    spool.keep(post, spam_reason="", address="a" * 64)
    spool.keep(post, spam_reason="", address="a" * 64)
    with pytest.raises(spool.TooManyFromAddress):
        spool.keep(post, spam_reason="", address="a" * 64)
    spool.keep(post, spam_reason="", address="b" * 64)
    settings.INTAKE_SPOOL_MAX_FILES = 3
    with pytest.raises(spool.SpoolFull):
        spool.keep(post, spam_reason="", address="c" * 64)
    assert len(list(spool.spool_dir().glob("*.request"))) == 3


def test_a_web_request_drains_only_a_small_batch(local_state):
    for number in range(5):
        kept(name=f"Person {number}")

    assert spool.drain(limit=2).stored == 2
    assert len(list(spool.spool_dir().glob("*.request"))) == 3


DRAIN = """
import django, sys, time
django.setup()
from contact.outage import spool
while time.time() < float(sys.argv[1]):
    time.sleep(0.005)
report = spool.drain()
print(report.stored, report.already_stored, report.rejected, report.failed)
"""


def test_two_processes_draining_one_spool_store_each_request_once(local_state):
    for number in range(24):
        kept(name=f"Person {number}")
    start = str(__import__("time").time() + 6)
    drains = [
        subprocess.Popen(
            [sys.executable, "-c", DRAIN, start], cwd=ROOT, env=process_environment(local_state),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(2)
    ]
    outputs = [drain.communicate(timeout=120) for drain in drains]

    assert [drain.returncode for drain in drains] == [0, 0], outputs
    counts = [list(map(int, out.split())) for out, _ in outputs]
    assert sum(count[0] for count in counts) == 24
    assert sum(count[2] + count[3] for count in counts) == 0
    assert ConsultationRequest.objects.count() == SpooledRequest.objects.count() == 24
    assert ConsultationRequest.objects.values("name").distinct().count() == 24
    assert list(spool.spool_dir().glob("*.request")) == []
    assert list((spool.spool_dir() / spool.CLAIMED).iterdir()) == []
