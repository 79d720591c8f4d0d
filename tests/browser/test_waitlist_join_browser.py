"""A visitor who finds everyone full joins the waitlist from the consultation form, and a coordinator finds them on
the Waitlist listing (axe clean on each screen)."""

import pytest

from contact.models import ConsultationRequest, WaitlistEntry
from practice_site.pages.models import ClinicianOpening
from tests.browser.axe import assert_no_axe_violations
from tests.browser.consultation_form import fill_the_required_answers
from tests.factories.pages import ClinicianFactory, TeamIndexFactory
from tests.factories.users import PASSWORD, UserFactory
from tests.security.helpers import enrol, sign_in_in_browser

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_visitor_who_finds_everyone_full_joins_the_waitlist(page, browser, site_url, contact_url, home_page):
    ClinicianFactory(
        parent=TeamIndexFactory(parent=home_page), title="Ana Ruiz", ages_served=["adults"],
        openings=[ClinicianOpening(session_format=session_format, age_group="adults", status="waitlist")
                  for session_format in ("in_person", "telehealth")],
    )
    page.goto("/contact/")
    fill_the_required_answers(page)
    page.get_by_role("button", name="Send my request").click()

    offer = page.get_by_role("heading", name="Everyone who fits your answers is full right now")
    offer.wait_for()
    assert page.get_by_label("Your name").input_value() == "Maya Torres", "what was typed is kept"
    assert page.get_by_label("Anything you’d like us to know? (optional)").input_value() == "Evenings, please."
    assert not ConsultationRequest.objects.exists()
    assert_no_axe_violations(page)

    page.get_by_role("group", name="Everyone who fits your answers is full right now").get_by_role(
        "button", name="Join the waitlist").click()
    page.wait_for_url("**/contact/thank-you/waitlist/")
    assert page.get_by_role("heading", name="Thank you: you are on our waitlist").is_visible()
    assert page.get_by_text("every 4 weeks we will email you to ask whether you are still interested").is_visible()
    assert_no_axe_violations(page)

    consultation = ConsultationRequest.objects.get()
    assert consultation.status == ConsultationRequest.Status.WAITLIST
    entry = WaitlistEntry.objects.get(consultation=consultation)
    assert (entry.session_format, entry.age_group) == ("telehealth", "adults")

    coordinator = UserFactory(username="casey", first_name="Casey", groups=["Intake coordinators"])
    staff = browser.new_context(base_url=site_url, locale="en-US").new_page()
    sign_in_in_browser(staff, "casey", PASSWORD, enrol(coordinator))
    staff.wait_for_url("**/admin/")
    staff.goto("/admin/waitlist/")
    assert staff.get_by_role("link", name="Maya Torres").is_visible()
    assert_no_axe_violations(staff)
    staff.context.close()
