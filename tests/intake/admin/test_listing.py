"""The listing: default order, spam kept out, filters and search."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from practice_site.pages.models import ServiceIndexPage, ServicePage
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import UserFactory
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def listing(client, **params):
    response = client.get(reverse("consultation_requests:index") + ("?" + urlencode(params, doseq=True)))
    assert response.status_code == 200
    return response.content.decode()


def names_in(html):
    """The requesters' names in listing order (they are the links to each request)."""
    return re.findall(r'href="/admin/consultation-requests/inspect/\d+/"[^>]*>\s*(.*?)\s*</a>', html)


@pytest.fixture
def logged_in_coordinator(client, coordinator_user):
    force_login_verified(client, coordinator_user)
    return coordinator_user


@pytest.fixture
def service(home_page):
    index = home_page.add_child(instance=ServiceIndexPage(title="Services", slug="services"))
    return index.add_child(instance=ServicePage(title="Trauma therapy", slug="trauma", summary="Calm support."))


def test_new_requests_come_first_then_newest_first(client, logged_in_coordinator):
    ConsultationRequestFactory.aged(5, name="Old New")
    ConsultationRequestFactory.aged(1, name="Recent Contacted", status="contacted")
    ConsultationRequestFactory.aged(0, name="Newest New")
    assert names_in(listing(client)) == ["Newest New", "Old New", "Recent Contacted"]
    assert names_in(listing(client, ordering="received_at")) == ["Old New", "Recent Contacted", "Newest New"]


def test_spam_stays_out_of_the_default_list_until_asked_for(client, logged_in_coordinator):
    ConsultationRequestFactory(name="Real Person")
    ConsultationRequestFactory(name="Cheap Pills", status="spam", spam_reason="Filled the hidden field")

    assert names_in(listing(client)) == ["Real Person"]
    assert names_in(listing(client, status="contacted")) == []
    assert names_in(listing(client, status="spam")) == ["Cheap Pills"]
    assert names_in(listing(client, spam="only")) == ["Cheap Pills"]
    assert sorted(names_in(listing(client, spam="include"))) == ["Cheap Pills", "Real Person"]
    # An invalid filter value must not reveal spam.
    assert names_in(listing(client, spam="bogus")) == ["Real Person"]


def test_filter_by_status_service_and_assigned_person(client, logged_in_coordinator, service):
    staff = UserFactory(groups=["Clinicians"])
    ConsultationRequestFactory(name="Trauma Seeker", service=service, assigned_to=staff)
    ConsultationRequestFactory(name="Unsure Seeker", status="scheduled")

    assert names_in(listing(client, status="scheduled")) == ["Unsure Seeker"]
    assert names_in(listing(client, service=service.pk)) == ["Trauma Seeker"]
    assert names_in(listing(client, service="null")) == ["Unsure Seeker"]
    assert names_in(listing(client, assigned_to=staff.pk)) == ["Trauma Seeker"]
    assert names_in(listing(client, assigned_to="null")) == ["Unsure Seeker"]


def test_filter_by_received_date_range(client, logged_in_coordinator):
    ConsultationRequestFactory.aged(10, name="Ten Days")
    ConsultationRequestFactory.aged(3, name="Three Days")
    today = timezone.localdate()
    start = (today - datetime.timedelta(days=5)).isoformat()
    end = (today - datetime.timedelta(days=1)).isoformat()
    assert names_in(listing(client, received_at_from=start, received_at_to=end)) == ["Three Days"]


def test_filter_by_flags(client, logged_in_coordinator):
    ConsultationRequestFactory(name="Out Of State", in_texas=False)
    ConsultationRequestFactory(name="Teen Self Pay", therapy_for="child", guardian_name="A Parent", payment="self_pay")
    ConsultationRequestFactory(name="Plain")

    assert names_in(listing(client, flags="out_of_area")) == ["Out Of State"]
    assert names_in(listing(client, flags="minor")) == ["Teen Self Pay"]
    assert names_in(listing(client, flags=["minor", "self_pay"])) == ["Teen Self Pay"]
    assert names_in(listing(client, flags=["minor", "out_of_area"])) == []
    html = listing(client)
    assert "Out of area" in html and "Self-pay" in html and "Minor" in html
    assert "[invalid name]" not in html


