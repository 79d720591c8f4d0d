"""Media in S3-compatible storage, against moto's S3 API on 127.0.0.1."""

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from io import BytesIO

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories.pages import ArticleFactory
from tests.operations.conftest import PRIVATE_BUCKET, PUBLIC_BUCKET
from tests.operations.s3_settings import use_s3

pytestmark = pytest.mark.django_db


@pytest.fixture
def s3(settings, monkeypatch, s3_endpoint):
    use_s3(settings, monkeypatch, s3_endpoint)
    caches["renditions"].clear()
    yield s3_endpoint
    caches["renditions"].clear()


def anonymous_get(url):
    """A visitor's browser: no credentials, no signature unless the URL carries one."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local moto server
            return response.status, response.headers.get("Content-Type"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), b""


def jpeg_upload(name="garden-path.jpg"):
    output = BytesIO()
    PillowImage.new("RGB", (1200, 800), (90, 140, 110)).save(output, format="JPEG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def test_an_image_uploaded_in_the_admin_is_shown_on_the_public_page_from_object_storage(
    s3, small_site, client, admin_user, login_verified
):
    login_verified(client, admin_user)
    response = client.post(
        "/admin/images/add/",
        {"title": "Garden path", "description": "A stone path between ferns", "file": jpeg_upload(),
         "collection": Collection.get_first_root_node().pk, "tags": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Garden path")
    # The original is private: the bucket answers a visitor's unsigned request with 403.
    assert anonymous_get(f"{s3}/{PRIVATE_BUCKET}/{image.file.name}")[0] == 403

    article = ArticleFactory(parent=small_site.blog, title="Walking as therapy", hero_image=image, live=False)
    article.save_revision(user=admin_user).publish()
    client.logout()

    html = client.get(article.url).content.decode()

    rendition_urls = set(re.findall(rf'{re.escape(s3)}/{PUBLIC_BUCKET}/images/[^"\s,]+', html))
    assert rendition_urls, "the page shows no image from object storage"
    for url in rendition_urls:
        status, content_type, body = anonymous_get(url)
        assert status == 200, url
        assert content_type.startswith("image/")
        assert body
    assert "/media/" not in html
    # Link previews get the storage's own absolute URL, not one glued to this site's host.
    assert re.search(rf'<meta property="og:image" content="{re.escape(s3)}/{PUBLIC_BUCKET}/images/', html)


@pytest.fixture
def private_document(s3):
    staff_only = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title="Supervision notes", collection=staff_only,
        file=ContentFile(b"%PDF-1.4\n% private\n", name="supervision-notes.pdf"),
    )


def test_a_private_document_is_refused_to_a_visitor_and_never_a_public_bucket_url(private_document, client, s3):
    response = client.get(private_document.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/_util/login/")
    assert s3 not in response["Location"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # Neither the private bucket nor the public one hands the file to anyone without a signature.
    key = private_document.file.name
    assert anonymous_get(f"{s3}/{PRIVATE_BUCKET}/{key}")[0] == 403
    assert anonymous_get(f"{s3}/{PUBLIC_BUCKET}/{key}")[0] in {403, 404}


def test_a_signed_in_person_gets_a_short_lived_signed_url_to_the_document(private_document, client, admin_user, s3):
    client.force_login(admin_user)

    response = client.get(private_document.url)

    assert response.status_code == 302
    location = response["Location"]
    assert "no-store" in response["Cache-Control"], "a CDN must not hand this signed link to someone else"
    assert location.startswith(f"{s3}/{PRIVATE_BUCKET}/documents/")
    assert "Signature=" in location or "X-Amz-Signature=" in location
    status, _, body = anonymous_get(location)
    assert (status, body) == (200, b"%PDF-1.4\n% private\n")


def settings_in_a_fresh_process(**environ):
    """The production settings as a web process with this environment would compute them."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'storages': {k: v['BACKEND'] for k, v in s.STORAGES.items()}, "
        "'img_src': s.SECURE_CSP['img-src'], 'docs': getattr(s, 'WAGTAILDOCS_SERVE_METHOD', None), "
        "'media_root': str(s.MEDIA_ROOT)}))"
    )
    environment = {
        "PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "practice_site.settings.production",
        "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org", "CSRF_TRUSTED_ORIGINS": "https://example.org",
        "WAGTAILADMIN_BASE_URL": "https://example.org", "DATABASE_URL": "postgres://u@db.invalid/rooted",
        "EMAIL_HOST": "smtp.invalid", "DEFAULT_FROM_EMAIL": "site@example.org", **environ,
    }
    output = subprocess.run(
        [sys.executable, "-c", code], env=environment, cwd=django_settings.BASE_DIR,
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_without_storage_variables_media_stays_in_local_files():
    computed = settings_in_a_fresh_process()
    assert computed["storages"]["default"] == "django.core.files.storage.FileSystemStorage"
    assert "public_media" not in computed["storages"]
    assert computed["img_src"] == ["'self'", "data:"]
    assert computed["media_root"] == str(django_settings.BASE_DIR / "media")


def test_storage_variables_switch_media_to_object_storage_and_allow_its_images():
    computed = settings_in_a_fresh_process(
        AWS_STORAGE_BUCKET_NAME="rooted-media", AWS_S3_CUSTOM_DOMAIN="media.rootedtherapy.example",
        AWS_ACCESS_KEY_ID="key", AWS_SECRET_ACCESS_KEY="secret",
    )
    assert computed["storages"]["default"] == "storages.backends.s3.S3Storage"
    assert computed["storages"]["public_media"] == "storages.backends.s3.S3Storage"
    assert computed["docs"] == "redirect"
    assert computed["img_src"] == ["'self'", "data:", "https://media.rootedtherapy.example"]
