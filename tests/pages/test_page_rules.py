"""Where each page type may be created, checked with Wagtail's own assertions."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage, BlogIndexPage
from practice_site.home.models import HomePage
from practice_site.pages import models as pages
from tests.factories.pages import ArticleFactory, ClinicianFactory, StandardPageFactory
from tests.public_site_fixtures import build_site
from tests.security.helpers import force_login_verified


class TestPageCreationRules(WagtailPageTestCase):
    def test_sections_live_directly_under_the_home_page(self):
        for model in (pages.ServiceIndexPage, pages.TeamIndexPage, BlogIndexPage, pages.StandardPage, pages.FAQPage):
            self.assertCanCreateAt(HomePage, model)
        for model in (pages.ServicePage, pages.ClinicianPage, ArticlePage):
            self.assertCanNotCreateAt(HomePage, model)

    def test_each_index_holds_only_its_own_pages(self):
        self.assertAllowedSubpageTypes(pages.ServiceIndexPage, {pages.ServicePage})
        self.assertAllowedSubpageTypes(pages.TeamIndexPage, {pages.ClinicianPage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {ArticlePage})

    def test_leaf_pages_have_no_children(self):
        for model in (pages.ServicePage, pages.ClinicianPage, ArticlePage, pages.FAQPage):
            self.assertAllowedSubpageTypes(model, set())

    def test_detail_pages_have_exactly_one_kind_of_parent(self):
        self.assertAllowedParentPageTypes(pages.ServicePage, {pages.ServiceIndexPage})
        self.assertAllowedParentPageTypes(pages.ClinicianPage, {pages.TeamIndexPage})
        self.assertAllowedParentPageTypes(ArticlePage, {BlogIndexPage})
        self.assertAllowedParentPageTypes(pages.StandardPage, {HomePage, pages.StandardPage})

    def test_standard_pages_can_nest_for_policies(self):
        self.assertCanCreateAt(pages.StandardPage, pages.StandardPage)
        self.assertCanNotCreateAt(Page, pages.StandardPage)

    def test_every_page_type_renders(self):
        site = build_site(HomePage.objects.get(depth=2), 3)
        standard = StandardPageFactory(parent=site.home, title="About")
        for page in (
            site.home, site.services_index, site.services[0], site.team, site.clinicians[0], site.blog,
            site.articles[0], standard,
        ):
            self.assertPageIsRenderable(page)
        self.assertPageIsRoutable(site.blog, "topic/anxiety/")
        self.assertPageIsRoutable(site.blog, "feed/")

    def test_every_page_type_opens_in_the_editor(self):
        site = build_site(HomePage.objects.get(depth=2), 3)
        standard = StandardPageFactory(parent=site.home, title="About")
        superuser = get_user_model().objects.create_superuser("editor", "editor@example.com", "x")
        force_login_verified(self.client, superuser)
        for page in (
            site.home, site.services_index, site.services[0], site.team, site.clinicians[0], site.blog,
            site.articles[0], standard,
        ):
            response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            self.assertEqual(response.status_code, 200, type(page).__name__)
        for parent, model in ((site.home, pages.FAQPage), (site.team, pages.ClinicianPage), (site.blog, ArticlePage)):
            opts = model._meta
            response = self.client.get(
                reverse("wagtailadmin_pages:add", args=[opts.app_label, opts.model_name, parent.pk])
            )
            self.assertEqual(response.status_code, 200, model.__name__)


@pytest.mark.django_db
def test_an_associate_must_name_a_supervisor(small_site):
    with pytest.raises(ValidationError) as error:
        ClinicianFactory(
            parent=small_site.team,
            licenses=[pages.ClinicianLicense(license_type=pages.LicenseType.LPC_ASSOCIATE, number="81234")],
        )
    assert "supervisor" in str(error.value)


@pytest.mark.django_db
def test_an_article_review_needs_both_reviewer_and_date(small_site):
    with pytest.raises(ValidationError):
        ArticleFactory(parent=small_site.blog, reviewed_by=small_site.clinicians[0], reviewed_on=None)
    with pytest.raises(ValidationError):
        ArticleFactory(parent=small_site.blog, reviewed_by=None, reviewed_on=date(2026, 1, 1))
