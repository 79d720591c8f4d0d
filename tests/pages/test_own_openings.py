"""My openings: a clinician a coordinator has allowed sets their own page's openings (issue 24), and no one
else's; only coordinators give that leave; an editor's draft is never published along the way."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry

from practice_site.core.models import PracticeSettings
from practice_site.pages.models import ClinicianOpening, ClinicianPage
from practice_site.pages.openings import OpeningsEditor
from tests.factories.pages import ClinicianFactory, StandardPageFactory, TeamIndexFactory
from tests.factories.users import clinician, coordinator, editor

pytestmark = pytest.mark.django_db

ADULTS_IN_PERSON = "in_person-adults"
ADULTS_TELEHEALTH = "telehealth-adults"


@pytest.fixture
def team(home_page):
    practice = PracticeSettings.load()
    practice.consultation_page = StandardPageFactory(parent=home_page, title="Contact", slug="contact")
    practice.save()
    return TeamIndexFactory(parent=home_page)


@pytest.fixture
def rosa(team):
    return ClinicianFactory(parent=team, title="Rosa Diaz", ages_served=["adults"], openings=[
        ClinicianOpening(session_format="in_person", age_group="adults", status="open"),
    ])


def openings_data(**rows):
    data = {}
    for prefix, (status, month, note) in rows.items():
        data |= {f"{prefix}-status": status, f"{prefix}-expected_open": month, f"{prefix}-note": note}
    return data


def stored_statuses(page):
    """What PostgreSQL holds (a page's own relation may answer from the rows it was built with)."""
    return list(ClinicianOpening.objects.filter(page=page).values_list("status", flat=True))


def signed_in(client, login_verified, user):
    login_verified(client, user)
    return client


def test_a_linked_clinician_sets_their_openings_and_their_page_shows_them(client, login_verified, rosa):
    assert "Waitlist" not in Client().get(rosa.url).content.decode()  # and the page cache now holds it
    user = clinician()
    OpeningsEditor.objects.create(page=rosa, user=user)
    staff = signed_in(client, login_verified, user)
    assert "My openings" in staff.get(reverse("wagtailadmin_home")).content.decode()
    url = reverse("own_openings", args=[rosa.pk])
    assert staff.get(reverse("own_openings_index")).url == url

    response = staff.post(url, openings_data(**{
        ADULTS_IN_PERSON: ("waitlist", "2027-03", "A short list"), ADULTS_TELEHEALTH: ("open", "", "Evenings"),
    }))
    assert response.status_code == 302, response.content.decode()[:2000]

    rows = {
        (row.session_format, row.status, str(row.expected_open), row.note)
        for row in ClinicianOpening.objects.filter(page=rosa)
    }
    assert rows == {("in_person", "waitlist", "2027-03-01", "A short list"), ("telehealth", "open", "None", "Evenings")}
    assert PageLogEntry.objects.filter(page=rosa, action="wagtail.publish", user=user).exists()
    visitor_sees = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", Client().get(rosa.url).content.decode()))
    assert "In person, adults: Waitlist, expected to open March 2027. A short list" in visitor_sees
    assert "Telehealth (video), adults: Open to new clients. Evenings" in visitor_sees


def test_a_bad_row_is_explained_and_nothing_is_published(client, login_verified, rosa):
    user = clinician()
    OpeningsEditor.objects.create(page=rosa, user=user)
    response = signed_in(client, login_verified, user).post(reverse("own_openings", args=[rosa.pk]), openings_data(**{
        ADULTS_IN_PERSON: ("open", "2027-03", ""), ADULTS_TELEHEALTH: ("closed", "", ""),
    }))
    assert response.status_code == 400
    assert "An expected month is only for a waitlist or a closed row" in response.content.decode()
    assert stored_statuses(rosa) == ["open"]


def test_a_clinician_without_the_coordinators_leave_cannot(client, login_verified, rosa):
    staff = signed_in(client, login_verified, clinician())
    assert "My openings" not in staff.get(reverse("wagtailadmin_home")).content.decode()
    assert staff.get(reverse("own_openings_index")).status_code == 404
    response = staff.post(reverse("own_openings", args=[rosa.pk]), openings_data(**{
        ADULTS_IN_PERSON: ("closed", "", ""), ADULTS_TELEHEALTH: ("closed", "", ""),
    }))
    assert response.status_code == 404
    assert stored_statuses(rosa) == ["open"]


def test_a_clinician_cannot_reach_anothers_page(client, login_verified, team, rosa):
    user = clinician()
    OpeningsEditor.objects.create(page=ClinicianFactory(parent=team, ages_served=["adults"]), user=user)
    staff = signed_in(client, login_verified, user)
    assert staff.get(reverse("own_openings", args=[rosa.pk])).status_code == 404
    response = staff.post(reverse("own_openings", args=[rosa.pk]), openings_data(**{
        ADULTS_IN_PERSON: ("closed", "", ""), ADULTS_TELEHEALTH: ("closed", "", ""),
    }))
    assert response.status_code == 404
    assert stored_statuses(rosa) == ["open"]


def test_only_a_coordinator_gives_the_leave(client, login_verified, rosa):
    user = clinician()
    add_url = reverse("openings_editors:add")
    staff = signed_in(client, login_verified, editor())
    assert staff.get(add_url).status_code in (302, 403)
    staff.post(add_url, {"page": rosa.pk, "user": user.pk})
    assert not OpeningsEditor.objects.exists()

    staff = signed_in(client, login_verified, coordinator())
    response = staff.post(add_url, {"page": rosa.pk, "user": user.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert OpeningsEditor.objects.get().user == user


def test_an_editors_draft_is_not_published_with_the_openings(client, login_verified, rosa):
    user = clinician()
    OpeningsEditor.objects.create(page=rosa, user=user)
    draft = ClinicianPage.objects.get(pk=rosa.pk)
    draft.title = "Rosa Diaz (new bio in progress)"
    draft.save_revision()
    staff = signed_in(client, login_verified, user)
    message = "An editor is working on a draft of this page; ask them to publish it or set your openings there."
    assert message in staff.get(reverse("own_openings", args=[rosa.pk])).content.decode()

    response = staff.post(reverse("own_openings", args=[rosa.pk]), openings_data(**{
        ADULTS_IN_PERSON: ("closed", "", ""), ADULTS_TELEHEALTH: ("closed", "", ""),
    }))
    assert response.status_code == 409
    assert message in response.content.decode()
    live = ClinicianPage.objects.get(pk=rosa.pk)
    assert (live.title, live.has_unpublished_changes) == ("Rosa Diaz", True)
    assert stored_statuses(live) == ["open"]
