"""Every kind of request the path allows, before, during and after an outage: each one a person was thanked for is
stored exactly once, or shown to coordinators as needing attention. None is missing."""

import itertools
from datetime import time

import pytest
from django.http import QueryDict

from contact.models.request import ConsultationRequest
from contact.outage import spool
from practice_site.demo import consultation as demo_consultation
from practice_site.scheduling import slots
from tests.factories.consultations import form_answers
from tests.factories.scheduling import all_week, make_host
from tests.intake.conftest import aged_token

pytestmark = pytest.mark.django_db

TIMES = ("open", "taken", "none")
PHASES = ("before", "during", "after")


@pytest.fixture
def contact_page(home_page, settings):
    settings.INTAKE_MIN_SECONDS = 0
    return demo_consultation.load()


def answers(name, when, phone, spam):
    data = form_answers(name=name, phone="(281) 624-0199" if phone else "", form_token=aged_token(60))
    if when:
        data["consultation_time"] = when
    if spam:
        data["leave_this_empty"] = "https://spam.example"
    return data


def keep_during_outage(data, spam):
    """What the offline form keeps: the raw post (still with a time a page loaded before the outage offered)."""
    post = QueryDict(mutable=True)
    for field, value in data.items():
        post.setlist(field, value if isinstance(value, list) else [value])
    spool.keep(post, spam_reason="Filled in the hidden field" if spam else "")


def test_each_thanked_request_is_stored_once_or_flagged(client, contact_page, local_state, settings):
    settings.INTAKE_RATE_LIMIT = 1000
    make_host(hours=all_week(time(8), time(18)))
    open_times = iter(slot.value for slot in slots.open_slots()[1:])
    taken = slots.open_slots()[0].value
    assert client.post("/contact/", answers("Taker", taken, True, False)).status_code == 302
    thanked = []
    for phase in PHASES:
        if phase == "after":
            assert spool.drain().rejected == 0
        for kind, phone, spam in itertools.product(TIMES, (True, False), (False, True)):
            name = f"{phase} {kind} {'phone' if phone else 'no phone'} {'spam' if spam else 'person'}"
            when = {"open": next(open_times), "taken": taken, "none": ""}[kind]
            data = answers(name, when, phone, spam)
            if phase == "during":
                keep_during_outage(data, spam)
                thanked.append(name)
            elif client.post("/contact/", data).status_code == 302:
                thanked.append(name)

    # Every request kept during the outage was thanked; so were the ones the full form accepted.
    assert len(thanked) > len(TIMES) * 4
    for name in thanked:
        stored = ConsultationRequest.objects.filter(name=name)
        assert stored.count() == 1, name
    flagged = set(ConsultationRequest.objects.flagged("needs_attention").values_list("name", flat=True))
    # A time taken while a request waited, or chosen without a phone before the outage, is flagged for a call back.
    assert {"during taken phone person", "during open no phone person", "during taken no phone person"} <= flagged
    assert spool.set_aside_count() == 0
    assert list(spool.spool_dir().glob("*.request")) == []
