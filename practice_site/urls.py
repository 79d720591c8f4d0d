from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from practice_site.pagecache import sitemaps
from practice_site.pages import views as page_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # A download's answer depends on who asks (collection privacy) and may be a signed, expiring link:
    # no CDN or shared cache may keep it.
    path("documents/", include(decorate_urlpatterns(wagtaildocs_urls.urlpatterns, never_cache))),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("search/", page_views.search, name="search"),
    path("calendar/", include("practice_site.scheduling.urls")),
    path("waitlist/", include("contact.waitlist.urls")),
]

# django.conf.urls.static.static() is a no-op without DEBUG, and the browser tests run with DEBUG off.
if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

urlpatterns += [path("", include(wagtail_urls))]
