"""An editor uploads a zip of Markdown articles with their images from the Import screen, watches the progress page
reach the dry-run report and then the import's report, and publishes one imported draft.

The two steps run on the real database queue, worked by django-tasks-db's own worker in a thread of this test
(with its own database connection), which starts only once the progress page has been seen waiting.
"""

import threading
import zipfile
from contextlib import contextmanager
from pathlib import Path

from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker

from blog.models import ArticlePage
from practice_site.importer.models import ImportJob
from practice_site.settings.base import TASKS as PRODUCTION_TASKS
from tests.browser.axe import assert_no_axe_violations
from tests.factories.users import PASSWORD, UserFactory
from tests.importer.conftest import BlogIndexFactory, image_bytes
from tests.security.helpers import enrol, sign_in_in_browser

FIXTURES = Path(__file__).parent.parent / "importer" / "fixtures"
SECOND = """---
title: Sleep when the mind is busy
summary: Small things that help on restless nights.
---
A short note on sleep.

![A lamp on a bedside table](images/lamp.png)
"""


def articles_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("posts/gentle-start.md", (FIXTURES / "gentle-start.md").read_bytes())
        archive.writestr("posts/chairs.jpg", image_bytes((80, 60)))
        archive.writestr("posts/sleep.md", SECOND)
        archive.writestr("posts/images/lamp.png", image_bytes((60, 40), (200, 180, 90), "PNG"))
    return path


@contextmanager
def queue_worker():
    """django-tasks-db's worker, polling the background queue until the test ends."""
    stop = threading.Event()

    def work():
        try:
            while not stop.is_set():
                Worker(
                    queue_names=["*"], interval=0, batch=True, backend_name="background", startup_delay=False,
                    max_tasks=None, worker_id="browser-test", excluded_queue_names=[],
                ).run()
                stop.wait(0.2)
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=60)


def test_editor_imports_a_zip_watches_it_run_and_publishes_a_draft(page, home_page, settings, tmp_path):
    settings.TASKS = PRODUCTION_TASKS
    BlogIndexFactory(parent=home_page)
    editor = UserFactory(username="editor", groups=["Editors"])
    sign_in_in_browser(page, "editor", PASSWORD, enrol(editor))

    page.goto("/admin/import/")
    assert_no_axe_violations(page)
    page.get_by_label("File to import").set_input_files(str(articles_zip(tmp_path / "articles.zip")))
    assert page.get_by_label("As drafts, for someone to review (recommended)").is_checked()
    page.get_by_role("button", name="Show what would be imported").click()

    # Nothing works the queue yet: the progress page waits, and says so.
    page.get_by_role("heading", name="Checking articles.zip").wait_for()
    assert page.get_by_text("Checking the file: starting").is_visible()
    assert_no_axe_violations(page)
    # The same page in a browser without JavaScript, signed in as the same editor.
    without_js = page.context.browser.new_context(java_script_enabled=False, storage_state=page.context.storage_state())
    plain = without_js.new_page()
    plain.goto(page.url)

    with queue_worker():
        page.get_by_role("heading", name="What importing articles.zip would do").wait_for(timeout=60_000)
        # Without JavaScript the page refreshes itself until the report is there.
        plain.get_by_role("heading", name="What importing articles.zip would do").wait_for(timeout=30_000)
        without_js.close()
        assert page.get_by_text("Articles: 2 created, 0 updated, 0 unchanged, 0 skipped").is_visible()
        assert page.get_by_text("Images: 2 created, 0 updated, 0 unchanged, 0 skipped").is_visible()
        assert page.get_by_text("This is a dry run: nothing has been saved yet.").is_visible()
        assert not ArticlePage.objects.exists()
        assert_no_axe_violations(page)

        page.get_by_role("button", name="Import it").click()
        page.get_by_role("heading", name="Imported from articles.zip").wait_for(timeout=60_000)
    assert_no_axe_violations(page)
    assert ImportJob.objects.get().state == ImportJob.State.DONE
    article = ArticlePage.objects.get(slug="gentle-start")
    assert not article.live and ArticlePage.objects.count() == 2

    page.get_by_role("link", name="Edit “A gentle start to therapy”").click()
    page.wait_for_url(f"**/admin/pages/{article.pk}/edit/")
    assert page.locator("#id_title").input_value() == "A gentle start to therapy"
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/admin/pages/**")
    page.get_by_text("published").first.wait_for()

    article.refresh_from_db()
    assert article.live
    response = page.request.get(article.url)
    assert response.status == 200
    assert "What happens in the first session" in response.text()
    page.goto(article.url)
    assert page.get_by_role("img", name="Two chairs by a window").evaluate("image => image.naturalWidth") > 0
