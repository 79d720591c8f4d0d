"""Declining a request with referrals: choose, write, preview, send; the person's email holds only the reply."""

import pytest

from contact.models import ConsultationRequest, ReferralReply, RequestEvent, RequestNotification
from practice_site.referrals.models import ReplyTemplate
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import clinician, coordinator, editor
from tests.referrals import conftest as directory_fixtures
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db

make_entry = directory_fixtures.make_entry


@pytest.fixture
def entries(make_entry):
    return [
        make_entry("Bayou City Counseling", description="Evening sessions.", languages=["en"], internal_notes="Slow"),
        make_entry("Heights Family Clinic", kind="clinic", fees="sliding", description="Sliding scale."),
        make_entry("Montrose Therapy Collective", email="hello@montrose.example"),
    ]


@pytest.fixture
def consultation(db):
    return ConsultationRequestFactory(
        name="Maya Torres", email="maya@example.org", message="I have panic attacks at work.",
        insurance_carrier="Aetna PPO",
    )


def url(consultation):
    return f"/admin/consultation-requests/{consultation.pk}/decline/"


def full_reply():
    return ReplyTemplate.objects.get(reason=ReplyTemplate.Reason.FULL)


def post(client, consultation, action, entries, **fields):
    data = {"action": action, "template": full_reply().pk, "entries": [entry.pk for entry in entries], **fields}
    return client.post(url(consultation), data)


def test_a_coordinator_sees_suggestions_from_the_requests_answers(client, consultation, entries):
    force_login_verified(client, coordinator())
    page = client.get(url(consultation)).content.decode()
    for entry in entries:
        assert entry.name in page
    assert "Slow" not in page  # internal notes stay in the directory
    assert "Practice full" in page


def test_write_fills_in_the_template_then_preview_shows_the_edited_text(client, consultation, entries):
    force_login_verified(client, coordinator())
    written = post(client, consultation, "write", entries[:2]).content.decode()
    assert "Maya" in written and "Torres" not in written
    assert "Bayou City Counseling" in written and "Heights Family Clinic" in written
    assert "Montrose Therapy Collective" in written  # still offered, not chosen
    preview = post(client, consultation, "preview", entries[:2], subject="About your request",
                   body="Dear Maya,\nBayou City Counseling\nHeights Family Clinic").content.decode()
    assert "Preview" in preview and "Dear Maya," in preview
    assert ConsultationRequest.objects.get().status == ConsultationRequest.Status.NEW


def test_sending_refers_out_keeps_the_text_and_emails_only_it(
    client, consultation, entries, mailoutbox, django_capture_on_commit_callbacks
):
    sender = coordinator(first_name="Casey", last_name="Coordinator")
    force_login_verified(client, sender)
    body = "Dear Maya,\n\n" + "\n\n".join(entry.as_text() for entry in entries[:2])
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, consultation, "send", entries[:2], subject="About your request", body=body)
    assert response.status_code == 302

    consultation.refresh_from_db()
    assert consultation.status == ConsultationRequest.Status.REFERRED_OUT
    reply = ReferralReply.objects.get(consultation=consultation)
    assert (reply.reason, reply.subject, reply.emailed, reply.sent_by) == ("full", "About your request", True, sender)
    assert set(reply.entries.all()) == set(entries[:2])
    assert consultation.events.filter(
        action=RequestEvent.Action.REFERRED,
        detail="Practice full: referred to Bayou City Counseling, Heights Family Clinic",
    ).exists()
    assert consultation.events.filter(detail="Status: New → Referred out").exists()

    (email,) = mailoutbox
    assert email.to == ["maya@example.org"] and email.subject == "About your request"
    assert email.body == body
    for private in ("panic", "Aetna", "Slow", "Montrose"):
        assert private not in email.body
    assert consultation.notifications.get().state == RequestNotification.State.SENT

    inspect = client.get(f"/admin/consultation-requests/inspect/{consultation.pk}/").content.decode()
    assert "Referral reply" in inspect and "Heights Family Clinic" in inspect
    assert "Decline with referral" not in inspect


def smtp_to(port):
    options = {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5}
    return {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}}


def test_a_failed_referral_email_is_recorded_for_a_retry(
    client, consultation, entries, django_capture_on_commit_callbacks, settings
):
    settings.MAILERS = smtp_to(9)  # nothing listens on the discard port: the connection is refused
    force_login_verified(client, coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        post(client, consultation, "send", entries[:2], subject="About your request", body="Dear Maya")
    notification = consultation.notifications.get(kind=RequestNotification.Kind.REFERRAL)
    assert notification.state == RequestNotification.State.FAILED and notification.attempts == 1
    assert ConsultationRequest.objects.get().status == ConsultationRequest.Status.REFERRED_OUT


def test_someone_who_asked_for_a_call_is_not_emailed(client, entries, mailoutbox, django_capture_on_commit_callbacks):
    consultation = ConsultationRequestFactory(preferred_contact=ConsultationRequest.ContactMethod.CALL)
    force_login_verified(client, coordinator())
    assert "nothing is emailed" in client.get(url(consultation)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, consultation, "send", entries[:2], subject="About your request", body="Hello")
    assert mailoutbox == []
    assert ReferralReply.objects.get().emailed is False
    assert not consultation.notifications.exists()


@pytest.mark.parametrize("chosen", [0, 1, 3 + 1])
def test_choosing_too_few_or_too_many_referrals_is_a_kind_error_that_keeps_the_choice(
    client, consultation, entries, make_entry, chosen
):
    entries = entries + [make_entry("Fourth Option")]
    force_login_verified(client, coordinator())
    response = post(client, consultation, "preview", entries[:chosen], subject="Typed subject", body="Typed body")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose two or three referrals." in page
    assert "Typed subject" in page and "Typed body" in page
    assert not ReferralReply.objects.exists()


def test_an_empty_message_cannot_be_sent(client, consultation, entries):
    force_login_verified(client, coordinator())
    page = post(client, consultation, "send", entries[:2], subject="About your request", body="").content.decode()
    assert "This field is required." in page
    assert ConsultationRequest.objects.get().status == ConsultationRequest.Status.NEW


def test_a_request_already_referred_cannot_be_declined_twice(client, consultation, entries, mailoutbox):
    force_login_verified(client, coordinator())
    post(client, consultation, "send", entries[:2], subject="S", body="B")
    response = post(client, consultation, "send", entries[:2], subject="S", body="Again")
    assert response.status_code == 302
    assert ReferralReply.objects.get().body == "B"


def test_editors_cannot_decline_and_clinicians_only_their_own(client, consultation, entries):
    force_login_verified(client, editor())
    # Wagtail turns the refusal into a redirect to the dashboard with "you do not have permission".
    refused = (client.get(url(consultation)), post(client, consultation, "send", entries[:2], subject="S", body="B"))
    for response in refused:
        assert (response.status_code, response.url) == (302, "/admin/")

    someone = clinician()
    force_login_verified(client, someone)
    assert client.get(url(consultation)).status_code == 404
    assert post(client, consultation, "send", entries[:2], subject="S", body="B").status_code == 404
    assert not ReferralReply.objects.exists()

    ConsultationRequest.objects.filter(pk=consultation.pk).update(assigned_to=someone)
    assert client.get(url(consultation)).status_code == 200
