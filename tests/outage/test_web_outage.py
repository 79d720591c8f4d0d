"""The public site through a PostgreSQL outage, served by gunicorn -w 2 against the test database."""

import re
import time

import pytest
import requests
from cryptography.fernet import Fernet, InvalidToken
from django.http import QueryDict

from contact.models.receipts import SpooledRequest
from contact.models.request import ConsultationRequest
from contact.outage import spool
from practice_site.core.models import PracticeSettings
from practice_site.demo import consultation as demo_consultation
from tests.factories.consultations import form_answers
from tests.intake.conftest import aged_token

from .conftest import database_stopped

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = "(713) 555-0142"


@pytest.fixture
def site(local_state):
    practice = PracticeSettings.load()
    practice.phone = PHONE
    practice.email = "hello@rootedtherapy.example"
    practice.save()
    return demo_consultation.load()


def request_data(name: str) -> dict:
    return form_answers(name=name, email="maya.torres@example.com")


def open_form(browser: requests.Session, url: str) -> dict:
    """The hidden fields a browser would send back: the CSRF token and the form's time token."""
    page = browser.get(url + "/contact/", timeout=10)
    assert page.status_code == 200
    return {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1],
        # As if the person spent a minute with the form.
        "form_token": aged_token(60),
    }


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.5)


def test_requests_sent_while_the_database_is_down_are_thanked_and_stored_once_it_is_back(web_server, site):
    browser = requests.Session()
    first, second = open_form(browser, web_server.url), open_form(browser, web_server.url)
    sent_at = time.time()

    with database_stopped():
        answer = browser.post(
            web_server.url + "/contact/", data={**request_data("Maya Torres"), **first},
            headers={"Referer": web_server.url + "/contact/"}, timeout=10,
        )
        assert answer.status_code == 200
        assert "Thank you: your request was received" in answer.text
        assert PHONE in answer.text
        assert "988" in answer.text
        again = browser.post(
            web_server.url + "/contact/", data={**request_data("Sam Lee"), **second},
            headers={"Referer": web_server.url + "/contact/"}, timeout=10,
        )
        assert again.status_code == 200
        assert "your request was received" in again.text
        files = sorted(spool.spool_dir().glob("*.request"))
        assert len(files) == 2
        # Encrypted: nothing typed is on disk, and another key cannot open it.
        assert b"Maya" not in files[0].read_bytes()
        with pytest.raises(InvalidToken):
            Fernet(Fernet.generate_key()).decrypt(files[0].read_bytes())

    # The next request that finds the database up stores them.
    assert requests.get(web_server.url + "/", timeout=10).status_code == 200
    wait_for(lambda: ConsultationRequest.objects.count() == 2)
    maya = ConsultationRequest.objects.get(name="Maya Torres")
    assert (maya.preferred_name, maya.pronouns, maya.email, maya.phone) == (
        "Maya", "she/her", "maya.torres@example.com", "+12816240199"
    )
    assert (maya.preferred_contact, maya.voicemail_ok, maya.therapy_for, maya.in_texas) == ("email", True, "self", True)
    assert (maya.session_format, maya.available_days, maya.available_times, maya.payment) == (
        "telehealth", ["tue", "thu"], ["evening"], "self_pay"
    )
    assert maya.message == "Evenings work best for me."
    assert maya.status == ConsultationRequest.Status.NEW and maya.spam_reason == ""
    # Its original time, not the time it was stored.
    assert sent_at - 1 < maya.received_at.timestamp() < sent_at + 30
    assert maya.notifications.count() == 2
    assert ConsultationRequest.objects.filter(name="Sam Lee", status=ConsultationRequest.Status.NEW).count() == 1
    assert SpooledRequest.objects.count() == 2
    assert list(spool.spool_dir().glob("*.request")) == []
    # Another drain finds nothing to store twice.
    assert spool.drain().stored == 0
    assert ConsultationRequest.objects.count() == 2


def test_a_corrupted_spool_file_is_reported_and_kept_aside_while_the_others_are_stored(local_state, site, caplog):
    folder = spool.spool_dir()
    folder.mkdir(parents=True)
    (folder / "0-broken.request").write_bytes(b"not a spool file")
    data = {**request_data("Maya Torres"), "form_token": aged_token(60)}
    post = QueryDict(mutable=True)
    for name, value in data.items():
        post.setlist(name, value if isinstance(value, list) else [value])
    spool.keep(post, spam_reason="")

    report = spool.drain()

    assert (report.stored, report.rejected) == (1, 1)
    assert ConsultationRequest.objects.filter(name="Maya Torres").count() == 1
    assert (folder / "rejected" / "0-broken.request").read_bytes() == b"not a spool file"
    assert "0-broken.request cannot be decrypted or read" in caplog.text
    assert "Maya" not in caplog.text


def test_while_the_database_is_down_cached_pages_are_served_and_others_get_a_calm_503(web_server, site):
    # Cached first (a miss stores it, and its local copy); gunicorn has two workers, so both get to see it.
    for _ in range(4):
        assert requests.get(web_server.url + "/", timeout=10).status_code == 200
    home = requests.get(web_server.url + "/", timeout=10).text
    log_before = web_server.log.read_text()

    with database_stopped():
        answers = [requests.get(web_server.url + "/", timeout=10) for _ in range(20)]
        uncached = [requests.get(web_server.url + "/contact/", timeout=10) for _ in range(20)]

    assert {answer.status_code for answer in answers} == {200}
    assert answers[0].text == home
    assert {answer.status_code for answer in uncached} == {503}
    assert uncached[0].headers["Retry-After"]
    assert PHONE in uncached[0].text
    assert "988" in uncached[0].text and "not for emergencies" in uncached[0].text
    assert "Rooted Therapy" in uncached[0].text
    # Back by itself.
    assert requests.get(web_server.url + "/contact/", timeout=10).status_code == 200
    outage_log = web_server.log.read_text()[len(log_before):]
    assert "Traceback" not in outage_log
    lines = [line for line in outage_log.splitlines() if line.strip()]
    # At most one "unreachable" line and one "reachable again" line per worker.
    assert len(lines) <= 4, lines
    assert any("Database unreachable" in line for line in lines)
