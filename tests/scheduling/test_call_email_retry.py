"""Emails about a call (the person's new time, cancellation or reminder with its calendar file, each host's notice)
through a real SMTP server that is down at first: each failure is recorded without anything from the request,
`retry_intake_notifications` sends it once the server is back, never twice, and never once it is outdated."""

import asyncio
import threading
from datetime import timedelta
from email import message_from_bytes, policy
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from icalendar import Calendar

from practice_site.scheduling import holding, slots
from practice_site.scheduling import tasks as call_tasks
from practice_site.scheduling.models import Booking, CallEmail
from tests.factories.scheduling import all_week, call, request_of
from tests.factories.users import coordinator
from tests.outage.conftest import free_port

REFUSED = "ConnectionRefusedError"


class MailServer:
    """An SMTP server on a fixed port, not yet started: until ``start()`` every send is refused."""

    def __init__(self):
        self.port = free_port()
        self.messages = []
        self.delay = 0
        self.controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 -- aiosmtpd's hook name
        # A slow server keeps the first sender inside its lock while a second one arrives.
        await asyncio.sleep(self.delay)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def start(self, delay=0):
        self.delay = delay
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]


@pytest.fixture
def mail(settings):
    server = MailServer()
    options = {"host": "127.0.0.1", "port": server.port, "use_tls": False, "timeout": 5}
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}}
    yield server
    if server.controller:
        server.controller.stop()


def retry(*options) -> str:
    out = StringIO()
    call_command("retry_intake_notifications", *options, stdout=out)
    return out.getvalue()


def recorded():
    return set(CallEmail.objects.values_list("audience", "kind", "state", "attempts", "last_error"))


def calendar_of(message) -> Calendar:
    (attachment,) = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    return Calendar.from_ical(attachment.get_content())


def cancelled_by_staff_while_mail_is_down(make_host, capture):
    host = make_host().host
    booking = call(host, name="Maya Torres", message="Panic attacks at work.")
    with capture(execute=True):
        assert holding.cancel(booking, actor=coordinator())
    return booking


@pytest.mark.django_db
def test_a_failed_cancellation_and_host_notice_are_recorded_and_sent_once_mail_is_back(
    mail, make_host, django_capture_on_commit_callbacks, caplog
):
    booking = cancelled_by_staff_while_mail_is_down(make_host, django_capture_on_commit_callbacks)
    consultation = request_of(booking)

    assert recorded() == {
        ("person", "cancelled_by_us", "failed", 1, REFUSED), ("host", "cancelled", "failed", 1, REFUSED)
    }
    assert consultation.events.filter(detail=f"Call email (cancelled_by_us) failed ({REFUSED})").count() == 1
    for secret in (consultation.email, consultation.name, "Maya", "Panic"):
        assert secret not in caplog.text

    mail.start()
    out = retry()

    assert "Queued 2 call email(s) again: 0 stuck waiting to be sent, 2 that had failed." in out
    assert f"The person's cancelled_by_us email of call {booking.pk} (that had failed, 1 attempt(s))" in out
    assert f"The host's cancelled email of call {booking.pk} (that had failed, 1 attempt(s))" in out
    (to_person,) = mail.to(consultation.email)
    assert to_person["Subject"].startswith("Your call is cancelled")
    event = calendar_of(to_person)
    assert event["method"] == "CANCEL"
    (to_host,) = mail.to(booking.host.email)
    assert to_host["Subject"] == f"Consultation call cancelled – Request #{consultation.pk}"
    for message in mail.messages:
        for secret in ("Maya", "Panic"):
            assert secret not in message.as_string()
    assert recorded() == {("person", "cancelled_by_us", "sent", 2, ""), ("host", "cancelled", "sent", 2, "")}
    assert consultation.events.filter(detail="Call email (cancelled_by_us) sent").count() == 1

    assert "Queued 0 call email(s) again" in retry()
    assert len(mail.messages) == 2


