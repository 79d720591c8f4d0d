"""The "still interested?" links: opening one changes nothing, the button does; forged, expired and used links get
a kind page, never an error."""

import datetime
import json
import time

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from contact.models import ConsultationRequest, RequestEvent, WaitlistEntry
from contact.waitlist import links
from tests.waitlist.conftest import make_entry

pytestmark = pytest.mark.django_db


def url(token):
    return reverse("waitlist_answer", args=[token])


def text_of(response):
    return response.content.decode()


def test_opening_a_link_changes_nothing_and_shows_one_button(client):
    entry = make_entry(days=40)
    entry.check_ins_sent = 1
    entry.save()
    for action, button in (("stay", "Yes, keep my place"), ("leave", "Take me off the waitlist")):
        response = client.get(url(links.make_token(entry, action)))
        assert response.status_code == 200
        assert text_of(response).count('type="submit"') == 1 and button in text_of(response)
        assert "no-store" in response["Cache-Control"]
    entry.refresh_from_db()
    assert entry.check_ins_sent == 1 and entry.link_round == 0
    assert ConsultationRequest.objects.get(pk=entry.pk).status == ConsultationRequest.Status.WAITLIST


def test_stay_keeps_the_place_and_restarts_the_clock_and_the_link_is_then_spent(client):
    entry = make_entry(days=40)
    entry.check_ins_sent, entry.lapsed_at = 2, timezone.now()
    entry.save()
    stay, leave = links.make_token(entry, "stay"), links.make_token(entry, "leave")

    response = client.post(url(stay))
    assert response.status_code == 200 and "Thank you, you keep your place" in text_of(response)
    entry.refresh_from_db()
    assert entry.check_ins_sent == 0 and entry.lapsed_at is None
    assert timezone.now() - entry.clock_started_at < datetime.timedelta(minutes=1)
    assert timezone.now() - entry.joined_at > datetime.timedelta(days=39), "time on the list is kept"
    assert RequestEvent.objects.filter(consultation=entry.consultation, action=RequestEvent.Action.WAITLIST,
                                       detail__contains="Still interested").exists()

    for token in (stay, leave):
        for method in (client.get, client.post):
            again = method(url(token))
            assert again.status_code == 410 and "This link has already been used" in text_of(again)
    assert WaitlistEntry.objects.filter(pk=entry.pk).exists()


def test_leave_takes_the_person_off_kindly_and_keeps_it_in_the_history(client):
    entry = make_entry(days=10, message="Private words")
    token = links.make_token(entry, "leave")
    response = client.post(url(token))
    assert response.status_code == 200
    assert "You are off the waitlist" in text_of(response) and "Private words" not in text_of(response)
    consultation = ConsultationRequest.objects.get(pk=entry.pk)
    assert consultation.status == ConsultationRequest.Status.CLOSED
    assert not WaitlistEntry.objects.filter(pk=entry.pk).exists()
    assert consultation.events.filter(action=RequestEvent.Action.STATUS_CHANGED,
                                      detail__contains="On the waitlist → Closed").exists()
    reused = client.post(url(token))
    assert reused.status_code == 410 and "already been used" in text_of(reused)


@pytest.mark.parametrize("token", [
    "nonsense",
    "",
    signing.dumps([1, 0, "stay"], salt="another.salt"),
    signing.dumps("not a list", salt=links.SALT),
    signing.dumps([1, 0, "delete"], salt=links.SALT),
    "%00%ff",
])
def test_forged_links_get_a_kind_page(client, token):
    entry = make_entry()
    for method in (client.get, client.post):
        response = method("/waitlist/" + token + "/") if token else method("/waitlist/x/")
        assert response.status_code == 404
        assert "We couldn’t open this link" in text_of(response)
    assert WaitlistEntry.objects.filter(pk=entry.pk).exists()


def test_a_tampered_link_for_another_entry_is_forged(client):
    mine, theirs = make_entry(), make_entry()
    token = links.make_token(mine, "leave")
    payload, timestamp, signature = token.split(":")
    other = signing.b64_encode(json.dumps([theirs.pk, 0, "leave"], separators=(",", ":")).encode()).decode()
    assert other != payload
    tampered = ":".join([other, timestamp, signature])
    response = client.post(url(tampered))
    assert response.status_code == 404
    assert WaitlistEntry.objects.count() == 2
    assert client.post(url(token)).status_code == 200, "the untampered link still works"


class SignedLongAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 5 * 7 * 24 * 3600)


def test_an_expired_link_gets_a_kind_page_and_changes_nothing(client, settings):
    settings.WAITLIST_CHECK_IN_WEEKS = 4
    entry = make_entry(days=60)
    token = SignedLongAgo(salt=links.SALT).sign_object([entry.pk, entry.link_round, "leave"])
    assert links.read_token(token)[2] == links.LinkProblem.EXPIRED
    response = client.post(url(token))
    assert response.status_code == 410 and "This link has expired" in text_of(response)
    assert WaitlistEntry.objects.filter(pk=entry.pk).exists()
    settings.WAITLIST_CHECK_IN_WEEKS = 6
    assert links.read_token(token)[2] is None, "the same link within a longer period still works"
