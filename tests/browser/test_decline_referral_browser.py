"""A coordinator declines a request with two suggested referrals; the person's email, through a real SMTP server,
holds them and nothing else from the request."""

import time
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from contact.models import ConsultationRequest
from tests.browser.axe import assert_no_axe_violations
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import PASSWORD, UserFactory
from tests.outage.conftest import free_port
from tests.outage.test_worker_outage import Inbox
from tests.referrals import conftest as directory_fixtures
from tests.security.helpers import enrol, sign_in_in_browser

make_entry = directory_fixtures.make_entry


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    options = {"host": "127.0.0.1", "port": controller.port, "use_tls": False, "timeout": 5}
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}}
    yield inbox
    controller.stop()


def test_a_coordinator_declines_with_two_suggested_referrals_and_the_email_holds_them(page, smtp_inbox, make_entry):
    make_entry("Bayou City Counseling", description="Evening sessions by video.", internal_notes="Call Tue only")
    make_entry("Heights Family Clinic", kind="clinic", fees="sliding", description="Sliding-scale fees.")
    make_entry("Montrose Therapy Collective", website="https://montrose.example")
    consultation = ConsultationRequestFactory(
        name="Maya Torres", preferred_name="Maya", email="maya@example.org", message="Panic attacks at work.",
        payment="self_pay",
    )
    coordinator = UserFactory(username="casey", first_name="Casey", groups=["Intake coordinators"])
    sign_in_in_browser(page, "casey", PASSWORD, enrol(coordinator))
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/consultation-requests/inspect/{consultation.pk}/")
    page.get_by_role("link", name="Decline with referral").click()
    page.wait_for_url(f"**/admin/consultation-requests/{consultation.pk}/decline/")
    assert_no_axe_violations(page)
    assert "Call Tue only" not in page.content()

    page.get_by_label("Practice full (Practice full)").check()
    page.get_by_label("Montrose Therapy Collective").uncheck()
    page.get_by_role("button", name="Write the reply").click()
    message = page.get_by_label("Message")
    assert "Maya" in message.input_value() and "Heights Family Clinic" in message.input_value()
    assert "Montrose Therapy Collective" not in message.input_value()
    assert_no_axe_violations(page)
    message.fill(message.input_value() + "\n\nWith care, Casey")

    page.get_by_role("button", name="Preview").click()
    page.locator(".referral-preview-body").get_by_text("With care, Casey").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send and mark referred out").click()

    page.wait_for_url(f"**/admin/consultation-requests/inspect/{consultation.pk}/")
    assert page.get_by_role("heading", name="Referral reply").is_visible()
    # Heights comes first: the person pays for themselves, and it has a sliding scale.
    assert page.locator("table.consultation-history").get_by_text(
        "Practice full: referred to Heights Family Clinic, Bayou City Counseling"
    ).is_visible()
    assert_no_axe_violations(page)

    deadline = time.monotonic() + 10
    while not smtp_inbox.messages and time.monotonic() < deadline:
        time.sleep(0.1)
    (envelope,) = smtp_inbox.messages
    assert envelope.rcpt_tos == ["maya@example.org"]
    email = message_from_bytes(envelope.content, policy=policy.default)
    body = email.get_body(("plain",)).get_content()
    assert "Bayou City Counseling" in body and "Heights Family Clinic" in body and "With care, Casey" in body
    for private in ("Panic", "Torres", "Call Tue only", "Montrose"):
        assert private not in body + email["Subject"]
    consultation.refresh_from_db()
    assert consultation.status == ConsultationRequest.Status.REFERRED_OUT

    page.goto("/admin/")
    chart = page.locator("figure.dashboard-chart")
    assert chart.get_by_role("row", name="Practice full 1").is_visible()
    assert_no_axe_violations(page)
