"""A sitemap index over pages of at most SITEMAP_PAGE_SIZE URLs, built from three columns per page.

Wagtail's own sitemap builds every page as its specific type to ask it for its URL: with thousands of
articles that alone takes seconds. The URLs are the same: the site's root URL plus the page's path below
the site's root page, for every live, public page of the requesting site.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.urls import reverse
from wagtail.models import Page, Site

from .keys import reads_query_parameters


class PageSitemap(Sitemap):
    def __init__(self, site: Site):
        self.site = site
        root_url = urlsplit(site.root_url)
        self.protocol, self.domain = root_url.scheme, root_url.netloc

    @property
    def limit(self) -> int:
        return settings.SITEMAP_PAGE_SIZE

    def pages(self):
        return Page.objects.descendant_of(self.site.root_page, inclusive=True).live().public()

    def items(self):
        return (
            self.pages()
            .order_by("path")
            .annotate(lastmod=Coalesce("last_published_at", "latest_revision_created_at"))
            .values_list("url_path", "lastmod")
        )

    def location(self, item):
        url_path, _ = item
        return reverse("wagtail_serve", args=(url_path[len(self.site.root_page.url_path) :],))

    def lastmod(self, item):
        return item[1]

    def get_domain(self, site=None):
        return self.domain

    def get_latest_lastmod(self):
        return self.pages().aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )["latest"]


def site_sitemaps(request) -> dict[str, Sitemap]:
    site = Site.find_for_request(request) or Site.objects.select_related("root_page").get(is_default_site=True)
    return {"pages": PageSitemap(site)}


@reads_query_parameters()
def index(request):
    return sitemap_views.index(request, site_sitemaps(request), sitemap_url_name="sitemap-section")


# Django's sitemap pages are ?p=N.
@reads_query_parameters("p")
def section(request, section):
    return sitemap_views.sitemap(request, site_sitemaps(request), section=section)
