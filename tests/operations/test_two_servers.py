"""Two gunicorn web servers with production settings, one PostgreSQL, one S3 (moto): they behave as one site.

Everything a web process keeps lives in PostgreSQL (sessions, the rate-limit cache, the task queue) or in
object storage (media), so any server can answer any request. The servers see only committed data, hence
a transactional test.
"""

import re
import subprocess
import sys
import tempfile
import time
from io import BytesIO

import pytest
import requests
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.test import Client
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from contact.form import spam
from contact.models import ConsultationRequest
from practice_site.core.models import PracticeSettings
from practice_site.demo import consultation as demo_content
from tests.factories.pages import ArticleFactory, BlogIndexFactory
from tests.operations.conftest import PRIVATE_BUCKET, PUBLIC_BUCKET
from tests.operations.gunicorn import several_gunicorns
from tests.operations.production_env import production_environment
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="session")
def static_root():
    """Production settings serve hashed, compressed static files: collect them once, as a deployment would."""
    folder = tempfile.mkdtemp(prefix="rooted-static-")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=settings.BASE_DIR,
        env=production_environment(STATIC_ROOT=folder), check=True, timeout=600,
    )
    yield folder
    subprocess.run(["rm", "-rf", folder], check=False)  # noqa: S607


@pytest.fixture
def two_servers(static_root, s3_endpoint, tmp_path):
    environment = production_environment(
        STATIC_ROOT=static_root,
        AWS_STORAGE_BUCKET_NAME=PUBLIC_BUCKET,
        AWS_PRIVATE_STORAGE_BUCKET_NAME=PRIVATE_BUCKET,
        AWS_S3_ENDPOINT_URL=s3_endpoint,
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        AWS_S3_ADDRESSING_STYLE="path",
    )
    with several_gunicorns(environment, tmp_path, 2) as urls:
        yield urls


class Browser:
    """A person's browser against either server. Cookies are kept by hand: production marks them Secure, and
    this test speaks plain HTTP to 127.0.0.1, as a TLS proxy would behind the scenes."""

    def __init__(self, cookies=None):
        self.cookies = dict(cookies or {})

    def request(self, method, url, **kwargs):
        response = requests.request(method, url, cookies=self.cookies, allow_redirects=False, timeout=30, **kwargs)
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        return response

    def get(self, url):
        return self.request("GET", url)

    def csrf_token(self, url) -> str:
        html = self.get(url).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post_form(self, url, data, files=None, form_url=None):
        token = self.csrf_token(form_url or url)
        return self.request("POST", url, data={**data, "csrfmiddlewaretoken": token}, files=files)


def signed_in_staff(admin_user) -> Browser:
    """A session made in this process is stored in PostgreSQL, so it is valid on both servers."""
    client = Client()
    force_login_verified(client, admin_user)
    return Browser({settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value})


def jpeg_bytes() -> bytes:
    output = BytesIO()
    PillowImage.new("RGB", (1000, 700), (80, 120, 150)).save(output, format="JPEG")
    return output.getvalue()


def consultation_request(name: str) -> dict:
    return {
        "name": name, "email": "person@example.org", "phone": "(281) 624-0199", "preferred_contact": "email",
        "therapy_for": "self", "in_texas": "yes", "session_format": "telehealth", "available_days": ["tue"],
        "available_times": ["evening"], "payment": "self_pay", "message": "Evenings work best for me.",
        "privacy_notice": "on", "leave_this_empty": "",
        "form_token": signing.dumps(time.time() - 60, salt=spam.SIGNING_SALT),
    }


def moto_status(url: str) -> int:
    return requests.get(url, timeout=10).status_code


@pytest.fixture
def site_content(home_page):
    cache.clear()  # the rate limit lives in the shared database cache; start this address at zero
    practice = PracticeSettings.load()
    practice.phone = "(713) 555-0142"
    practice.email = "hello@rootedtherapy.example"
    practice.save()
    demo_content.load()
    return BlogIndexFactory(parent=home_page)


def test_two_web_servers_share_media_pages_requests_and_the_rate_limit(
    site_content, two_servers, admin_user, s3_endpoint
):
    first, second = two_servers
    staff = signed_in_staff(admin_user)

    # An image uploaded through the first server…
    response = staff.post_form(
        f"{first}/admin/images/add/",
        {"title": "Harbor at dawn", "description": "Boats in a calm harbor",
         "collection": str(Collection.get_first_root_node().pk), "tags": ""},
        files={"file": ("harbor.jpg", jpeg_bytes(), "image/jpeg")},
    )
    assert response.status_code == 302, response.text[:2000]
    image = get_image_model().objects.get(title="Harbor at dawn")
    # …is served on the second: its admin page shows a rendition the second server made from the stored original.
    edit_page = staff.get(f"{second}/admin/images/{image.pk}/").text
    previews = re.findall(rf'{re.escape(s3_endpoint)}/{PUBLIC_BUCKET}/images/[^"\s]+', edit_page)
    assert previews and all(moto_status(url) == 200 for url in previews)

    # A page published through the first server shows on the second at once.
    article = ArticleFactory(parent=site_content, title="Finding calm at the harbor", hero_image=image, live=False)
    article.save_revision()
    assert requests.get(f"{second}{article.url_path[len('/home'):]}", timeout=30).status_code == 404
    publish_url = f"{first}/admin/bulk/wagtailcore/page/publish/?id={article.pk}&next=/admin/"
    assert staff.post_form(publish_url, {"include_descendants": ""}).status_code == 302
    public = requests.get(f"{second}/blog/{article.slug}/", timeout=30)
    assert public.status_code == 200
    assert "Finding calm at the harbor" in public.text
    hero_images = re.findall(rf'{re.escape(s3_endpoint)}/{PUBLIC_BUCKET}/images/[^"\s,]+', public.text)
    assert hero_images and all(moto_status(url) == 200 for url in hero_images)
    assert s3_endpoint in public.headers["Content-Security-Policy"]

    # A consultation request sent to the second server appears in the first server's admin.
    visitor = Browser()
    sent = visitor.post_form(f"{second}/contact/", consultation_request("Jordan Ellis"))
    assert sent.status_code == 302, sent.text[:2000]
    assert ConsultationRequest.objects.filter(name="Jordan Ellis").exists()
    listing = staff.get(f"{first}/admin/consultation-requests/")
    assert listing.status_code == 200
    assert "Jordan Ellis" in listing.text

    # The rate limit (5 an hour per address) counts requests to both servers together.
    for number, server in enumerate([first, second, first, second], start=2):
        assert visitor.post_form(f"{server}/contact/", consultation_request(f"Person {number}")).status_code == 302
    refused = visitor.post_form(f"{first}/contact/", consultation_request("Person 6"))
    assert refused.status_code == 429
    assert ConsultationRequest.objects.count() == 5
