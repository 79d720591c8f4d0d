from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from . import views

# WordPress's shortlinks: the site's root with the item's id in the query string.
WORDPRESS_ID_PARAMETERS = ("p", "page_id", "attachment_id")

import_urls = [
    path("", views.ImportView.as_view(), name="import"),
    path("<int:job_id>/", views.JobView.as_view(), name="job"),
    path("<int:job_id>/status/", views.JobStatusView.as_view(), name="job_status"),
    path("<int:job_id>/confirm/", views.ConfirmView.as_view(), name="confirm"),
]


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("import/", include((import_urls, "importer"), namespace="importer"))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem("Import", reverse("importer:import"), icon_name="download", order=10000)


@hooks.register("before_serve_page")
def redirect_wordpress_shortlinks(page, request, serve_args, serve_kwargs):
    """/?p=123 finds the home page, so Wagtail's redirect middleware (which acts on a 404) never sees it."""
    if not any(parameter in request.GET for parameter in WORDPRESS_ID_PARAMETERS):
        return None
    old_path = Redirect.normalise_path(request.get_full_path())
    redirect = (
        Redirect.get_for_site(Site.find_for_request(request))
        .filter(old_path=old_path)
        .select_related("redirect_page")
        .first()
    )
    if redirect is None or not redirect.link:
        return None
    response_class = HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
    return response_class(redirect.link)
