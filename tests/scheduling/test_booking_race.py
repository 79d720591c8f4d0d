"""A hundred people from different places sending the form for the same last open time at once."""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import time
from http.cookiejar import CookieJar
from urllib.parse import urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.core.wsgi import get_wsgi_application
from django.db import connections

from tests.factories.scheduling import all_week

PEOPLE = 100
WORKERS = 40
TAKEN = "That time was just taken — here are the times still open"


class PooledWSGIServer(WSGIServer):
    """Django served by a fixed pool of worker threads, as gunicorn serves it in production.

    Every request is accepted at once (the listen backlog holds all of them); WORKERS are handled at a time,
    each with its own database connection, which stays under PostgreSQL's default 100 connections.
    """

    request_queue_size = PEOPLE * 2

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pool = ThreadPoolExecutor(WORKERS)

    def process_request(self, request, client_address):
        self.pool.submit(self._handle, request, client_address)

    def _handle(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001 -- reported like socketserver does, and the test sees the status
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            connections.close_all()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def pooled_server(transactional_db, django_db_serialized_rollback):
    server = make_server("127.0.0.1", 0, get_wsgi_application(), server_class=PooledWSGIServer,
                         handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.pool.shutdown(wait=True)
        server.server_close()


@pytest.fixture
def contact_url(pooled_server, settings):
    from wagtail.models import Site

    from practice_site.core.models import PracticeSettings
    from practice_site.demo import consultation as demo_content
    from practice_site.scheduling.models import ConsultationSchedule, WeeklyHours
    from tests.factories.users import coordinator

    settings.INTAKE_MIN_SECONDS = 0
    # Each person is their own client to the rate limit, as behind the production proxy.
    settings.TRUSTED_PROXY = True
    parts = urlsplit(pooled_server)
    Site.objects.filter(is_default_site=True).update(hostname=parts.hostname, port=parts.port)
    practice = PracticeSettings.load()
    practice.phone = "(713) 555-0142"
    practice.save()
    demo_content.load()
    schedule = ConsultationSchedule.objects.create(host=coordinator())
    WeeklyHours.objects.bulk_create(
        WeeklyHours(schedule=schedule, weekday=day, starts_at=start, ends_at=end)
        for day, start, end in all_week(time(9), time(10))
    )
    return pooled_server + "/contact/"


def _send(url, number, slot_value, ready, results, lock):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    address = {"X-Forwarded-For": f"198.51.{number // 250}.{number % 250 + 1}"}
    html = opener.open(urllib.request.Request(url, headers=address), timeout=120).read().decode()  # noqa: S310
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', html))
    data = urllib.parse.urlencode({
        **fields, "name": f"Person {number}", "phone": f"(713) 555-{number:04d}", "preferred_contact": "call",
        "therapy_for": "self", "in_texas": "yes", "session_format": "either", "payment": "not_sure",
        "message": f"Message from person {number}", "privacy_notice": "on", "consultation_time": slot_value,
    }).encode()
    ready.wait(timeout=120)
    try:
        response = opener.open(urllib.request.Request(url, data=data, headers=address), timeout=120)  # noqa: S310
        status, final_url, body = response.status, response.url, response.read().decode()
    except urllib.error.HTTPError as error:
        status, final_url, body = error.code, error.url, error.read().decode()
    with lock:
        results.append((number, status, final_url, body))


def send_all(url, values, people):
    """``people`` senders at once, each choosing ``values[number % len(values)]``; their (number, status, url,
    body), once all have answered."""
    ready, results, lock = threading.Barrier(people), [], threading.Lock()
    threads = [threading.Thread(target=_send, args=(url, number, values[number % len(values)], ready, results, lock))
               for number in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def test_a_hundred_people_racing_for_the_last_time_give_one_booking(contact_url):
    from contact.models import ConsultationRequest
    from practice_site.scheduling import slots
    from practice_site.scheduling.models import Booking

    last = slots.open_slots()[-1]
    results = send_all(contact_url, [last.value], PEOPLE)

    assert len(results) == PEOPLE
    assert all(status != 500 for _, status, _, _ in results)
    winners = [result for result in results if result[1] == 200 and result[2].endswith("/contact/thank-you/")]
    assert len(winners) == 1
    losers = [result for result in results if result[1] == 409]
    assert len(losers) == PEOPLE - 1
    for number, _, _, body in losers:
        assert TAKEN in body
        assert f'value="Person {number}"' in body and f"Message from person {number}" in body
        assert f'value="{last.value}"' not in body

    (booking,) = Booking.objects.all()
    assert (booking.start, booking.status) == (last.start, "booked")
    assert ConsultationRequest.objects.get().name == f"Person {winners[0][0]}"
