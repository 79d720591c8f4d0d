"""The coordinators' waitlist: oldest first, filters, counts by clinician and the oldest wait, "who fits this
opening", the same number of queries at 10 and 1,000 entries, and the access rules of requests."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contact.models import ConsultationRequest, WaitlistEntry
from tests.factories.consultations import ConsultationRequestFactory
from tests.security.helpers import force_login_verified
from tests.waitlist.conftest import make_entry

pytestmark = pytest.mark.django_db


def names_in(html):
    return re.findall(r'href="/admin/consultation-requests/inspect/\d+/"[^>]*>\s*(.*?)\s*</a>', html)


def get(client, name, **params):
    response = client.get(reverse(name) + "?" + urlencode(params))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def entries(clinicians):
    ana, ben = clinicians
    made = {
        "oldest": make_entry(days=90, name="Olive Oldest", clinicians=[ana], session_format="in_person"),
        "anyone": make_entry(days=30, name="Andy Anyone", session_format="either", age_group="teens"),
        "ben": make_entry(days=10, name="Bea Wants Ben", clinicians=[ben]),
        "lapsed": make_entry(days=60, name="Lara Lapsed", clinicians=[ana, ben]),
    }
    WaitlistEntry.objects.filter(pk=made["lapsed"].pk).update(lapsed_at=timezone.now())
    return made


@pytest.fixture
def as_coordinator(client, coordinator_user):
    force_login_verified(client, coordinator_user)
    return client


def test_the_list_is_oldest_first_with_counts_and_the_oldest_wait(as_coordinator, entries):
    html = get(as_coordinator, "waitlist:index")
    assert names_in(html) == ["Olive Oldest", "Lara Lapsed", "Andy Anyone", "Bea Wants Ben"]
    assert "4 on the waitlist; the oldest has waited 90 days." in html
    counts = dict(re.findall(r'<th scope="row">(.*?)</th><td>(\d+)</td>', html))
    assert counts == {"Ana Ruiz": "2", "Ben Cole": "2", "Anyone": "1"}
    assert "Lapsed: no answer" in html


def test_filters(as_coordinator, entries, clinicians):
    ana, ben = clinicians
    assert names_in(get(as_coordinator, "waitlist:index", clinician=ben.pk)) == [
        "Lara Lapsed", "Andy Anyone", "Bea Wants Ben"]
    assert names_in(get(as_coordinator, "waitlist:index", session_format="in_person")) == [
        "Olive Oldest", "Andy Anyone"]
    assert names_in(get(as_coordinator, "waitlist:index", age_group="teens")) == ["Andy Anyone"]
    assert names_in(get(as_coordinator, "waitlist:index", lapsed="yes")) == ["Lara Lapsed"]
    assert names_in(get(as_coordinator, "waitlist:index", lapsed="no")) == [
        "Olive Oldest", "Andy Anyone", "Bea Wants Ben"]


def test_who_fits_this_opening(as_coordinator, entries, clinicians):
    ana, ben = clinicians
    html = get(as_coordinator, "waitlist_fits", clinician=ana.pk, session_format="in_person", age_group="adults")
    assert names_in(html) == ["Olive Oldest"]
    html = get(as_coordinator, "waitlist_fits", clinician=ben.pk, session_format="telehealth", age_group="adults")
    assert names_in(html) == ["Bea Wants Ben"], "lapsed entries are left out"
    html = get(as_coordinator, "waitlist_fits", clinician=ben.pk, session_format="telehealth", age_group="teens")
    assert names_in(html) == ["Andy Anyone"]
    html = get(as_coordinator, "waitlist_fits", clinician="nonsense", session_format="fax", age_group="")
    assert "Select a valid choice" in html and names_in(html) == []


def bulk_entries(count, clinician):
    now = timezone.now()
    consultations = ConsultationRequest.objects.bulk_create(
        ConsultationRequestFactory.build(status=ConsultationRequest.Status.WAITLIST) for _ in range(count)
    )
    entries = WaitlistEntry.objects.bulk_create(
        WaitlistEntry(consultation=consultation, session_format="telehealth", age_group="adults",
                      joined_at=now - datetime.timedelta(minutes=n))
        for n, consultation in enumerate(consultations)
    )
    WaitlistEntry.clinicians.through.objects.bulk_create(
        WaitlistEntry.clinicians.through(waitlistentry_id=entry.pk, clinicianpage_id=clinician.pk)
        for entry in entries[::2]
    )


def queries_for(client, name, **params):
    with CaptureQueriesContext(connection) as queries:
        get(client, name, **params)
    return len(queries)


def test_the_listing_and_who_fits_take_as_many_queries_at_1000_entries_as_at_10(as_coordinator, clinicians):
    ana, _ = clinicians
    bulk_entries(10, ana)
    get(as_coordinator, "waitlist:index")  # the first page load reads the session and settings caches
    at_ten = queries_for(as_coordinator, "waitlist:index")
    fits_at_ten = queries_for(as_coordinator, "waitlist_fits", clinician=ana.pk, session_format="telehealth",
                              age_group="adults")
    bulk_entries(990, ana)
    assert queries_for(as_coordinator, "waitlist:index") == at_ten
    assert queries_for(as_coordinator, "waitlist_fits", clinician=ana.pk, session_format="telehealth",
                       age_group="adults") == fits_at_ten
    assert (at_ten, fits_at_ten) == (PINNED_LISTING, PINNED_FITS)


# Wagtail's admin page (session, user, menu, settings) plus the listing's own: its rows, their clinicians (one
# prefetch), the count for the pages, the summary's two; "who fits" has the rows and their clinicians.
PINNED_LISTING = 21
PINNED_FITS = 19


def test_editors_see_no_waitlist(client, editor_user, entries):
    force_login_verified(client, editor_user)
    # The admin answers a forbidden page by sending the person back to its dashboard, with nothing of the page.
    for url in (reverse("waitlist:index"), reverse("waitlist_fits"),
                reverse("consultation_waitlist", args=[entries["ben"].pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"
    admin = client.get("/admin/", follow=True).content.decode()
    assert "Waitlist" not in admin and "Bea Wants Ben" not in admin


def test_clinicians_see_only_the_entries_of_requests_assigned_to_them(client, clinician_user, entries, clinicians):
    ConsultationRequest.objects.filter(pk=entries["ben"].pk).update(assigned_to=clinician_user)
    force_login_verified(client, clinician_user)
    assert names_in(get(client, "waitlist:index")) == ["Bea Wants Ben"]
    assert "1 on the waitlist" in get(client, "waitlist:index")
    ben = clinicians[1]
    html = get(client, "waitlist_fits", clinician=ben.pk, session_format="telehealth", age_group="teens")
    assert names_in(html) == []
    assert client.get(reverse("consultation_waitlist", args=[entries["anyone"].pk])).status_code == 404
    assert client.get(reverse("consultation_waitlist", args=[entries["ben"].pk])).status_code == 200
