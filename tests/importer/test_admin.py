"""The Import screen: upload, a dry run on the background queue, confirm, the import on the background queue, and
a report kept to read later; errors beside the field; only for people who may add articles."""

import io
import re
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.images import get_image_model

from blog.models import ArticlePage
from practice_site.importer.models import ImportJob
from practice_site.importer.tasks import Progress
from practice_site.settings.base import TASKS as PRODUCTION_TASKS
from tests.factories.users import UserFactory

from .conftest import FIXTURES, database_state, image_bytes

pytestmark = pytest.mark.django_db
URL = "/admin/import/"


@pytest.fixture
def editor(client, site, login_verified):
    user = UserFactory(groups=["Editors"])
    login_verified(client, user)
    return user


def upload(name, data, status="draft"):
    return {"file": SimpleUploadedFile(name, data), "status": status}


def markdown_zip() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("posts/gentle-start.md", (FIXTURES / "gentle-start.md").read_bytes())
        archive.writestr("posts/chairs.jpg", image_bytes((80, 60)))
    return output.getvalue()


def media_files(settings) -> set:
    return set(Path(settings.MEDIA_ROOT).rglob("*"))


def test_the_menu_offers_import_to_editors(client, editor):
    # Wagtail renders its menu from JSON in the page.
    assert '"/admin/import/"' in client.get("/admin/").content.decode()
    page = client.get(URL).content.decode()
    assert re.search(r'<label[^>]*for="id_file"', page)
    draft_choice = re.search(r'<input[^>]*value="draft"[^>]*>', page).group(0)
    assert "checked" in draft_choice


def test_dry_run_first_then_confirm_imports_a_draft_and_the_report_stays(client, editor):
    before = database_state()
    markdown = (FIXTURES / "gentle-start.md").read_bytes()
    preview = client.post(URL, upload("gentle-start.md", markdown), follow=True)
    html = preview.content.decode()
    job = ImportJob.objects.get(user=editor)
    assert preview.redirect_chain == [(f"/admin/import/{job.pk}/", 302)]
    assert "What importing gentle-start.md would do" in html
    assert "Articles: 1 created, 0 updated, 0 unchanged, 0 skipped" in html
    assert "Images missing (1): chairs.jpg" in html  # the image was not uploaded with it
    assert database_state() == before
    assert not ArticlePage.objects.exists()

    done = client.post(f"/admin/import/{job.pk}/confirm/", follow=True)
    html = done.content.decode()
    article = ArticlePage.objects.get(slug="gentle-start")
    assert not article.live
    assert "Imported from gentle-start.md" in html
    assert f'href="/admin/pages/{article.pk}/edit/"' in html
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and bytes(job.data) == b""

    # Later: the Import screen lists it, and its report is still there.
    assert f'href="/admin/import/{job.pk}/"' in client.get(URL).content.decode()
    assert "Articles: 1 created" in client.get(f"/admin/import/{job.pk}/").content.decode()
    # Confirming again imports nothing twice.
    client.post(f"/admin/import/{job.pk}/confirm/")
    assert ArticlePage.objects.count() == 1


def test_the_dry_run_of_a_zip_with_images_writes_nothing_to_storage(client, editor, settings):
    before, files = database_state(), media_files(settings)
    client.post(URL, upload("articles.zip", markdown_zip()))
    job = ImportJob.objects.get(user=editor)
    assert job.state == ImportJob.State.CHECKED
    assert "  Images: 1 created, 0 updated, 0 unchanged, 0 skipped" in job.dry_run_report
    assert media_files(settings) == files
    assert database_state() == before

    client.post(f"/admin/import/{job.pk}/confirm/")
    assert get_image_model().objects.filter(title="chairs").count() == 1
    assert media_files(settings) != files


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("letter.docx", b"plain text", "letter.docx is not a Word document"),
        ("export.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rss/>', "declares XML entities"),
        ("export.xml", b"<?xml version='1.0'?><rss><channel>", "is not well-formed XML"),
        ("empty.txt", b"", "The submitted file is empty."),
    ],
)
def test_errors_come_back_beside_the_upload_field(client, editor, name, data, message):
    before = database_state()
    response = client.post(URL, upload(name, data), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html or "error-message" in html
    assert database_state() == before
    assert not ImportJob.objects.exclude(state=ImportJob.State.REFUSED).exists()


def test_the_progress_page_refreshes_without_javascript_and_reports_in_place(client, editor):
    job = ImportJob.objects.create(
        user=editor, name="blog.zip", data=b"PK", status="draft", state=ImportJob.State.IMPORTING, done=12, total=40
    )
    html = client.get(f"/admin/import/{job.pk}/").content.decode()
    assert "Importing blog.zip" in html
    assert "Importing: 12 of 40 items" in html
    assert re.search(r'<noscript><meta http-equiv="refresh" content="\d+"></noscript>.*</head>', html, re.S)
    assert "importer/progress.js" in html
    status = client.get(f"/admin/import/{job.pk}/status/").json()
    assert status == {"running": True, "state": "Importing", "done": 12, "total": 40}

    job.state = ImportJob.State.DONE
    job.save()
    assert "http-equiv" not in client.get(f"/admin/import/{job.pk}/").content.decode()
    assert client.get(f"/admin/import/{job.pk}/status/").json()["running"] is False


@override_settings(TASKS=PRODUCTION_TASKS)
def test_both_steps_run_on_the_background_queue(client, editor):
    client.post(URL, upload("gentle-start.md", (FIXTURES / "gentle-start.md").read_bytes()))
    job = ImportJob.objects.get(user=editor)
    assert job.state == ImportJob.State.CHECKING
    assert DBTaskResult.objects.get().status == "READY"
    assert "Checking gentle-start.md" in client.get(f"/admin/import/{job.pk}/").content.decode()

    run_worker()
    job.refresh_from_db()
    assert job.state == ImportJob.State.CHECKED
    client.post(f"/admin/import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.state == ImportJob.State.IMPORTING and not ArticlePage.objects.exists()

    run_worker()
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE
    assert ArticlePage.objects.filter(slug="gentle-start").exists()


def run_worker():
    # The worker closes stale connections between tasks, which would close the test's own transaction.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--backend", "background", verbosity=0)


def test_someone_elses_import_is_not_found(client, editor):
    other = UserFactory(groups=["Editors"])
    job = ImportJob.objects.create(user=other, name="x.md", data=b"# x", status="draft", state="checked")
    assert client.get(f"/admin/import/{job.pk}/").status_code == 404
    assert client.post(f"/admin/import/{job.pk}/confirm/").status_code == 404
    job.refresh_from_db()
    assert job.state == ImportJob.State.CHECKED


def test_someone_who_may_not_add_articles_gets_no_import_screen(client, site, login_verified):
    user = UserFactory(permissions=["wagtailadmin.access_admin"])
    login_verified(client, user)
    assert client.get(URL).status_code in {302, 403}
    assert '"/admin/import/"' not in client.get("/admin/").content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_is_visible_while_the_import_holds_its_transaction_open(site):
    job = ImportJob.objects.create(
        user=UserFactory(), name="blog.zip", data=b"PK", status="draft", state=ImportJob.State.IMPORTING
    )
    progress = Progress(job.pk)
    try:
        with transaction.atomic():
            progress(40, 40)
            assert ImportJob.objects.values_list("done", "total").get(pk=job.pk) == (40, 40)
            transaction.set_rollback(True)
    finally:
        progress.close()
