import pytest

from practice_site.core.models import PracticeSettings
from tests.factories.pages import StandardPageFactory, TeamIndexFactory
from tests.public_site_fixtures import small_site  # noqa: F401


@pytest.fixture
def team(home_page):
    """A team page to put clinicians under, and the contact page their consultation button leads to."""
    practice = PracticeSettings.load()
    practice.consultation_page = StandardPageFactory(parent=home_page, title="Contact", slug="contact")
    practice.save()
    return TeamIndexFactory(parent=home_page)
