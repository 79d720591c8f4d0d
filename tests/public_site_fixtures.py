"""Fixtures shared by the public site's tests (imported by tests/pages and tests/blog conftests)."""

from datetime import date
from types import SimpleNamespace

import pytest
from wagtail.contrib.settings.registry import registry as settings_registry

from practice_site.home.models import HomeFeaturedService
from tests.factories.pages import (
    ArticleFactory,
    BlogIndexFactory,
    ClinicianFactory,
    ServiceFactory,
    ServiceIndexFactory,
    TeamIndexFactory,
    TopicFactory,
)


def build_site(home, count: int) -> SimpleNamespace:
    """A site with ``count`` services, clinicians and articles, all linked to each other."""
    services_index = ServiceIndexFactory(parent=home)
    services = [ServiceFactory(parent=services_index) for _ in range(count)]
    team = TeamIndexFactory(parent=home)
    clinicians = [ClinicianFactory(parent=team, specialties=services[:2]) for _ in range(count)]
    blog = BlogIndexFactory(parent=home)
    topic = TopicFactory(name="Anxiety", slug="anxiety")
    articles = [
        ArticleFactory(
            parent=blog, author=clinicians[index], reviewed_by=clinicians[0], reviewed_on=date(2026, 1, 5),
            topics=[topic], related_services=[services[0]],
        )
        for index in range(count)
    ]
    home.featured_service_links = [HomeFeaturedService(service=service) for service in services]
    home.save()
    # As on a live site, the settings have been saved once (else the first page view creates them).
    for setting in settings_registry:
        setting.load()
    return SimpleNamespace(
        home=home, services_index=services_index, services=services, team=team, clinicians=clinicians,
        blog=blog, topic=topic, articles=articles,
    )


@pytest.fixture
def small_site(home_page):
    return build_site(home_page, 3)
