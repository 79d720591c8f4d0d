"""When the CSRF check fails (cookies blocked, or an old cookie), nobody loses what they typed.

Django's own page is a bare 403, and the form page is never cached, so Back would show it empty. For the
consultation form the answers come back, unvalidated and unstored, with a fresh token; elsewhere a kind page.
Nothing from the request is logged here: the POST may be health information.

Only a request from our own pages gets its answers back: when the Origin or Referer check failed, another site
sent the POST, and filling our form with its words would help it put them in a person's mouth.
"""

from django.db import DatabaseError
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.csrf import csrf_failure as django_csrf_failure

from contact.form.views import form_after_csrf_failure
from contact.models import ContactPage


def _came_from_our_own_page(reason: str) -> bool:
    # Django checks Origin and Referer before the cookie and token, so a cookie or token reason means those passed.
    return reason == REASON_NO_CSRF_COOKIE or reason.startswith("CSRF token")


def _consultation_page_at(request):
    if request.method != "POST":
        return None
    page = ContactPage.objects.live().public().first()
    if page is None:
        return None
    _site_id, _root_url, path = page.get_url_parts(request) or (None, None, None)
    return page if path == request.path else None


def csrf_failure(request, reason=""):
    try:
        page = _consultation_page_at(request) if _came_from_our_own_page(reason) else None
        if page is not None:
            response = form_after_csrf_failure(page, request)
        else:
            response = TemplateResponse(request, "403_csrf.html", status=403).render()
    except DatabaseError:
        # Our kind pages need the database; Django's own needs nothing.
        return django_csrf_failure(request, reason)
    add_never_cache_headers(response)
    return response
