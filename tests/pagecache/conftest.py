import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from tests.operations.conftest import purge_server  # noqa: F401
from tests.public_site_fixtures import small_site  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def page_cache(settings):
    """The page cache switched on and empty (cache tables outlive the flush between transactional tests)."""
    settings.PAGE_CACHE_ENABLED = True
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def connections_kept_open():
    """As Django's test client does: the test's transaction survives a request's start and end (a response's
    close, as a WSGI server calls it, would otherwise close the test's connection)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", stdout=None)


@pytest.fixture
def demo(page_cache, demo_site):
    """The demo site, with the page cache on."""


def answer(response) -> SimpleNamespace:
    return SimpleNamespace(
        status=response.status_code, cache=response.get("X-Page-Cache"), text=response.content.decode()
    )


class SecondProcess:
    def __init__(self, database):
        host = quote(database["HOST"], safe="")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "practice_site.settings.test",
            "DATABASE_URL": f"postgresql://{database['USER']}@{host}/{database['NAME']}",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.pagecache.second_process"],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
        )
        assert json.loads(self.process.stdout.readline()) == {"ready": True}

    def get(self, path: str) -> SimpleNamespace:
        self.process.stdin.write(path + "\n")
        return SimpleNamespace(**json.loads(self.process.stdout.readline()))

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def second_process(django_db_setup, django_db_blocker):
    from django.db import connection

    process = SecondProcess(connection.settings_dict)
    yield process
    process.stop()


@pytest.fixture(params=["this process", "a second process"])
def visitor(request, page_cache):
    """An anonymous visitor served by this process or by another one sharing the database and cache."""
    if request.param == "this process":
        client = Client()
        return SimpleNamespace(get=lambda path: answer(client.get(path)))
    return request.getfixturevalue("second_process")


def in_another_process(code: str) -> None:
    """Run ``code`` in a new Django process on the test database (with the page cache on), as an editor's
    publish through another web server would be."""
    database = settings.DATABASES["default"]
    host = quote(database["HOST"], safe="")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "practice_site.settings.test",
        "DATABASE_URL": f"postgresql://{database['USER']}@{host}/{database['NAME']}",
    }
    script = "import django\ndjango.setup()\nfrom django.test import override_settings\n" \
        "with override_settings(PAGE_CACHE_ENABLED=True):\n" + "".join(f"    {line}\n" for line in code.splitlines())
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, check=True, timeout=120)


def wsgi_call(application, path, method="GET", **headers) -> tuple[str, dict, bytes]:
    """One request through a WSGI application, closed once read as a WSGI server does (a miss keeps its page then)."""
    environ = RequestFactory().generic(method, path, **headers).environ
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer.update(status=status, headers=dict(response_headers))

    answered = application(environ, start_response)
    try:
        body = b"".join(answered)
    finally:
        if hasattr(answered, "close"):
            answered.close()
    return answer["status"], answer["headers"], body
