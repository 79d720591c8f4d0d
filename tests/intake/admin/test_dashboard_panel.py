import datetime

import pytest
from django.utils import timezone

from tests.factories.consultations import ConsultationRequestFactory
from tests.security.helpers import force_login_verified

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
    ConsultationRequestFactory(status="contacted", follow_up_on=timezone.localdate() - datetime.timedelta(days=3))
    ConsultationRequestFactory(status="contacted", follow_up_on=timezone.localdate() + datetime.timedelta(days=2))
    force_login_verified(client, coordinator_user)

    html = panel_html(client)

    assert '<a href="/admin/consultation-requests/?status=new">2 new requests</a>' in html
    listing = "/admin/consultation-requests/"
    assert f'<a href="{listing}?attention=reply_overdue">1 waiting more than two business days</a>' in html
    assert f'<a href="{listing}?status=new&amp;ordering=received_at">Oldest unanswered: received 1' in html
    assert f'<a href="{listing}?attention=follow_up_due">2 follow-ups due today or overdue</a>' in html
    assert "Oldest Waiting" not in html


def spam_link(client):
    html = panel_html(client)
    start = html.find('<a href="/admin/consultation-requests/?spam=only')
    return html[start:html.find("</li>", start)].strip() if start != -1 else None


def test_recent_spam_is_offered_for_a_look_through_with_a_link_to_exactly_that(client, coordinator_user):
    ConsultationRequestFactory(status="spam", name="Caught Today")
    ConsultationRequestFactory.aged(29, status="spam", name="Caught Last Month")
    ConsultationRequestFactory.aged(45, status="spam", name="Caught Long Ago")
    ConsultationRequestFactory(name="Real Person")
    force_login_verified(client, coordinator_user)

    link = spam_link(client)

    since = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    url = f"/admin/consultation-requests/?spam=only&amp;received_at_from={since}"
    assert link == f'<a href="{url}">2 requests marked as spam in the last 30 days</a> — check for real ones'
    listing = client.get(url.replace("&amp;", "&")).content.decode()
    assert "Caught Today" in listing and "Caught Last Month" in listing
    assert "Caught Long Ago" not in listing and "Real Person" not in listing


def test_spam_line_appears_only_when_there_is_recent_spam(client, coordinator_user):
    ConsultationRequestFactory.aged(45, status="spam")
    force_login_verified(client, coordinator_user)
    assert spam_link(client) is None
    assert "marked as spam" not in panel_html(client)


def test_clinicians_are_not_shown_spam(client, clinician_user):
    ConsultationRequestFactory(status="spam", assigned_to=clinician_user)
    ConsultationRequestFactory(status="spam")
    force_login_verified(client, clinician_user)
    assert "marked as spam" not in panel_html(client)


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
