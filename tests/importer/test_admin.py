"""The Import screen: upload, dry run, confirm; errors beside the field; only for people who may add articles."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from blog.models import ArticlePage
from practice_site.importer.models import PendingUpload
from tests.factories.users import UserFactory

from .conftest import FIXTURES, database_state

pytestmark = pytest.mark.django_db
URL = "/admin/import/"


@pytest.fixture
def editor(client, site, login_verified):
    user = UserFactory(groups=["Editors"])
    login_verified(client, user)
    return user


def upload(name, data, status="draft"):
    return {"file": SimpleUploadedFile(name, data), "status": status}


def test_the_menu_offers_import_to_editors(client, editor):
    # Wagtail renders its menu from JSON in the page.
    assert '"/admin/import/"' in client.get("/admin/").content.decode()
    page = client.get(URL).content.decode()
    assert re.search(r'<label[^>]*for="id_file"', page)
    draft_choice = re.search(r'<input[^>]*value="draft"[^>]*>', page).group(0)
    assert "checked" in draft_choice


def test_preview_shows_what_would_be_created_then_confirm_imports_a_draft(client, editor):
    before = database_state()
    markdown = (FIXTURES / "gentle-start.md").read_bytes()
    preview = client.post(URL, upload("gentle-start.md", markdown))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "What importing gentle-start.md would do" in html
    assert "Articles: 1 created, 0 updated, 0 unchanged, 0 skipped" in html
    assert "Images missing (1): chairs.jpg" in html  # the image was not uploaded with it
    assert database_state() | {"imported": 0} == before | {"imported": 0}
    assert not ArticlePage.objects.exists()
    token = PendingUpload.objects.get(user=editor).token

    done = client.post("/admin/import/confirm/", {"token": token})
    html = done.content.decode()
    article = ArticlePage.objects.get(slug="gentle-start")
    assert not article.live
    assert "Imported from gentle-start.md" in html
    assert f'href="/admin/pages/{article.pk}/edit/"' in html
    assert not PendingUpload.objects.exists()


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
    response = client.post(URL, upload(name, data))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html or "error-message" in html
    assert database_state() == before
    assert not PendingUpload.objects.exists()


def test_a_confirmation_without_this_sessions_upload_is_refused_kindly(client, editor):
    response = client.post("/admin/import/confirm/", {"token": "not-a-real-token"})
    assert response.status_code == 200
    assert "That upload has expired; choose the file again." in response.content.decode()


def test_someone_who_may_not_add_articles_gets_no_import_screen(client, site, login_verified):
    user = UserFactory(permissions=["wagtailadmin.access_admin"])
    login_verified(client, user)
    assert client.get(URL).status_code in {302, 403}
    assert '"/admin/import/"' not in client.get("/admin/").content.decode()
