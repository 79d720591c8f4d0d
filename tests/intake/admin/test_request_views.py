"""One request: the inspect view, the edit form, notes and the audit trail."""

import pytest
from django.urls import reverse
from django.utils import timezone

from contact.models import RequestEvent, RequestNotification
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import UserFactory
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db
Action = RequestEvent.Action


def inspect_url(consultation):
    return reverse("consultation_requests:inspect", args=[consultation.pk])


def edit_url(consultation):
    return reverse("consultation_requests:edit", args=[consultation.pk])


def test_inspect_puts_contact_preferences_first_and_shows_answers_emails_and_history(client, coordinator_user):
    consultation = ConsultationRequestFactory(
        name="Maria Garcia", preferred_name="Mari", pronouns="she/her", phone="+17135550142",
        preferred_contact="call", voicemail_ok=False, texts_ok=True, in_texas=False, message="Hoping to start soon.",
    )
    RequestNotification.objects.create(
        consultation=consultation, kind="staff", state="sent", attempts=1, sent_at=timezone.now()
    )
    RequestNotification.objects.create(
        consultation=consultation, kind="ack", state="failed", attempts=3, last_error="SMTPException"
    )
    RequestEvent.objects.create(
        consultation=consultation, action=Action.SUBMITTED, detail="Received through the website"
    )
    force_login_verified(client, coordinator_user)

    html = client.get(inspect_url(consultation)).content.decode()
    text = " ".join(html.split())

    assert html.index("How to reach them") < html.index("Their answers")
    assert "<dt>Voicemail</dt> <dd><strong>not OK</strong></dd>" in text
    assert "<dt>Texts</dt> <dd><strong>OK</strong></dd>" in text
    assert '<a href="tel:+17135550142">(713) 555-0142</a>' in html
    for answer in ["Maria Garcia", "Mari", "she/her", "Hoping to start soon.", "Out of area"]:
        assert answer in html
    assert "Staff alert" in html and "Sent" in html
    assert "Acknowledgement to the sender" in html and "Failed" in html and "SMTPException" in html
    assert "Received through the website" in html
    assert "Maria Garcia" not in html.split("<title>")[1].split("</title>")[0]


def test_inspect_and_edit_form_are_recorded_as_views(client, coordinator_user):
    consultation = ConsultationRequestFactory()
    force_login_verified(client, coordinator_user)

    client.get(inspect_url(consultation))
    client.get(edit_url(consultation))
    client.get(reverse("consultation_requests:index"))

    assert list(consultation.events.order_by("created_at").values_list("action", "actor", "detail")) == [
        (Action.VIEWED, coordinator_user.pk, "Opened the request"),
        (Action.VIEWED, coordinator_user.pk, "Opened for editing"),
    ]
    html = client.get(inspect_url(consultation)).content.decode()
    assert html.count("Opened the request") == 2
    assert coordinator_user.get_full_name() in html


def test_saving_records_status_assignment_and_note_without_personal_details(client, coordinator_user):
    consultation = ConsultationRequestFactory(name="Maria Garcia", message="Private story")
    clinician = UserFactory(groups=["Clinicians"], first_name="Jordan", last_name="Reyes")
    force_login_verified(client, coordinator_user)

    response = client.post(edit_url(consultation), {
        "status": "contacted", "assigned_to": clinician.pk, "follow_up_on": "2026-12-01",
        "new_note": "  Left a message by email.  ",
    })

    assert response.status_code == 302
    assert response["Location"] == inspect_url(consultation)
    consultation.refresh_from_db()
    assert (consultation.status, consultation.assigned_to) == ("contacted", clinician)
    assert str(consultation.follow_up_on) == "2026-12-01"
    note = consultation.notes.get()
    assert (note.text, note.author) == ("Left a message by email.", coordinator_user)
    details = dict(consultation.events.values_list("action", "detail"))
    assert details == {
        Action.EDITED: "Changed: status, assigned person, next follow-up, note",
        Action.STATUS_CHANGED: "Status: New → Contacted",
        Action.ASSIGNED: "Assigned to Jordan Reyes",
        Action.NOTE_ADDED: "Note added",
    }
    for detail in details.values():
        assert "Maria" not in detail and "Private" not in detail and "Left a message" not in detail

    html = client.get(inspect_url(consultation)).content.decode()
    assert "Status: New → Contacted" in html
    assert "Left a message by email." in html


