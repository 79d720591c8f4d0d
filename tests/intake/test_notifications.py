"""Emails about a request: sent after commit, carrying nothing from the request, retried when they fail."""

import smtplib
from io import StringIO

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command

from contact import notifications, tasks
from contact.models import ConsultationRequest, RequestEvent, RequestNotification

pytestmark = pytest.mark.django_db

SUBMITTED_VALUES = [
    "Maya", "Torres", "she/her", "maya.torres", "281", "624", "0199", "Evenings", "evening", "telehealth",
    "self_pay", "Self-pay", "tue", "Tuesday",
]


def submit(client, data, capture):
    with capture(execute=True):
        return client.post("/contact/", data)


def test_staff_get_a_generic_alert_with_a_link_and_the_sender_a_generic_acknowledgement(
    client, contact_page, valid_data, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.INTAKE_NOTIFICATION_EMAILS = ["intake@rootedtherapy.example"]

    submit(client, valid_data, django_capture_on_commit_callbacks)

    stored = ConsultationRequest.objects.get()
    staff, ack = mailoutbox
    assert staff.to == ["intake@rootedtherapy.example"]
    assert staff.subject == "A new consultation request is waiting"
    assert "http://testserver/admin/" in staff.body
    assert ack.to == ["maya.torres@example.com"]
    assert "We have received your consultation request" in ack.body
    for message in mailoutbox:
        text = message.subject + message.body + str(message.extra_headers)
        for value in SUBMITTED_VALUES:
            assert value.lower() not in text.lower(), f"{value!r} leaked into {message.subject!r}"
    assert set(stored.notifications.values_list("kind", "state", "attempts")) == {
        ("staff", "sent", 1), ("ack", "sent", 1)
    }
    assert stored.events.filter(action=RequestEvent.Action.NOTIFICATION).count() == 2


def test_the_staff_alert_falls_back_to_the_practice_email(
    client, contact_page, valid_data, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.INTAKE_NOTIFICATION_EMAILS = []
    submit(client, valid_data, django_capture_on_commit_callbacks)
    assert mailoutbox[0].to == ["hello@rootedtherapy.example"]


def test_the_staff_link_points_at_the_request_in_the_admin_once_the_viewset_exists(monkeypatch, contact_page):
    monkeypatch.setattr(notifications, "reverse", lambda name, args=None: f"/admin/requests/inspect/{args[0]}/")
    consultation = ConsultationRequest(pk=42)
    assert notifications.admin_url(consultation) == "http://testserver/admin/requests/inspect/42/"


@pytest.mark.parametrize("changes", [{"preferred_contact": "call"}, {"email": "", "preferred_contact": "call"}])
def test_no_acknowledgement_unless_they_gave_an_email_and_prefer_email(
    client, contact_page, valid_data, mailoutbox, django_capture_on_commit_callbacks, changes
):
    valid_data.update(changes)
    submit(client, valid_data, django_capture_on_commit_callbacks)
    assert [message.subject for message in mailoutbox] == ["A new consultation request is waiting"]


def test_a_failed_email_never_loses_or_blocks_the_request_and_the_failure_is_recorded(
    client, contact_page, valid_data, mailoutbox, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def smtp_down(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"maya.torres@example.com": (550, b"no")})

    monkeypatch.setattr(EmailMessage, "send", smtp_down)

    response = submit(client, valid_data, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    stored = ConsultationRequest.objects.get()
    for notification in stored.notifications.all():
        assert notification.state == RequestNotification.State.FAILED
        assert notification.attempts == 1
        assert notification.last_error == "SMTPRecipientsRefused"
    assert "maya.torres" not in caplog.text
    assert stored.events.filter(detail__contains="failed (SMTPRecipientsRefused)").count() == 2


def test_the_retry_command_sends_failed_emails_once_mail_works_again(
    client, contact_page, valid_data, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    original_send = EmailMessage.send
    monkeypatch.setattr(EmailMessage, "send", lambda self, *a, **k: (_ for _ in ()).throw(smtplib.SMTPException()))
    submit(client, valid_data, django_capture_on_commit_callbacks)
    monkeypatch.setattr(EmailMessage, "send", original_send)

    out = StringIO()
    call_command("retry_intake_notifications", stdout=out)

    assert "Queued 2 notification(s) again: 0 stuck waiting to be sent, 2 that had failed." in out.getvalue()
    assert len(mailoutbox) == 2
    assert set(RequestNotification.objects.values_list("state", "attempts")) == {("sent", 2)}
    # Sent emails are never sent twice.
    call_command("retry_intake_notifications", stdout=StringIO())
    assert len(mailoutbox) == 2


def test_the_retry_command_queues_failures_now_even_when_the_backend_would_retry_them_later(
    client, contact_page, valid_data, django_capture_on_commit_callbacks, monkeypatch, settings
):
    monkeypatch.setattr(EmailMessage, "send", lambda self, *a, **k: (_ for _ in ()).throw(smtplib.SMTPException()))
    submit(client, valid_data, django_capture_on_commit_callbacks)
    settings.TASKS = {
        **settings.TASKS,
        settings.BACKGROUND_QUEUE: {"BACKEND": "django.tasks.backends.dummy.DummyBackend"},
    }

    out = StringIO()
    call_command("retry_intake_notifications", stdout=out)

    # Say the mail server was down for a while: waiting out the backend's own delay would only keep staff waiting.
    assert "Queued 2 notification(s) again: 0 stuck waiting to be sent, 2 that had failed." in out.getvalue()
    assert len(tasks.send_request_notification.get_backend().results) == 2


def test_the_retry_command_gives_up_after_the_maximum_attempts(
    client, contact_page, valid_data, django_capture_on_commit_callbacks, monkeypatch, settings, mailoutbox
):
    settings.INTAKE_NOTIFICATION_MAX_ATTEMPTS = 2
    monkeypatch.setattr(EmailMessage, "send", lambda self, *a, **k: (_ for _ in ()).throw(ConnectionRefusedError()))
    submit(client, valid_data, django_capture_on_commit_callbacks)
    call_command("retry_intake_notifications", stdout=StringIO())
    out = StringIO()
    call_command("retry_intake_notifications", stdout=out)

    assert "Queued 0 notification(s) again:" in out.getvalue()
    assert set(RequestNotification.objects.values_list("state", "attempts", "last_error")) == {
        ("failed", 2, "ConnectionRefusedError")
    }


def test_a_backend_that_can_run_tasks_later_gets_the_retry_with_a_growing_delay(
    client, contact_page, valid_data, django_capture_on_commit_callbacks, monkeypatch, settings
):
    monkeypatch.setattr(EmailMessage, "send", lambda self, *a, **k: (_ for _ in ()).throw(smtplib.SMTPException()))
    submit(client, valid_data, django_capture_on_commit_callbacks)
    notification = RequestNotification.objects.get(kind="staff")
    settings.TASKS = {
        **settings.TASKS,
        settings.BACKGROUND_QUEUE: {"BACKEND": "django.tasks.backends.dummy.DummyBackend"},
    }

    tasks.send_request_notification.call(notification.pk)

    backend = tasks.send_request_notification.get_backend()
    (queued,) = backend.results
    assert queued.args == [notification.pk]
    assert queued.task.run_after is not None
    notification.refresh_from_db()
    assert notification.attempts == 2
    assert tasks.retry_delay(2) > tasks.retry_delay(1)


def test_spam_gets_no_email(client, contact_page, valid_data, mailoutbox, django_capture_on_commit_callbacks):
    valid_data["leave_this_empty"] = "http://spam.example"
    submit(client, valid_data, django_capture_on_commit_callbacks)
    assert mailoutbox == []