@pytest.mark.django_db
def test_an_email_left_waiting_long_after_it_was_due_is_queued_again_and_one_not_yet_due_is_left(mail, make_host):
    host = make_host().host
    booking = call(host, days=4)
    now = timezone.now()
    # Say its worker was lost: still waiting twenty minutes after it was due. The reminder is due tomorrow.
    CallEmail.objects.create(booking=booking, audience="host", kind="new", due_at=now - timedelta(minutes=20))
    CallEmail.objects.create(booking=booking, audience="person", kind="reminder", due_at=now + timedelta(days=1))
    mail.start()

    assert "Queued 1 call email(s) again: 1 stuck waiting to be sent, 0 that had failed." in retry()

    (notice,) = mail.messages
    assert notice["Subject"] == f"New consultation call – Request #{request_of(booking).pk}"
    assert recorded() == {("host", "new", "sent", 1, ""), ("person", "reminder", "pending", 0, "")}


@pytest.mark.django_db
def test_a_dry_run_lists_the_failed_call_emails_and_changes_nothing(
    mail, make_host, django_capture_on_commit_callbacks
):
    booking = cancelled_by_staff_while_mail_is_down(make_host, django_capture_on_commit_callbacks)
    mail.start()

    out = retry("--dry-run")

    assert "Would queue 2 call email(s) again: 0 stuck waiting to be sent, 2 that had failed." in out
    assert f"The person's cancelled_by_us email of call {booking.pk}" in out
    assert mail.messages == []
    assert {state for _, _, state, _, _ in recorded()} == {"failed"}


@pytest.mark.django_db
def test_a_retry_never_sends_what_is_no_longer_true(mail, make_host, rules, django_capture_on_commit_callbacks):
    host = make_host(hours=all_week()).host
    first = call(host, days=3, hour=10)
    later = next(slot for slot in slots.open_slots() if slot.start > first.end + (first.end - first.start) * 8)
    with django_capture_on_commit_callbacks(execute=True):
        moved = holding.move(first, later.start, actor=coordinator(), any_host=True)
    assert call_tasks.send_call_email.call(moved.pk, "reminder") == "failed"
    # Cancelled before the mail server came back: the new time and its reminder are no longer true.
    with django_capture_on_commit_callbacks(execute=True):
        assert holding.cancel(moved)
    assert {(audience, kind) for audience, kind, state, _, _ in recorded() if state == "failed"} == {
        ("person", "moved"), ("host", "moved"), ("person", "reminder"), ("person", "cancelled"), ("host", "cancelled")
    }
    # And a cancellation whose call has since begun tells no one anything.
    past = call(host, days=5, hour=11)
    with django_capture_on_commit_callbacks(execute=True):
        holding.cancel(past)
    Booking.objects.filter(pk=past.pk).update(start=first.start.replace(year=2020), end=first.end.replace(year=2020))

    mail.start()
    assert "Queued 7 call email(s) again" in retry()

    consultation = request_of(moved)
    (to_person,) = mail.to(consultation.email)
    assert to_person["Subject"].startswith("Your call is cancelled")
    assert [message["Subject"] for message in mail.to(host.email)] == [
        f"Consultation call cancelled – Request #{consultation.pk}"
    ]
    states = {(email.booking_id, email.audience, email.kind): email.state for email in CallEmail.objects.all()}
    assert states == {
        (moved.pk, "person", "moved"): "skipped", (moved.pk, "host", "moved"): "skipped",
        (moved.pk, "person", "reminder"): "skipped", (moved.pk, "person", "cancelled"): "sent",
        (moved.pk, "host", "cancelled"): "sent",
        (past.pk, "person", "cancelled"): "skipped", (past.pk, "host", "cancelled"): "skipped",
    }
    assert "Queued 0 call email(s) again" in retry()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_retries_at_once_send_each_failed_email_once(mail, make_host):
    host = make_host().host
    booking = call(host)
    holding.cancel(booking, actor=coordinator())  # committed at once: its emails run, and fail
    assert {state for _, _, state, _, _ in recorded()} == {"failed"}
    mail.start(delay=0.5)

    start_together, outputs, errors = threading.Barrier(2), [], []

    def retry_in_own_connection():
        try:
            start_together.wait(timeout=10)
            outputs.append(retry())
        except Exception as error:  # noqa: BLE001 -- reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=retry_in_own_connection) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == [] and len(outputs) == 2
    consultation = request_of(booking)
    assert len(mail.to(consultation.email)) == 1 and len(mail.to(host.email)) == 1
    assert recorded() == {("person", "cancelled_by_us", "sent", 2, ""), ("host", "cancelled", "sent", 2, "")}
    assert consultation.events.filter(detail="Call email (cancelled_by_us) sent").count() == 1
