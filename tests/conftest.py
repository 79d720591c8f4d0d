import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def home_page(db):
    from practice_site.pages.models import HomePage

    return HomePage.objects.get(depth=2)


@pytest.fixture
def login_verified(db):
    """``login_verified(client, user)``: force_login with the second factor passed (see tests/security/helpers.py)."""
    from tests.security.helpers import force_login_verified

    return force_login_verified
