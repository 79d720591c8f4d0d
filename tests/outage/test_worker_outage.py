"""The background worker (`manage.py run_worker`) through a PostgreSQL outage, sending to a real SMTP server."""

import subprocess
import sys
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from contact.models.request import RequestNotification
from contact.tasks import send_request_notification
from tests.factories.consultations import ConsultationRequestFactory

from .conftest import ROOT, database_stopped, free_port, process_environment

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 -- aiosmtpd's hook name
        self.messages.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def worker(local_state, smtp_server, tmp_path):
    log = tmp_path / "worker.log"
    environment = process_environment(
        local_state, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_server.port), EMAIL_USE_TLS="false",
        INTAKE_NOTIFICATION_EMAILS="intake@rooted.example",
    )
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--backend", "background", "--interval", "0.5",
             "--no-startup-delay"],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )
    process.log = log
    try:
        deadline = time.monotonic() + 60
        while "started on queues" not in log.read_text():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_worker_lives_through_an_outage_and_then_sends_what_was_queued_before_it(worker, smtp_server, settings):
    settings.TASKS = {**settings.TASKS, settings.BACKGROUND_QUEUE: {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    notification = RequestNotification.objects.create(
        consultation=ConsultationRequestFactory(), kind=RequestNotification.Kind.STAFF_ALERT
    )
    # Queued before the stop, due while the database is down.
    send_request_notification.using(run_after=timezone.now() + timedelta(seconds=2)).enqueue(notification.pk)

    with database_stopped():
        time.sleep(8)
        assert worker.poll() is None, worker.log.read_text()
        assert smtp_server.messages == []
    back = time.monotonic()

    while not smtp_server.messages:
        assert time.monotonic() - back < 60, worker.log.read_text()
        assert worker.poll() is None, worker.log.read_text()
        time.sleep(0.5)

    assert worker.poll() is None
    assert smtp_server.messages[0].rcpt_tos == ["intake@rooted.example"]
    notification.refresh_from_db()
    assert notification.state == RequestNotification.State.SENT
    log = worker.log.read_text()
    assert "Traceback" not in log
    assert "Database unreachable" in log and "Database reachable again" in log


def test_a_task_left_running_by_a_worker_that_died_is_taken_up_again(settings, mailoutbox):
    settings.TASKS = {**settings.TASKS, settings.BACKGROUND_QUEUE: {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.INTAKE_NOTIFICATION_EMAILS = ["intake@rooted.example"]
    notification = RequestNotification.objects.create(
        consultation=ConsultationRequestFactory(), kind=RequestNotification.Kind.STAFF_ALERT
    )
    result = send_request_notification.enqueue(notification.pk)
    # A worker claimed it twenty minutes ago, then was killed.
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(minutes=20), worker_ids=["killed"]
    )

    call_command("run_worker", "--backend", "background", "--batch", "--no-startup-delay", verbosity=0)

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.state == RequestNotification.State.SENT
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
