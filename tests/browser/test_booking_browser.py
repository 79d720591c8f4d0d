"""A person picking a time for their free call in a real browser."""

from datetime import time

import pytest
from django.utils import timezone
from icalendar import Calendar

from contact.models import ConsultationRequest
from practice_site.scheduling import slots
from practice_site.scheduling.emails import describe
from practice_site.scheduling.forms import day_label, time_label
from practice_site.scheduling.models import Booking, ConsultationSchedule
from tests.browser.axe import assert_no_axe_violations
from tests.browser.consultation_form import fill_the_required_answers
from tests.factories.scheduling import all_week, book, make_host, request_of


@pytest.fixture
def contact_url(contact_url):
    """The consultation page with one host taking calls all week."""
    make_host(hours=all_week(time(8), time(18)))
    return contact_url


def pick(page, slot):
    """Days come first: open the slot's day, then choose its time."""
    times = page.get_by_role("group", name="Pick a time for your free 15-minute phone call")
    day = times.get_by_role("group", name=day_label(slot.local_start.date()), exact=True, include_hidden=True)
    disclosure = day.locator("xpath=..")
    if disclosure.get_attribute("open") is None:
        disclosure.locator("summary").click()
    day.get_by_label(time_label(slot.local_start), exact=True).check()


def test_a_person_picks_the_second_open_time_and_gets_it_with_a_calendar_file(page, contact_url):
    page.goto("/contact/")
    times = page.get_by_role("group", name="Pick a time for your free 15-minute phone call")
    assert times.get_by_label("None of these work — please contact me instead").is_checked()
    assert page.get_by_text("Times are in Central Time").is_visible()
    assert_no_axe_violations(page)

    fill_the_required_answers(page, phone="(281) 624-0199")
    second = slots.open_slots()[1]
    pick(page, second)
    page.get_by_role("button", name="Send my request").click()

    page.wait_for_url("**/contact/thank-you/")
    assert page.get_by_role("heading", name="Thank you: your request was sent").is_visible()
    assert page.get_by_text(describe(second.start)).is_visible()
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add the call to your calendar (.ics file)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    content = open(download.path(), "rb").read()
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == second.start
    for typed in [b"Maya", b"Torres", b"624-0199", b"Evenings"]:
        assert typed not in content

    booking = Booking.objects.get()
    assert (booking.start, booking.status) == (second.start, "booked")
    assert request_of(booking) == ConsultationRequest.objects.get(name="Maya Torres")


def test_a_time_taken_meanwhile_is_said_plainly_and_the_answers_stay(page, contact_url):
    page.goto("/contact/")
    fill_the_required_answers(page, phone="(281) 624-0199")
    first = slots.open_slots()[0]
    pick(page, first)
    someone = ConsultationRequest.objects.create(
        name="Someone Else", preferred_contact="call", therapy_for="self", in_texas=True, session_format="either",
        payment="not_sure", privacy_notice_accepted_at=timezone.now(),
    )
    book(someone, host=ConsultationSchedule.objects.get().host, start=first.start,
                           end=first.end)
    page.get_by_role("button", name="Send my request").click()

    problem = page.locator("#form-problem")
    problem.wait_for()
    assert "That time was just taken — here are the times still open" in problem.inner_text()
    assert problem.evaluate("element => element === document.activeElement")
    assert page.get_by_label("Your name").input_value() == "Maya Torres"
    assert page.get_by_label("Anything you’d like us to know? (optional)").input_value() == "Evenings, please."
    assert page.get_by_label("None of these work — please contact me instead").is_checked()
    assert_no_axe_violations(page)
    assert ConsultationRequest.objects.count() == 1


def test_a_staff_move_shows_the_new_time_to_the_person_and_on_the_new_hosts_agenda(
    page, browser, contact_url, settings
):
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller
    from django.db import transaction

    from contact import calls
    from tests.factories.consultations import ConsultationRequestFactory
    from tests.factories.users import PASSWORD, clinician, coordinator
    from tests.outage.conftest import free_port
    from tests.security.helpers import enrol, sign_in_in_browser

    class Inbox:
        messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 -- aiosmtpd's hook name
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
            return "250 Message accepted"

    smtp = Controller(Inbox(), hostname="127.0.0.1", port=free_port())
    smtp.start()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": smtp.port, "use_tls": False}}}
    try:
        lead, new_host = coordinator(), clinician()
        ConsultationSchedule.objects.all().delete()
        make_host(user=lead, hours=all_week(time(9), time(10)))
        make_host(user=new_host, hours=all_week(time(14), time(15)))
        consultation = ConsultationRequestFactory(email="maya@example.org", assigned_to=lead)
        with transaction.atomic():
            calls.hold(consultation, slots.open_slots()[0].start, any_host=True)
        afternoon = next(slot for slot in slots.open_slots() if slot.local_start.hour == 14)

        sign_in_in_browser(page, lead.username, PASSWORD, enrol(lead))
        page.goto(f"/admin/consultation-requests/{consultation.pk}/call/")
        # Days come first on the staff page too: open the afternoon's day, then choose its time.
        day = page.get_by_role("group", name=day_label(afternoon.local_start.date()), exact=True, include_hidden=True)
        disclosure = day.locator("xpath=..")
        if disclosure.get_attribute("open") is None:
            disclosure.locator("summary").click()
        day.get_by_label(time_label(afternoon.local_start), exact=True).check()
        page.get_by_role("button", name="Move the call").click()
        page.wait_for_load_state()
        assert page.get_by_text(f"The call is booked for {describe(afternoon.start)}").is_visible()

        (moved,) = [message for message in Inbox.messages if message["To"] == "maya@example.org"
                    and message["Subject"].startswith("Your new call time")]
        assert describe(afternoon.start) in moved.get_body(("plain",)).get_content()
        (attachment,) = list(moved.iter_attachments())
        (event,) = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
        assert event.decoded("dtstart") == afternoon.start and int(event["sequence"]) == 1

        other = browser.new_context(base_url=page.url.split("/admin/")[0], locale="en-US")
        host_page = other.new_page()
        sign_in_in_browser(host_page, new_host.username, PASSWORD, enrol(new_host))
        host_page.goto("/admin/consultation-calls/")
        assert host_page.get_by_text(f"Request #{consultation.pk}").first.is_visible()
        assert host_page.get_by_text(time_label(afternoon.local_start)).first.is_visible()
        assert_no_axe_violations(host_page)
        other.close()
    finally:
        smtp.stop()
