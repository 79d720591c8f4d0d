"""The consultation form offers the waitlist when every clinician who fits the answers is full (issue 24)."""

import re

import pytest
from django.db import OperationalError
from django.http import QueryDict

from contact.models import ConsultationRequest, RequestEvent, WaitlistEntry
from contact.outage import spool
from practice_site.directory.models import Concern, InsurancePlan
from practice_site.pages.models import ClinicianOpening, ClinicianQuerySet
from tests.factories.pages import ClinicianFactory, ServiceFactory, ServiceIndexFactory, TeamIndexFactory

pytestmark = pytest.mark.django_db
Status = ConsultationRequest.Status


def rows(status: str, ages=("adults",)) -> list[ClinicianOpening]:
    return [ClinicianOpening(session_format=session_format, age_group=age, status=status)
            for session_format in ("in_person", "telehealth") for age in ages]


@pytest.fixture
def grief():
    return Concern.objects.create(name="Grief and loss")


@pytest.fixture
def team(contact_page, home_page, grief):
    """Ana and Ben see adults, both on a waitlist; Cam sees children and teens, open by video only."""
    index = TeamIndexFactory(parent=home_page)
    ana = ClinicianFactory(parent=index, title="Ana Ruiz", ages_served=["adults"], openings=rows("waitlist"))
    ben = ClinicianFactory(parent=index, title="Ben Cole", ages_served=["adults"], openings=rows("closed"))
    cam = ClinicianFactory(
        parent=index, title="Cam Nguyen", ages_served=["children", "teens"],
        openings=[ClinicianOpening(session_format="telehealth", age_group="teens", status="open"),
                  ClinicianOpening(session_format="in_person", age_group="children", status="waitlist"),
                  ClinicianOpening(session_format="in_person", age_group="teens", status="waitlist")],
    )
    ana.concerns.add(grief)
    ana.save()  # a parental many-to-many is written with the page
    return {"ana": ana, "ben": ben, "cam": cam}


def offered(html: str) -> list[str]:
    """The waitlist choices the page offers, as button labels (the top ones: the same pair is at the bottom)."""
    notice = html[html.index('id="form-problem"'):html.index("<form")]
    return re.findall(r'name="waitlist" value="[^"]+">([^<]+)</button>', notice)


def test_a_visitor_who_finds_everyone_full_is_offered_the_waitlist_and_joins(
    client, team, valid_data, grief, home_page
):
    services = ServiceIndexFactory(parent=home_page)
    bereavement = ServiceFactory(parent=services, title="Grief counselling", concerns=[grief])
    plan = InsurancePlan.objects.create(name="Aetna")
    answers = valid_data | {"service": str(bereavement.pk), "preferred_clinician": str(team["ana"].pk),
                            "session_format": "in_person", "payment": "insurance", "insurance_carrier": "aetna",
                            "available_times": ["evening", "morning"]}

    first = client.post("/contact/", answers)

    assert first.status_code == 200
    html = first.content.decode()
    assert "Everyone who fits your answers is full right now" in html
    assert offered(html) == ["Join the waitlist", "Send my request anyway"]
    assert "every 4 weeks we will email you" in html
    assert "<title>Error" not in html
    assert 'value="Maya Torres"' in html and "Evenings work best for me." in html, "what was typed is kept"
    assert not ConsultationRequest.objects.exists(), "nothing is stored before the person chooses"

    joined = client.post("/contact/", answers | {"waitlist": "adults"})

    assert joined.status_code == 302 and joined["Location"] == "/contact/thank-you/waitlist/"
    consultation = ConsultationRequest.objects.get()
    assert consultation.status == Status.WAITLIST
    entry = WaitlistEntry.objects.get(consultation=consultation)
    assert (entry.session_format, entry.age_group, entry.insurance) == ("in_person", "adults", plan)
    assert list(entry.concerns.all()) == [grief]
    assert list(entry.clinicians.all()) == [team["ana"]]
    assert sorted(entry.times) == ["weekday_evening", "weekday_morning"]
    assert consultation.events.filter(action=RequestEvent.Action.STATUS_CHANGED,
                                      detail__contains="→ On the waitlist").exists()

    thanks = client.get(joined["Location"]).content.decode()
    assert "you are on our waitlist" in thanks
    assert "every 4 weeks we will email you to ask whether you are still interested" in thanks


def test_sending_anyway_stores_an_ordinary_request(client, team, valid_data):
    answers = valid_data | {"session_format": "either"}
    assert offered(client.post("/contact/", answers).content.decode()) == ["Join the waitlist",
                                                                           "Send my request anyway"]

    response = client.post("/contact/", answers | {"waitlist": "skip"})

    assert response["Location"] == "/contact/thank-you/"
    assert ConsultationRequest.objects.get().status == Status.NEW
    assert not WaitlistEntry.objects.exists()


