"""The site an import lands in, and the files it brings.

Page factories come from this one import line (tests/browser/test_import_browser.py takes them from here too).
"""

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image as PillowImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from blog.models import Topic
from contact.models import ContactPage
from practice_site.importer import downloads
from practice_site.importer.models import ImportedItem
from tests.factories.pages import BlogIndexFactory, ClinicianFactory, TeamIndexFactory

FIXTURES = Path(__file__).parent / "fixtures"


def image_bytes(size=(64, 40), colour=(90, 140, 120), format="JPEG") -> bytes:
    output = BytesIO()
    PillowImage.new("RGB", size, colour).save(output, format=format)
    return output.getvalue()


@pytest.fixture
def site(home_page):
    """Home, blog index, a team with the author of the old posts, and the consultation page."""
    blog = BlogIndexFactory(parent=home_page)
    team = TeamIndexFactory(parent=home_page)
    maya = ClinicianFactory(parent=team, title="Maya Lopez")
    contact = ContactPage(title="Request a consultation", slug="consultation")
    home_page.add_child(instance=contact)
    return {"home": home_page, "blog": blog, "maya": maya, "contact": contact}


@pytest.fixture
def uploads(tmp_path) -> Path:
    """The old site's wp-content/uploads: originals only (the export links to sized variants too)."""
    folder = tmp_path / "uploads" / "2021" / "03"
    folder.mkdir(parents=True)
    (folder / "calm-room.jpg").write_bytes(image_bytes((120, 80)))
    (folder / "leaves.png").write_bytes(image_bytes((90, 60), (200, 120, 40), "PNG"))
    return tmp_path / "uploads"


@pytest.fixture
def run_import():
    """``run_import(*args)`` → the command's output; raises CommandError as the command does."""

    def run(*args):
        output = StringIO()
        call_command("import_content", *[str(arg) for arg in args], stdout=output)
        return output.getvalue()

    return run


def database_state() -> dict:
    """Everything an import may create, counted; equal before and after means nothing was half-made."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "topics": Topic.objects.count(),
        "redirects": Redirect.objects.count(),
        "imported": ImportedItem.objects.count(),
    }


@pytest.fixture
def allow_test_server(monkeypatch):
    """``allow_test_server(port)``: the importer may fetch from 127.0.0.1 on that port, and nowhere else private.

    The refusal of loopback stays in force for every other port, so the tests still prove it.
    """

    refuses = downloads.allowed_address

    def allow(port):
        def allowed(address, asked_port):
            return (address == "127.0.0.1" and asked_port == port) or refuses(address, asked_port)

        monkeypatch.setattr(downloads, "allowed_address", allowed)

    return allow
