"""No call link, feed address or search term in a log line the project writes."""

import logging

import pytest

from practice_site.scheduling.tokens import make_calendar_token, make_token
from tests.factories.scheduling import call, make_host

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(settings):
    """What the project's own log handler prints, with its filters."""
    import io

    handler = logging.getHandlerByName("stdout")
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_refused_call_links_feeds_and_searches_leave_no_token_in_the_log(client, logged, home_page):
    from practice_site.demo import consultation as demo_content

    demo_content.load()
    schedule = make_host()
    booking = call(schedule.host, days=-2)  # a past call: its links are expired and refused with a 410
    manage, calendar = make_token(booking), make_calendar_token(booking)
    assert client.get(f"/contact/call/{manage}/").status_code == 410
    assert client.get(f"/contact/call/{calendar}/").status_code == 404
    assert client.get("/calendar/not-a-real-feed-token.ics").status_code == 404
    client.get("/search/?q=panic+attacks")
    logging.getLogger("django.request").warning("Not Found: %s", "/search/?q=panic+attacks")

    text = logged.getvalue()
    assert "/contact/call/[hidden]/" in text and "/calendar/[hidden].ics" in text
    for secret in (manage, calendar, "not-a-real-feed-token", "panic"):
        assert secret not in text
