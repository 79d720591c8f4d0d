"""Putting a request on the waitlist from its page, and taking it off: the status and history follow."""

import re

import pytest
from django.urls import reverse

from contact.models import ConsultationRequest, RequestEvent, WaitlistEntry
from tests.factories.consultations import ConsultationRequestFactory
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db
Status = ConsultationRequest.Status


def test_a_coordinator_puts_a_request_on_the_waitlist_and_takes_it_off(client, coordinator_user, clinicians):
    ana, ben = clinicians
    consultation = ConsultationRequestFactory(session_format="in_person", preferred_clinician=ana,
                                              available_times=["evening"])
    force_login_verified(client, coordinator_user)
    inspect = client.get(reverse("consultation_requests:inspect", args=[consultation.pk])).content.decode()
    assert "Put on the waitlist" in inspect
    url = reverse("consultation_waitlist", args=[consultation.pk])
    form = client.get(url)
    assert form.context["form"].initial["clinicians"] == [ana.pk]
    assert form.context["form"].initial["times"] == ["weekday_evening"]

    missing = client.post(url, {"clinicians": [ana.pk], "times": ["weekend"]})
    assert missing.status_code == 400 and "Choose the format they want." in missing.content.decode()
    assert re.search(r'value="weekend"[^>]*checked', missing.content.decode()), "what was typed is kept"
    assert not WaitlistEntry.objects.exists()

    response = client.post(url, {"clinicians": [ana.pk, ben.pk], "session_format": "in_person",
                                 "age_group": "adults", "times": ["weekday_evening"]})
    assert response.status_code == 302
    entry = WaitlistEntry.objects.get(pk=consultation.pk)
    assert set(entry.clinicians.all()) == {ana, ben} and entry.times == ["weekday_evening"]
    consultation.refresh_from_db()
    assert consultation.status == Status.WAITLIST
    assert consultation.events.filter(action=RequestEvent.Action.STATUS_CHANGED,
                                      detail__contains="→ On the waitlist").exists()

    response = client.post(url, {"action": "leave"})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Status.CLOSED and not WaitlistEntry.objects.exists()


def test_the_status_field_alone_cannot_put_a_request_on_the_waitlist(client, coordinator_user):
    consultation = ConsultationRequestFactory()
    force_login_verified(client, coordinator_user)
    response = client.post(reverse("consultation_requests:edit", args=[consultation.pk]),
                           {"status": "waitlist", "assigned_to": "", "follow_up_on": "", "new_note": ""})
    assert response.status_code == 200 and "use “Put on the waitlist”" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == Status.NEW


def test_changing_the_status_off_the_waitlist_deletes_what_it_waited_for(client, coordinator_user):
    consultation = ConsultationRequestFactory(status=Status.WAITLIST)
    WaitlistEntry.objects.create(consultation=consultation, session_format="either", age_group="adults")
    force_login_verified(client, coordinator_user)
    response = client.post(reverse("consultation_requests:edit", args=[consultation.pk]),
                           {"status": "closed", "assigned_to": "", "follow_up_on": "", "new_note": ""})
    assert response.status_code == 302
    assert not WaitlistEntry.objects.exists()
