import os

import pytest
from django.core.cache import cache
from django.db import connections

from practice_site.core import sitewide
from practice_site.home.models import HomePage
from tests.security.helpers import force_login_verified

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def nothing_kept_from_another_test():
    """Each test starts with no site-wide objects kept in this process (a rolled-back test's content
    version can come back in the next)."""
    sitewide.forget()


@pytest.fixture(autouse=True)
def no_cache_entries_from_another_test(request, django_db_blocker):
    """A transactional test starts with an empty shared cache, as it starts with an empty database: the cache table
    is not a model's, so the flush between tests leaves it (and every test client sends from 127.0.0.1, sharing
    one rate-limit window across the whole run)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in request.fixturenames
    if transactional:
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture
def home_page(db):
    return HomePage.objects.get(depth=2)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized test data where every connection object finds it.

    Serialized rollback restores migration data (home page, Site, groups) from an attribute set on the
    connection object at setup. Django keeps connection objects per context, and Playwright's sync API
    runs browser tests in another (greenlet) context, where a fresh connection object lacks the attribute:
    when an ordinary db test ran first, every transactional test after the first started empty.
    """
    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents


@pytest.fixture
def login_verified(db):
    """``login_verified(client, user)``: force_login with the second factor passed (see tests/security/helpers.py)."""
    return force_login_verified
