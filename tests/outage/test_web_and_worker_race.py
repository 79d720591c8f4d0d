"""The worker drains the spool while visitors send the form, whose requests each drain a small batch too: every
request that waited is stored once, and so is every request the visitors sent, round after round."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connections
from django.test import Client

from contact.models.receipts import SpooledRequest
from contact.models.request import ConsultationRequest, RequestNotification
from contact.outage import spool
from practice_site.demo import consultation as demo_consultation
from tests.factories.consultations import form_answers
from tests.intake.conftest import aged_token

from .conftest import kept

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROUNDS = 6
WAITING = 8
VISITORS = 3


@pytest.fixture
def contact_page(local_state, settings):
    settings.INTAKE_MIN_SECONDS = 0
    # Every visitor sends from 127.0.0.1: the race, not the rate limit, is under test.
    settings.INTAKE_RATE_LIMIT = 1000
    settings.INTAKE_NOTIFICATION_EMAILS = ["intake@rootedtherapy.example"]
    assert settings.INTAKE_SPOOL_WEB_BATCH * VISITORS < WAITING
    return demo_consultation.load()


def worker(start: threading.Barrier):
    start.wait(timeout=60)
    try:
        return spool.drain()
    finally:
        connections.close_all()


def visitor(start: threading.Barrier, page, name: str):
    client = Client()
    answers = {**form_answers(name=name), "form_token": aged_token(60)}
    start.wait(timeout=60)
    try:
        return client.post(page.url, answers).status_code
    finally:
        connections.close_all()


def race(page, number: int):
    """One round: WAITING requests in the spool, then the worker and VISITORS web requests let go at once, each
    in its own thread with its own database connection."""
    for position in range(WAITING):
        kept(name=f"Waiting {number}-{position}")
    start = threading.Barrier(1 + VISITORS)
    with ThreadPoolExecutor(max_workers=1 + VISITORS) as pool:
        drain = pool.submit(worker, start)
        sent = [pool.submit(visitor, start, page, f"Visitor {number}-{position}") for position in range(VISITORS)]
        return drain.result(), [answer.result() for answer in sent]


def test_the_worker_and_web_requests_draining_at_once_store_each_request_once(contact_page):
    drained_by_worker = []
    for number in range(ROUNDS):
        report, statuses = race(contact_page, number)

        assert statuses == [302] * VISITORS
        assert (report.rejected, report.failed, report.interrupted) == (0, 0, False)
        drained_by_worker.append(report.stored)
        for position in range(WAITING):
            assert ConsultationRequest.objects.filter(name=f"Waiting {number}-{position}").count() == 1
        for position in range(VISITORS):
            assert ConsultationRequest.objects.filter(name=f"Visitor {number}-{position}").count() == 1
        assert list(spool.spool_dir().glob("*.request")) == []
        assert list((spool.spool_dir() / spool.CLAIMED).iterdir()) == []
        assert spool.set_aside_count() == 0

    # It really raced: the web requests drained some of the waiting requests while the worker drained the rest.
    assert 0 < sum(drained_by_worker) < ROUNDS * WAITING, drained_by_worker
    assert ConsultationRequest.objects.count() == ROUNDS * (WAITING + VISITORS)
    assert SpooledRequest.objects.count() == ROUNDS * WAITING
    assert not ConsultationRequest.objects.exclude(status=ConsultationRequest.Status.NEW).exists()
    # Each one's staff alert and acknowledgement sent, once.
    sent = RequestNotification.objects.filter(state=RequestNotification.State.SENT)
    assert sent.count() == 2 * ROUNDS * (WAITING + VISITORS)
    assert len(mail.outbox) == 2 * ROUNDS * (WAITING + VISITORS)
