"""Past the spool's limits during an outage (per address, then in all), a person gets the kind 503: the practice's
phone number, the crisis notice and everything they typed, with nothing written to disk and nothing they typed in
a log line, a header or the address."""

import logging
from html import escape

import pytest
from django.conf import settings as django_settings

from contact.outage import spool
from tests.factories.consultations import form_answers
from tests.intake.conftest import aged_token

from .conftest import PHONE, database_stopped

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TYPED = {
    "name": "Quinn Halvorsen",
    "preferred_name": "Quinnie",
    "pronouns": "they/xem",
    "email": "quinn.halvorsen@example.net",
    "phone": "(832) 555-0187",
    "message": "Panic attacks since the accident in March.",
}


@pytest.fixture
def every_log_line(caplog):
    """caplog sees every record, also those of the loggers that do not pass theirs on to the root."""
    caplog.set_level(logging.DEBUG)
    quiet = [logging.getLogger(name) for name in django_settings.LOGGING["loggers"]]
    for logger in quiet:
        logger.addHandler(caplog.handler)
    yield caplog
    for logger in quiet:
        logger.removeHandler(caplog.handler)


def send(client, page, address, **changes):
    data = {**form_answers(**changes), "form_token": aged_token(60)}
    return client.post(page.url, data, REMOTE_ADDR=address)


def spool_listing() -> list:
    return sorted(str(path.relative_to(spool.spool_dir())) for path in spool.spool_dir().rglob("*"))


def assert_kind_503_keeping_what_was_typed(response, page):
    assert response.status_code == 503
    html = response.content.decode()
    assert "We couldn’t save your request just now" in html
    assert PHONE in html and 'href="tel:7135550142"' in html
    assert "This form is not for emergencies" in html and 'href="tel:988"' in html
    for name, value in TYPED.items():
        assert escape(value) in html, name
    assert "Location" not in response.headers
    assert response.request["PATH_INFO"] == page.url and not response.request.get("QUERY_STRING")
    headers = " ".join(f"{key}: {value}" for key, value in response.headers.items())
    for value in TYPED.values():
        assert value not in headers


def test_past_the_limits_per_address_and_in_all_the_form_answers_a_kind_503_and_keeps_nothing(
    client, contact_page, settings, every_log_line
):
    settings.INTAKE_SPOOL_RATE_LIMIT = 2
    settings.INTAKE_SPOOL_MAX_FILES = 3

    with database_stopped():
        for number in range(2):
            thanked = send(client, contact_page, "203.0.113.7", name=f"Early Sender {number}")
            assert thanked.status_code == 302, thanked.content.decode()[:2000]
        kept = spool_listing()
        assert len([name for name in kept if name.endswith(".request")]) == 2

        one_too_many = send(client, contact_page, "203.0.113.7", **TYPED)
        assert_kind_503_keeping_what_was_typed(one_too_many, contact_page)
        assert spool_listing() == kept

        assert send(client, contact_page, "198.51.100.20", name="Another Sender").status_code == 302
        kept = spool_listing()
        assert len([name for name in kept if name.endswith(".request")]) == 3

        spool_full = send(client, contact_page, "192.0.2.55", **TYPED)
        assert_kind_503_keeping_what_was_typed(spool_full, contact_page)
        assert spool_listing() == kept

    messages = [record.getMessage() for record in every_log_line.records]
    assert "A consultation request was not kept in the local spool (TooManyFromAddress)" in messages
    assert "A consultation request was not kept in the local spool (SpoolFull)" in messages
    logged = "\n".join(messages + [every_log_line.text])
    for name, value in TYPED.items():
        assert value not in logged, name
    assert "8325550187" not in logged and "Early Sender" not in logged
