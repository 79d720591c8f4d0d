import datetime

import pytest
from django.utils import timezone

from tests.security.helpers import force_login_verified

from .factories import ConsultationRequestFactory

pytestmark = pytest.mark.django_db


def panel_html(client):
    html = client.get("/admin/").content.decode()
    start = html.find('id="consultation-requests')
    assert start != -1, "the consultation requests panel is missing"
    return " ".join(html[start:start + 3000].split())


def test_coordinator_sees_counts_linking_to_the_filtered_list(client, coordinator_user):
    ConsultationRequestFactory.aged(9, name="Oldest Waiting")
    ConsultationRequestFactory.aged(0)
    ConsultationRequestFactory(status="spam")
    ConsultationRequestFactory(status="contacted", follow_up_on=timezone.localdate())
    ConsultationRequestFactory(status="contacted", follow_up_on=timezone.localdate() + datetime.timedelta(days=2))
    force_login_verified(client, coordinator_user)

    html = panel_html(client)

    assert '<a href="/admin/consultation-requests/?status=new">2 new requests</a>' in html
    listing = "/admin/consultation-requests/"
    assert f'<a href="{listing}?attention=reply_overdue">1 waiting more than two business days</a>' in html
    assert f'<a href="{listing}?status=new&amp;ordering=received_at">Oldest unanswered: received 1' in html
    assert '<a href="/admin/consultation-requests/?attention=follow_up_due">1 follow-up due today</a>' in html
    assert "Oldest Waiting" not in html


def test_clinician_panel_counts_only_their_requests(client, clinician_user):
    ConsultationRequestFactory(assigned_to=clinician_user)
    ConsultationRequestFactory.create_batch(3)
    force_login_verified(client, clinician_user)
    assert "1 new request</a>" in panel_html(client)


def test_panel_links_lead_to_what_they_count(client, coordinator_user):
    ConsultationRequestFactory.aged(9, name="Overdue One")
    ConsultationRequestFactory(name="Fresh One")
    force_login_verified(client, coordinator_user)
    html = client.get("/admin/consultation-requests/?attention=reply_overdue").content.decode()
    assert "Overdue One" in html and "Fresh One" not in html


def test_empty_panel_says_so(client, coordinator_user):
    force_login_verified(client, coordinator_user)
    html = panel_html(client)
    assert "0 new requests" in html and "No unanswered requests." in html
