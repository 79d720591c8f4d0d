"""Offering an opening: the person gets a link (through a real SMTP server) to pick a time with that clinician
from the booking flow's open times; booking takes them off the list, declining or letting it expire frees the
opening for the next person."""

import re
from datetime import timedelta
from email import message_from_bytes, policy
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from contact.models import ConsultationRequest, WaitlistEntry
from contact.waitlist import links, offers
from practice_site.scheduling.models import Booking
from tests.factories.scheduling import all_week, make_host
from tests.security.helpers import force_login_verified
from tests.waitlist.conftest import make_entry

pytestmark = pytest.mark.django_db


def names_in(html):
    return re.findall(r'href="/admin/consultation-requests/inspect/\d+/"[^>]*>\s*(.*?)\s*</a>', html)


@pytest.fixture
def opening(clinicians, client, coordinator_user):
    ana, _ = clinicians
    host = make_host(hours=all_week(), clinician_page=ana)
    force_login_verified(client, coordinator_user)
    return {"ana": ana, "host": host.host,
            "choice": {"clinician": ana.pk, "session_format": "telehealth", "age_group": "adults"}}


def fits(client, opening):
    return names_in(client.get(reverse("waitlist_fits") + "?" + urlencode(opening["choice"])).content.decode())


def offer(client, entry, opening, capture):
    with capture(execute=True):
        response = client.post(reverse("waitlist_offer_opening", args=[entry.pk]), opening["choice"])
    assert response.status_code == 302
    return response


def test_an_offer_is_emailed_and_the_person_books_a_time_with_that_clinician(
        client, opening, smtp_inbox, django_capture_on_commit_callbacks):
    first = make_entry(days=50, name="Maya Torres", preferred_name="Maya", email="maya@example.org",
                       clinicians=[opening["ana"]], message="Private words")
    make_entry(days=20, name="Next Person")
    assert fits(client, opening) == ["Maya Torres", "Next Person"]
    offer(client, first, opening, django_capture_on_commit_callbacks)
    assert fits(client, opening) == ["Next Person"], "the next person is who fits now"

    (envelope,) = smtp_inbox.messages
    assert envelope.rcpt_tos == ["maya@example.org"]
    body = message_from_bytes(envelope.content, policy=policy.default).get_body(("plain",)).get_content()
    assert "Hello Maya" in body and "Private words" not in body and "Torres" not in body
    (link,) = re.findall(r"http://\S+/waitlist/offer/\S+/", body)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    page = client.get(path)
    assert page.status_code == 200 and "A place has opened for you" in page.content.decode()
    form = page.context["form"]
    assert form.open_slots and all(slot.host_ids == (opening["host"].pk,) for slot in form.open_slots)
    assert WaitlistEntry.objects.filter(pk=first.pk).exists()

    nothing = client.post(path, {"action": "book", "consultation_time": ""})
    assert nothing.status_code == 400 and "Please choose a time" in nothing.content.decode()

    booked = client.post(path, {"action": "book", "consultation_time": form.open_slots[0].value})
    assert booked.status_code == 200 and "Your call is booked" in booked.content.decode()
    booking = Booking.objects.get()
    assert booking.host_id == opening["host"].pk and booking.start == form.open_slots[0].start
    assert ConsultationRequest.objects.get(pk=first.pk).status == ConsultationRequest.Status.SCHEDULED
    assert not WaitlistEntry.objects.filter(pk=first.pk).exists()
    again = client.post(path, {"action": "decline"})
    assert again.status_code == 410 and "already been used" in again.content.decode()


def test_declining_keeps_the_place_and_frees_the_opening(client, opening, smtp_inbox,
                                                          django_capture_on_commit_callbacks):
    entry = make_entry(days=50, name="Dee Declines")
    offer(client, entry, opening, django_capture_on_commit_callbacks)
    assert fits(client, opening) == []
    entry.refresh_from_db()
    path = reverse("waitlist_offer", args=[links.make_offer_token(entry)])
    response = client.post(path, {"action": "decline"})
    assert response.status_code == 200 and "You keep your place" in response.content.decode()
    assert fits(client, opening) == ["Dee Declines"]
    assert client.get(path).status_code == 410


def test_an_expired_offer_gets_a_kind_page_and_the_entry_fits_again(client, opening):
    entry = make_entry(days=50, name="Late Lee")
    WaitlistEntry.objects.filter(pk=entry.pk).update(
        offered_clinician=opening["ana"], offer_expires_at=timezone.now() - timedelta(minutes=1))
    entry.refresh_from_db()
    response = client.post(reverse("waitlist_offer", args=[links.make_offer_token(entry)]), {"action": "book"})
    assert response.status_code == 410 and "This offer has ended" in response.content.decode()
    assert fits(client, opening) == ["Late Lee"]
    forged = client.get(reverse("waitlist_offer", args=["made-up"]))
    assert forged.status_code == 404 and "We couldn’t open this link" in forged.content.decode()
    assert Booking.objects.count() == 0


def test_a_clinician_without_their_own_times_cannot_be_offered(client, clinicians, coordinator_user):
    _, ben = clinicians
    entry = make_entry(days=5)
    force_login_verified(client, coordinator_user)
    choice = {"clinician": ben.pk, "session_format": "telehealth", "age_group": "adults"}
    response = client.post(reverse("waitlist_offer_opening", args=[entry.pk]), choice, follow=True)
    assert "takes no calls of their own" in response.content.decode()
    entry.refresh_from_db()
    assert entry.offer_expires_at is None
    with pytest.raises(offers.NoOwnTimes):
        offers.offer(entry, ben, None)