def test_search_by_name_email_and_phone(client, logged_in_coordinator):
    ConsultationRequestFactory(name="Maria Garcia", email="mg@example.org", phone="+17135550142")
    ConsultationRequestFactory(name="Sam Lee", email="sam@example.net", phone="+12815550199")

    assert names_in(listing(client, q="garc")) == ["Maria Garcia"]
    assert names_in(listing(client, q="example.net")) == ["Sam Lee"]
    assert names_in(listing(client, q="713-555-0142")) == ["Maria Garcia"]
    assert names_in(listing(client, q="(281) 555")) == ["Sam Lee"]
    assert names_in(listing(client, q="nobody-matches")) == []


def test_overdue_new_requests_stand_out_with_a_visible_label(client, logged_in_coordinator):
    ConsultationRequestFactory.aged(8, name="Waiting Long")
    ConsultationRequestFactory.aged(8, name="Already Answered", status="contacted")
    ConsultationRequestFactory(name="Just Arrived")

    rows = listing(client).split("<tr")
    overdue_rows = [row for row in rows if "Reply overdue" in row]
    assert len(overdue_rows) == 1 and "Waiting Long" in overdue_rows[0]
    assert names_in(listing(client, attention="reply_overdue")) == ["Waiting Long"]


def test_follow_up_filter_lists_due_and_past_follow_ups_of_open_requests(client, logged_in_coordinator):
    today = timezone.localdate()
    ConsultationRequestFactory(name="Due Today", status="contacted", follow_up_on=today)
    ConsultationRequestFactory(name="Due Yesterday", status="contacted", follow_up_on=today - datetime.timedelta(1))
    ConsultationRequestFactory(name="Due Tomorrow", status="contacted", follow_up_on=today + datetime.timedelta(1))
    ConsultationRequestFactory(name="Finished", status="client", follow_up_on=today)
    assert sorted(names_in(listing(client, attention="follow_up_due"))) == ["Due Today", "Due Yesterday"]


def test_listing_is_paginated_and_its_query_count_does_not_grow_with_rows(
    client, logged_in_coordinator, service, django_assert_num_queries
):

    staff = UserFactory(groups=["Clinicians"])
    ConsultationRequestFactory(service=service, assigned_to=staff)
    url = reverse("consultation_requests:index")
    client.get(url)  # warm per-process caches (content types, site root)
    with CaptureQueriesContext(connection) as one_row:
        client.get(url)

    ConsultationRequestFactory.create_batch(29, service=service, assigned_to=staff)
    with django_assert_num_queries(len(one_row.captured_queries)):
        html = client.get(url).content.decode()
    assert len(names_in(html)) == 25
    assert "Page 1 of 2" in html
    assert len(names_in(listing(client, p=2))) == 5


@pytest.mark.parametrize("params", [
    {"received_at_from": "not-a-date"},
    {"assigned_to": "abc"},
    {"service": "99999"},
    {"status": "spam\x00"},
    {"flags": "everything"},
    {"attention": "<script>"},
    {"ordering": "email; drop table"},
    {"p": "9999"},
    {"q": "a" * 5000},
    {"q": "nul\x00byte"},
    {"q": "\u202eevil\u200b"},
    {"export": "pdf"},
])
def test_odd_query_parameters_never_fail_nor_reveal_spam(client, logged_in_coordinator, params):
    ConsultationRequestFactory(name="Real Person")
    ConsultationRequestFactory(name="Cheap Pills", status="spam")

    response = client.get(reverse("consultation_requests:index"), params)

    assert response.status_code == 200
    assert "Cheap Pills" not in response.content.decode()


def test_results_fragment_used_by_live_search_is_scoped_too(client, clinician_user):
    ConsultationRequestFactory(name="Mine Too", assigned_to=clinician_user)
    ConsultationRequestFactory(name="Not Mine")
    force_login_verified(client, clinician_user)
    html = client.get(reverse("consultation_requests:index_results"), {"q": "mine"}).content.decode()
    assert "Mine Too" in html and "Not Mine" not in html