@pytest.mark.parametrize("answers", [
    {"therapy_for": "child", "guardian_name": "Maya Torres", "session_format": "telehealth"},  # Cam is open
    {"therapy_for": "child", "guardian_name": "Maya Torres", "session_format": "either"},
])
def test_no_offer_when_someone_who_fits_is_open(client, team, valid_data, answers):
    response = client.post("/contact/", valid_data | answers)

    assert response.status_code == 302 and response["Location"] == "/contact/thank-you/"
    assert ConsultationRequest.objects.get().status == Status.NEW
    assert not WaitlistEntry.objects.exists()


def test_no_offer_when_no_one_fits_at_all(client, contact_page, valid_data):
    """Nobody to wait for: the person needs a reply (and perhaps a referral), not a waitlist."""
    response = client.post("/contact/", valid_data)
    assert response["Location"] == "/contact/thank-you/"


def test_a_parent_says_whether_the_place_is_for_a_child_or_a_teen(client, team, valid_data):
    answers = valid_data | {"therapy_for": "child", "guardian_name": "Maya Torres", "session_format": "in_person"}
    html = client.post("/contact/", answers).content.decode()
    assert offered(html) == ["Join the waitlist for a child under 13", "Join the waitlist for a teen (13 to 17)",
                             "Send my request anyway"]

    client.post("/contact/", answers | {"waitlist": "teens"})

    entry = WaitlistEntry.objects.get()
    assert (entry.age_group, entry.session_format) == ("teens", "in_person")


def test_errors_keep_what_was_typed_and_the_offer_comes_after_them(client, team, valid_data):
    answers = valid_data | {"email": "maya@", "message": "Only after 6pm."}

    response = client.post("/contact/", answers)

    html = response.content.decode()
    assert "Please check the email address" in html and "Only after 6pm." in html and 'value="maya@"' in html
    assert "Everyone who fits your answers is full" not in html
    fixed = client.post("/contact/", answers | {"email": "maya@example.com"}).content.decode()
    assert "Everyone who fits your answers is full" in fixed and "Only after 6pm." in fixed
    assert not ConsultationRequest.objects.exists()


def test_a_stale_choice_is_asked_again_and_spam_is_never_offered(client, team, valid_data):
    # "teens" pressed, then "who is it for" changed to myself: not a choice that fits, so the offer comes again.
    html = client.post("/contact/", valid_data | {"waitlist": "teens"}).content.decode()
    assert offered(html) == ["Join the waitlist", "Send my request anyway"]

    client.post("/contact/", valid_data | {"leave_this_empty": "http://spam.example", "waitlist": "adults"})
    assert ConsultationRequest.objects.get().status == Status.SPAM
    assert not WaitlistEntry.objects.exists()


def test_joining_while_the_database_is_away_is_kept_through_the_spool(client, team, valid_data):
    """The choice is part of what the spool keeps: the drain joins the waitlist as the person asked."""
    spool.keep(_query(valid_data | {"waitlist": "adults"}), spam_reason="")

    assert spool.drain().stored == 1
    consultation = ConsultationRequest.objects.get()
    assert consultation.status == Status.WAITLIST
    assert WaitlistEntry.objects.get(consultation=consultation).age_group == "adults"


def _query(data):
    post = QueryDict(mutable=True)
    for name, value in data.items():
        post.setlist(name, value if isinstance(value, list) else [value])
    return post


def test_the_acknowledgement_says_they_are_on_the_waitlist_and_nothing_they_wrote(
    client, team, valid_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/contact/", valid_data | {"waitlist": "adults"})

    (ack,) = [message for message in mailoutbox if message.to == ["maya.torres@example.com"]]
    assert "You are on our waitlist" in ack.body and "Every 4 weeks" in ack.body
    assert "Evenings" not in ack.body and "telehealth" not in ack.body.lower()


def test_when_the_database_cannot_say_whether_everyone_is_full_the_request_is_sent_as_it_is(
    client, team, valid_data, monkeypatch
):
    def database_down(*args, **kwargs):
        raise OperationalError("connection to server lost")

    monkeypatch.setattr(ClinicianQuerySet, "everyone_full", database_down)

    response = client.post("/contact/", valid_data)

    assert response.status_code == 302 and response["Location"] == "/contact/thank-you/"
    assert ConsultationRequest.objects.get().status == Status.NEW


def test_the_service_chosen_narrows_who_fits(client, team, valid_data, home_page):
    """Ana (full) sees grief, Ben (full) nothing named: for a service about sleep no one fits, so no offer."""
    sleep = Concern.objects.create(name="Sleep")
    service = ServiceFactory(parent=ServiceIndexFactory(parent=home_page), title="Sleep", concerns=[sleep])

    response = client.post("/contact/", valid_data | {"service": str(service.pk)})

    assert response["Location"] == "/contact/thank-you/"
    assert not WaitlistEntry.objects.exists()
