import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.db import connections
from django.http import QueryDict

from contact.outage import spool
from practice_site import embedded_postgres
from practice_site.core.models import PracticeSettings
from practice_site.demo import consultation as demo_consultation
from practice_site.outage import monitor
from tests.factories.consultations import form_answers
from tests.intake.conftest import aged_token

ROOT = Path(__file__).resolve().parents[2]
PHONE = "(713) 555-0142"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def local_state(settings, tmp_path):
    """This process and the ones a test starts share one local state folder (spool, page copies, last-known)."""
    settings.LOCAL_STATE_DIR = tmp_path / "local"
    settings.INTAKE_SPOOL_DIR = tmp_path / "local" / "intake-spool"
    return tmp_path / "local"


def process_environment(local_state: Path, **extra) -> dict:
    database = connections["default"].settings_dict
    host = quote(database["HOST"], safe="")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.outage.process_settings",
        "DATABASE_URL": f"postgresql://{database['USER']}@{host}/{database['NAME']}",
        "LOCAL_STATE_DIR": str(local_state),
        **extra,
    }


@pytest.fixture
def web_server(transactional_db, local_state, tmp_path):
    """gunicorn -w 2 against the test database, as in production; its log is in ``web_server.log``."""
    port = free_port()
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "practice_site.wsgi:application", "--bind", f"127.0.0.1:{port}",
                "--workers", "2", "--no-control-socket", "--graceful-timeout", "2",
            ],
            cwd=ROOT, env=process_environment(local_state), stdout=output, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                requests.get(url + "/static/css/site.css", timeout=10)
                break
            except (requests.ConnectionError, requests.Timeout):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.2)
        yield type("WebServer", (), {"url": url, "log": log, "process": process})
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def contact_page(local_state, client):
    """The consultation page, shown once so the outage path has its copy, with the practice's phone number."""
    practice = PracticeSettings.load()
    practice.phone = PHONE
    practice.save()
    page = demo_consultation.load()
    # Showing the form keeps the page copy the outage path answers from.
    assert client.get(page.url).status_code == 200
    # Connections made from here on are web connections, with the web statement timeout.
    connections.close_all()
    yield page
    monitor.database_up()
    # A connection made under a test's short statement timeout would keep it for the flush after the test, which
    # then gives up on a busy machine: the flush gets a fresh one, made once the settings are restored.
    connections.close_all()


@contextmanager
def database_stopped():
    """The test PostgreSQL stopped for the block, and running again (with fresh connections) after it, whatever
    happens inside. A connection attempt inside the block fails, as in a real outage."""
    datadir = settings.DATABASES["default"]["EMBEDDED_POSTGRES"]["datadir"]
    connections.close_all()
    assert embedded_postgres.stop(datadir)
    try:
        yield
    finally:
        embedded_postgres.restart(datadir)
        connections.close_all()


def kept(**changes) -> str:
    """A complete request kept in the spool as during an outage (the raw post, as the offline form keeps it)."""
    post = QueryDict(mutable=True)
    for name, value in {**form_answers(**changes), "form_token": aged_token(60)}.items():
        post.setlist(name, value if isinstance(value, list) else [value])
    return spool.keep(post, spam_reason="")
