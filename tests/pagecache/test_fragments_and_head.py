"""The header and footer kept as fragments under the content version; HEAD answered without a body."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

from practice_site.core.models import PracticeSettings

pytestmark = pytest.mark.django_db


def current_links(html: str) -> list[str]:
    """The main menu's links marked as the page being read."""
    menu = html.split('<nav class="main-nav"')[1].split("</nav>")[0]
    return [part.split('"')[0] for part in menu.split('<a href="')[1:] if 'aria-current="page"' in part.split(">")[0]]


def test_the_cached_header_marks_the_page_being_read_in_the_menu(client, demo):
    for path in ("/services/", "/team/", "/blog/emdr-explained/", "/services/"):
        assert current_links(client.get(path).content.decode()) == ([path] if path.count("/") == 2 else [])


def test_a_settings_change_shows_in_the_cached_footer_at_once(client, demo, django_capture_on_commit_callbacks):
    assert "Call 988" in client.get("/about/").content.decode()
    settings = PracticeSettings.load()
    settings.crisis_notice = "A crisis notice changed just now."
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    assert "A crisis notice changed just now." in client.get("/fees/").content.decode()


@pytest.mark.parametrize("encoding", ["br", "gzip", ""])
def test_head_of_a_kept_page_gets_the_headers_of_get_and_no_body(demo, connections_kept_open, encoding):
    # Through the handler itself: Django's test client would drop a HEAD body on its own.
    handler, factory = WSGIHandler(), RequestFactory(HTTP_ACCEPT_ENCODING=encoding)
    missed = handler.get_response(factory.get("/blog/"))
    # As a WSGI server does once the answer is sent: the miss keeps its page then.
    missed.close()
    got = handler.get_response(factory.get("/blog/"))
    head = handler.get_response(factory.head("/blog/"))
    assert (missed.get("X-Page-Cache"), got.get("X-Page-Cache"), head.get("X-Page-Cache")) == ("miss", "hit", "hit")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(got.content))
    assert head.get("Content-Encoding") == got.get("Content-Encoding")


def test_head_of_a_page_that_is_not_kept_has_no_body_either(db, demo_site):
    handler = WSGIHandler()
    # Search results are never kept (nor is the consultation page, whose form tokens vary in length).
    got = handler.get_response(RequestFactory().get("/search/?q=trauma"))
    head = handler.get_response(RequestFactory().head("/search/?q=trauma"))
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert int(head["Content-Length"]) == len(got.content) > 0
