"""Only people whose job it is see a request: checked on every URL, not only in the menu."""

from urllib.parse import urlencode

import pytest
from django.urls import NoReverseMatch, reverse

from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import UserFactory
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def index_url(**params):
    return reverse("consultation_requests:index") + ("?" + urlencode(params) if params else "")


def inspect_url(consultation):
    return reverse("consultation_requests:inspect", args=[consultation.pk])


def edit_url(consultation):
    return reverse("consultation_requests:edit", args=[consultation.pk])


def assert_refused(response):
    """Wagtail answers PermissionDenied in the admin with a redirect to the dashboard (and a message)."""
    assert (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}


def test_editor_is_refused_on_list_inspect_edit_and_export(client, editor_user):
    consultation = ConsultationRequestFactory(name="Hidden From Editors")
    force_login_verified(client, editor_user)

    for url in [index_url(), inspect_url(consultation), edit_url(consultation), index_url(export="csv"),
                index_url(export="xlsx"), reverse("consultation_requests:index_results")]:
        response = client.get(url)
        assert_refused(response)
        assert "Hidden From Editors" not in response.content.decode()
    assert_refused(client.post(edit_url(consultation), {"status": "spam"}))
    consultation.refresh_from_db()
    assert consultation.status == "new"


def test_editor_has_no_menu_item_nor_dashboard_panel_but_keeps_pages(client, editor_user):
    force_login_verified(client, editor_user)
    html = client.get("/admin/").content.decode()
    assert "Consultation requests" not in html
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200
    assert client.get(reverse("wagtailimages:index")).status_code == 200


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    consultation = ConsultationRequestFactory()
    for url in [index_url(), inspect_url(consultation), edit_url(consultation), index_url(export="csv")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_clinician_sees_only_the_requests_assigned_to_them(client, clinician_user):
    own = ConsultationRequestFactory(name="Assigned To Me", assigned_to=clinician_user)
    other = ConsultationRequestFactory(name="Someone Elses", assigned_to=UserFactory(groups=["Clinicians"]))
    unassigned = ConsultationRequestFactory(name="Nobody Has It")
    force_login_verified(client, clinician_user)

    html = client.get(index_url()).content.decode()
    assert "Assigned To Me" in html
    assert "Someone Elses" not in html
    assert "Nobody Has It" not in html

    assert client.get(inspect_url(own)).status_code == 200
    for guessed in [other, unassigned]:
        assert client.get(inspect_url(guessed)).status_code == 404
        assert client.get(edit_url(guessed)).status_code == 404
        assert client.post(edit_url(guessed), {"status": "closed"}).status_code == 404
        guessed.refresh_from_db()
        assert guessed.status == "new"


def test_clinician_may_update_their_request_but_not_reassign_or_export_it(client, clinician_user):
    own = ConsultationRequestFactory(assigned_to=clinician_user)
    colleague = UserFactory(groups=["Clinicians"])
    force_login_verified(client, clinician_user)

    form_html = client.get(edit_url(own)).content.decode()
    assert 'name="assigned_to"' not in form_html
    response = client.post(edit_url(own), {"status": "contacted", "assigned_to": colleague.pk, "new_note": "Called"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "contacted"
    assert own.assigned_to == clinician_user
    assert own.notes.get().text == "Called"

    assert_refused(client.get(index_url(export="csv")))
    assert "Download CSV" not in client.get(index_url()).content.decode()


def test_coordinator_sees_all_requests_and_may_export(client, coordinator_user, clinician_user):
    first = ConsultationRequestFactory(name="First Person", assigned_to=clinician_user)
    second = ConsultationRequestFactory(name="Second Person")
    force_login_verified(client, coordinator_user)

    html = client.get(index_url()).content.decode()
    assert "First Person" in html and "Second Person" in html
    assert "Download CSV" in html and "Download XLSX" in html
    for consultation in [first, second]:
        assert client.get(inspect_url(consultation)).status_code == 200
        assert client.get(edit_url(consultation)).status_code == 200
    assert client.get(index_url(export="csv")).status_code == 200


def test_superuser_sees_everything(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    consultation = ConsultationRequestFactory(name="Seen By Admin", assigned_to=UserFactory())
    force_login_verified(client, admin)
    assert "Seen By Admin" in client.get(index_url()).content.decode()
    assert client.get(inspect_url(consultation)).status_code == 200


def test_nobody_creates_copies_or_deletes_requests_in_the_admin(client, coordinator_user):
    consultation = ConsultationRequestFactory()
    force_login_verified(client, coordinator_user)
    for name in ["add", "delete", "copy", "history", "usage"]:
        with pytest.raises(NoReverseMatch):
            reverse(f"consultation_requests:{name}", args=[consultation.pk] if name != "add" else [])
    assert client.get("/admin/consultation-requests/new/").status_code == 404
    assert client.post(f"/admin/consultation-requests/delete/{consultation.pk}/").status_code == 404
    html = client.get(index_url()).content.decode()
    assert "Add consultation request" not in html


def test_menu_item_and_panel_appear_for_people_who_work_on_requests(client, coordinator_user, clinician_user):
    for user in [coordinator_user, clinician_user]:
        force_login_verified(client, user)
        html = client.get("/admin/").content.decode()
        assert '"url": "/admin/consultation-requests/"' in html
        assert 'id="consultation-requests' in html
