"""Pages answered from a web process's memory (practice_site/pagecache/memory.py): no database round trip, and
never under a version the process has not heard from the database within the trust time."""

import os
import signal
import time

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections

from blog.models import ArticlePage
from practice_site.pagecache import memory
from practice_site.pagecache.wsgi import CachedPagesFirst

from .conftest import in_another_process, wsgi_call

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLE = "/blog/emdr-explained/"
# A watch that saw nothing for this long has failed the test (the trust time is one second).
PATIENCE_SECONDS = 20


@pytest.fixture
def application(demo, settings):
    settings.PAGE_CACHE_MEMORY_BYTES = 1024 * 1024
    memory.kept.clear()
    yield CachedPagesFirst(WSGIHandler())
    thread = memory._watch["thread"]
    if thread is not None:
        thread.stop()
    memory._watch.update(pid=None, thread=None)
    memory.kept.clear()


def get(application, path=ARTICLE):
    _, headers, body = wsgi_call(application, path, HTTP_ACCEPT_ENCODING="identity")
    return headers.get("X-Page-Cache"), body.decode()


def eventually(condition, what):
    deadline = time.monotonic() + PATIENCE_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"never: {what}")


def remembered(application):
    """Answer the article until it comes from memory: a hit after the connection was closed opens none."""
    assert get(application)[0] == "miss"
    assert get(application)[0] == "hit"
    eventually(lambda: memory.trusted_version() is not None, "the watch heard the version")
    connections.close_all()
    cache_state, body = get(application)
    assert cache_state == "hit"
    assert connection.connection is None, "a page from memory opened a database connection"
    return body


def retitle_in_another_process(title: str) -> None:
    in_another_process(
        "from blog.models import ArticlePage\n"
        "page = ArticlePage.objects.get(slug='emdr-explained')\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()"
    )


def test_a_page_from_memory_needs_no_database_and_a_publish_here_shows_on_the_next_request(application):
    assert "EMDR" in remembered(application)
    page = ArticlePage.objects.get(slug="emdr-explained")
    page.title = "EMDR, step by step"
    page.save_revision().publish()
    cache_state, body = get(application)
    assert cache_state == "miss"
    assert "EMDR, step by step" in body


def test_a_publish_in_another_process_replaces_the_page_in_memory(application):
    remembered(application)
    retitle_in_another_process("What EMDR feels like")
    eventually(lambda: "What EMDR feels like" in get(application)[1], "the other process's publish showed")


def test_a_hung_watch_connection_stops_answers_from_memory_until_it_answers_again(application):
    remembered(application)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s", [memory.APPLICATION_NAME])
        (watch_pid,) = cursor.fetchone()
    connections.close_all()
    os.kill(watch_pid, signal.SIGSTOP)
    try:
        # From then on (until it reconnects) every request takes the database path.
        eventually(lambda: memory.trusted_version() is None, "the hung watch lost its trust")
    finally:
        os.kill(watch_pid, signal.SIGCONT)
    eventually(lambda: memory.trusted_version() is not None, "the watch was trusted again")
