"""Hits answered by the WSGI application before Django's request handling (practice_site/pagecache/wsgi.py)."""

import brotli
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

from practice_site.pagecache.wsgi import CachedPagesFirst

from .conftest import wsgi_call as call

pytestmark = pytest.mark.django_db

ARTICLE = "/blog/emdr-explained/"


@pytest.fixture
def application(demo, connections_kept_open):
    return CachedPagesFirst(WSGIHandler())


def decoded(body: bytes, coding: str) -> bytes:
    return brotli.decompress(body) if coding == "br" else body


@pytest.mark.parametrize("coding", ["br", "identity"])
def test_a_hit_is_the_page_the_miss_stored_with_its_headers(application, coding):
    status, miss_headers, miss_body = call(application, ARTICLE, HTTP_ACCEPT_ENCODING=coding)
    assert (status, miss_headers["X-Page-Cache"]) == ("200 OK", "miss")

    status, hit_headers, hit_body = call(application, ARTICLE, HTTP_ACCEPT_ENCODING=coding)
    assert (status, hit_headers["X-Page-Cache"]) == ("200 OK", "hit")
    # The miss was compressed quickly for its visitor, the kept page thoroughly once the miss was sent.
    assert decoded(hit_body, coding) == decoded(miss_body, coding)
    assert hit_headers == {**miss_headers, "X-Page-Cache": "hit", "Content-Length": str(len(hit_body))}
    # Headers set by middleware further in, kept with the page.
    assert hit_headers["Content-Security-Policy"] and hit_headers["X-Content-Type-Options"] == "nosniff"

    status, head_headers, head_body = call(application, ARTICLE, method="HEAD", HTTP_ACCEPT_ENCODING=coding)
    assert (head_body, head_headers["Content-Length"]) == (b"", str(len(hit_body)))


def test_personal_excluded_and_unsafe_requests_are_left_to_django(application):
    call(application, ARTICLE)
    signed_in = {"HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}=abc"}
    assert "X-Page-Cache" not in call(application, ARTICLE, **signed_in)[1]
    assert "X-Page-Cache" not in call(application, "/contact/")[1]
    assert call(application, ARTICLE, method="POST")[0].startswith("403")
    assert call(application, ARTICLE, HTTP_HOST="evil.example")[0].startswith("400")