def test_notes_are_appended_never_replaced(client, coordinator_user):
    consultation = ConsultationRequestFactory()
    force_login_verified(client, coordinator_user)
    client.post(edit_url(consultation), {"status": "new", "new_note": "First call, no answer."})
    client.post(edit_url(consultation), {"status": "contacted", "new_note": "Second call, spoke with them."})
    client.post(edit_url(consultation), {"status": "contacted", "new_note": "   "})

    assert list(consultation.notes.values_list("text", flat=True)) == [
        "First call, no answer.", "Second call, spoke with them."
    ]
    html = client.get(inspect_url(consultation)).content.decode()
    assert html.index("First call") < html.index("Second call")


def test_what_the_person_submitted_cannot_be_changed(client, coordinator_user):
    consultation = ConsultationRequestFactory(name="Maria Garcia", email="maria@example.org", voicemail_ok=False)
    force_login_verified(client, coordinator_user)

    form_html = client.get(edit_url(consultation)).content.decode()
    assert 'name="name"' not in form_html and 'name="email"' not in form_html
    client.post(edit_url(consultation), {
        "status": "contacted", "name": "Changed", "email": "changed@example.org", "voicemail_ok": "on",
    })

    consultation.refresh_from_db()
    assert (consultation.name, consultation.email) == ("Maria Garcia", "maria@example.org")
    assert consultation.voicemail_ok is False
    assert consultation.status == "contacted"


@pytest.mark.parametrize("bad_input", [
    {"status": "not-a-status"},
    {"status": "new", "follow_up_on": "next tuesday-ish"},
    {"status": "new", "new_note": "x" * 5000},
    {"status": "new", "new_note": "null\x00byte"},
    {"status": "new", "assigned_to": "999999"},
])
def test_bad_input_is_refused_kindly_and_keeps_what_was_typed(client, coordinator_user, bad_input):
    consultation = ConsultationRequestFactory()
    force_login_verified(client, coordinator_user)

    response = client.post(edit_url(consultation), bad_input)

    assert response.status_code == 200
    assert "could not be saved" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == "new" and not consultation.notes.exists()
    assert not consultation.events.filter(action=Action.EDITED).exists()


def test_only_staff_who_work_on_requests_can_be_assigned(client, coordinator_user):
    consultation = ConsultationRequestFactory()
    editor = UserFactory(groups=["Editors"], first_name="Page", last_name="Editor")
    UserFactory(groups=["Clinicians"], first_name="Jordan", last_name="Reyes")
    force_login_verified(client, coordinator_user)

    html = client.get(edit_url(consultation)).content.decode()
    assert "Jordan Reyes" in html and "Page Editor" not in html
    response = client.post(edit_url(consultation), {"status": "new", "assigned_to": editor.pk})
    assert response.status_code == 200
    consultation.refresh_from_db()
    assert consultation.assigned_to is None


def test_a_request_stays_with_someone_who_left_when_saved_for_another_reason(client, coordinator_user):
    former = UserFactory(first_name="Former", last_name="Clinician", is_active=False)
    consultation = ConsultationRequestFactory(assigned_to=former)
    force_login_verified(client, coordinator_user)

    assert "Former Clinician" in client.get(edit_url(consultation)).content.decode()
    response = client.post(edit_url(consultation), {"status": "contacted", "assigned_to": former.pk})

    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.status, consultation.assigned_to) == ("contacted", former)
