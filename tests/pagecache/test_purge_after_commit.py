"""CDN purges are sent once the change is committed, after the page cache's new version; a site-wide change
purges every page in one batch per backend; a change that rolls back (an import's dry run) purges nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page

from practice_site.core.models import PracticeSettings
from practice_site.pagecache import version
from tests.importer.conftest import FIXTURES

from . import recording_backend

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BACKEND = "tests.pagecache.recording_backend.RecordingBackend"


@pytest.fixture
def recorded(settings, small_site):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": BACKEND, "NAME": "cdn"},
        "proxy": {"BACKEND": BACKEND, "NAME": "proxy"},
    }
    recording_backend.calls.clear()
    return recording_backend.calls


def test_a_publish_is_purged_after_its_commit_and_after_the_new_version(recorded, small_site):
    article = small_site.articles[0]
    article.title = "Sleep, revisited"
    before = version.current()
    with transaction.atomic():
        article.save_revision().publish()
        assert recorded == []

    assert [call["backend"] for call in recorded] == ["cdn", "proxy"]
    for call in recorded:
        assert call["in_transaction"] is False
        assert call["version"] != before
        assert call["urls"] == {
            f"http://localhost/blog/{article.slug}/", "http://localhost/blog/", "http://localhost/blog/feed/",
            "http://localhost/blog/topic/anxiety/", "http://localhost/",
        }


def test_a_settings_change_purges_every_page_in_one_batch_per_backend(recorded, small_site):
    with transaction.atomic():
        practice = PracticeSettings.load()
        practice.phone = "(832) 555-0199"
        practice.save()
        # A second change in the same transaction adds nothing to send.
        practice.crisis_notice = "Call or text 988."
        practice.save()

    assert [call["backend"] for call in recorded] == ["cdn", "proxy"]
    urls = recorded[0]["urls"]
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        assert page.get_full_url() in urls
    assert {"http://localhost/blog/feed/", "http://localhost/blog/topic/anxiety/"} <= urls
    assert recorded[0]["in_transaction"] is False


def test_a_change_that_rolls_back_purges_nothing(recorded, small_site):
    before = version.current()
    with transaction.atomic():
        small_site.articles[0].save_revision().publish()
        PracticeSettings.load().save()
        transaction.set_rollback(True)

    assert recorded == []
    assert version.current() == before


def run_import(*arguments) -> str:
    output = StringIO()
    call_command("import_content", *[str(argument) for argument in arguments], stdout=output)
    return output.getvalue()


def test_an_import_dry_run_purges_nothing(recorded, small_site):
    report = run_import(FIXTURES / "gentle-start.md", "--status", "live", "--dry-run")

    assert report.startswith("Dry run: nothing was saved.")
    assert recorded == []


def test_the_same_import_for_real_purges_once_it_is_saved(recorded, small_site):
    run_import(FIXTURES / "gentle-start.md", "--status", "live")

    assert recorded
    assert all(call["in_transaction"] is False for call in recorded)
    assert any("http://localhost/blog/gentle-start/" in call["urls"] for call in recorded)
