"""A coordinator answers the newest consultation request in the Wagtail admin."""

from contact.models import ConsultationRequest, RequestEvent
from tests.browser.axe import assert_no_axe_violations
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import PASSWORD, UserFactory
from tests.security.helpers import enrol, sign_in_in_browser

# Wagtail 8.0.1's generic listing announces a filtered result count with <h2 role="alert">
# (axe: aria-allowed-role, minor). That is Wagtail's template, not this project's.
WAGTAIL_OWN_MARKUP = {"exclude": [['h2[role="alert"]']]}


def test_coordinator_assigns_the_newest_request_and_marks_it_contacted_with_a_note(page):
    coordinator = UserFactory(
        username="coordinator", first_name="Casey", last_name="Coordinator", groups=["Intake coordinators"]
    )
    UserFactory(first_name="Jordan", last_name="Reyes", groups=["Clinicians"])
    ConsultationRequestFactory.aged(3, name="Earlier Person")
    ConsultationRequestFactory.aged(8, name="Overdue Person", in_texas=False, payment="self_pay")
    newest = ConsultationRequestFactory(name="Newest Person", voicemail_ok=False)

    # Coordinators see requests, so signing in takes the password and then the code from their app.
    sign_in_in_browser(page, "coordinator", PASSWORD, enrol(coordinator))
    page.wait_for_url("**/admin/")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="3 new requests").click()
    page.wait_for_url("**/admin/consultation-requests/?status=new")
    page.goto("/admin/consultation-requests/")
    first_row = page.locator("table.listing tbody tr").first
    assert "Newest Person" in first_row.inner_text()
    assert page.get_by_text("Reply overdue").count() >= 1
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Flags").click()
    page.get_by_label("Out of area").check()
    page.wait_for_url("**flags=out_of_area**")
    page.locator("table.listing tbody tr").filter(has_not_text="Overdue Person").first.wait_for(state="detached")
    assert page.locator("table.listing tbody tr").count() == 1
    assert_no_axe_violations(page, context=WAGTAIL_OWN_MARKUP)

    page.goto("/admin/consultation-requests/")
    first_row = page.locator("table.listing tbody tr").first
    first_row.get_by_role("link", name="Newest Person").click()
    page.wait_for_url(f"**/admin/consultation-requests/inspect/{newest.pk}/")
    assert page.locator("dt:has-text('Voicemail') + dd").inner_text() == "not OK"
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Update status, assignment or notes").click()
    page.wait_for_url(f"**/admin/consultation-requests/edit/{newest.pk}/")
    assert_no_axe_violations(page)
    page.get_by_label("Assigned to").select_option(label="Jordan Reyes")
    page.get_by_label("Status").select_option(label="Contacted")
    page.get_by_label("Add a note").fill("Emailed to offer Thursday at 10.")
    page.get_by_role("button", name="Save").click()

    page.wait_for_url(f"**/admin/consultation-requests/inspect/{newest.pk}/")
    history = page.locator("table.consultation-history")
    assert history.get_by_text("Status: New → Contacted").is_visible()
    assert history.get_by_text("Assigned to Jordan Reyes").is_visible()
    assert page.get_by_text("Emailed to offer Thursday at 10.").is_visible()

    newest.refresh_from_db()
    assert newest.status == ConsultationRequest.Status.CONTACTED
    assert newest.assigned_to.get_full_name() == "Jordan Reyes"
    assert newest.notes.get().text == "Emailed to offer Thursday at 10."
    assert set(newest.events.values_list("action", flat=True)) >= {
        RequestEvent.Action.VIEWED, RequestEvent.Action.EDITED, RequestEvent.Action.STATUS_CHANGED,
        RequestEvent.Action.ASSIGNED, RequestEvent.Action.NOTE_ADDED,
    }
