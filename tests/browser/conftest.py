"""Browser tests: the system Chromium driven by Playwright, axe-core for accessibility.

Locally a machine without Chromium skips these with a message; under CI=true that is a failure.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connections
from playwright.sync_api import sync_playwright
from wagtail.models import Site

from practice_site.core.models import PracticeSettings
from practice_site.demo import consultation as demo_content

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install the Debian package 'chromium'."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " Browser tests are required under CI.")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path, django_db_setup):
    snapshots = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        # With Playwright's event loop in this thread, asgiref hands the tests new database connection
        # objects, without the snapshot django_db_serialized_rollback restores from after a flush.
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def site_url(live_server, django_db_serialized_rollback):
    """The live server's address, with the Wagtail Site pointed at it so page URLs match."""
    parts = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=parts.hostname, port=parts.port)
    return live_server.url


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(base_url=site_url, locale="en-US")
    tab = context.new_page()
    tab.console_messages = []
    tab.on("console", lambda message: tab.console_messages.append(message))
    yield tab
    context.close()


@pytest.fixture
def contact_url(site_url, settings):
    """The demo consultation page, with the practice's phone number set."""
    # People fill this in faster than a person could only in tests.
    settings.INTAKE_MIN_SECONDS = 0
    # Every browser test sends from 127.0.0.1, and the cache table outlives each test's database flush: each test
    # starts with its own rate-limit window.
    cache.clear()
    practice = PracticeSettings.load()
    practice.phone = "(713) 555-0142"
    practice.save()
    demo_content.load()
    return site_url + "/contact/"
