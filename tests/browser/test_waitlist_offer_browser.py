"""A coordinator offers an opening to the person who has waited longest; the person books a time with that clinician
through the emailed link (axe clean on each screen)."""

import re
from email import message_from_bytes, policy

import pytest
from playwright.sync_api import expect

from contact.models import ConsultationRequest, WaitlistEntry
from practice_site.scheduling import slots
from practice_site.scheduling.models import Booking
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_booking_browser import pick
from tests.factories.pages import ClinicianFactory, TeamIndexFactory
from tests.factories.scheduling import all_week, make_host
from tests.factories.users import PASSWORD, UserFactory
from tests.security.helpers import enrol, sign_in_in_browser
from tests.waitlist.conftest import make_entry, smtp_inbox  # noqa: F401 -- the fixture, for this module

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_coordinator_offers_an_opening_and_the_person_books_through_the_link(
        page, browser, site_url, home_page, smtp_inbox):  # noqa: F811
    ana = ClinicianFactory(parent=TeamIndexFactory(parent=home_page), title="Ana Ruiz")
    host = make_host(hours=all_week(), clinician_page=ana)
    entry = make_entry(days=60, name="Maya Torres", preferred_name="Maya", email="maya@example.org",
                       clinicians=[ana])
    make_entry(days=5, name="Next Person")
    coordinator = UserFactory(username="casey", first_name="Casey", groups=["Intake coordinators"])
    sign_in_in_browser(page, "casey", PASSWORD, enrol(coordinator))
    page.wait_for_url("**/admin/")

    page.goto("/admin/waitlist/")
    page.get_by_role("link", name="Who fits this opening").click()
    page.get_by_label("Clinician with the opening").select_option(label="Ana Ruiz")
    page.get_by_label("Telehealth (video)").check()
    page.get_by_label("Adults", exact=True).check()
    page.get_by_role("button", name="Show who fits").click()
    page.get_by_role("heading", name=re.compile("2 waiting who fit")).wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Offer this opening to Maya Torres").click()
    page.get_by_role("heading", name=re.compile("1 waiting who fits")).wait_for()
    assert page.get_by_role("button", name="Offer this opening to Next Person").is_visible()
    # The admin fades its message in; axe would measure the contrast of a half-faded one.
    expect(page.locator(".messages > ul")).to_have_css("opacity", "1")
    assert_no_axe_violations(page)

    (envelope,) = smtp_inbox.messages
    body = message_from_bytes(envelope.content, policy=policy.default).get_body(("plain",)).get_content()
    (link,) = re.findall(r"http://\S+/waitlist/offer/\S+/", body)

    person = browser.new_context(base_url=site_url, locale="en-US").new_page()
    person.goto(link)
    person.get_by_role("heading", name="A place has opened for you").wait_for()
    assert_no_axe_violations(person)
    slot = slots.open_slots(clinician_page_id=ana.pk)[0]
    pick(person, slot)
    person.get_by_role("button", name="Book this time").click()
    person.get_by_role("heading", name="Your call is booked").wait_for()
    assert_no_axe_violations(person)

    booking = Booking.objects.get()
    assert booking.host_id == host.host_id and booking.start == slot.start
    assert ConsultationRequest.objects.get(pk=entry.pk).status == ConsultationRequest.Status.SCHEDULED
    assert not WaitlistEntry.objects.filter(pk=entry.pk).exists()
    person.context.close()
