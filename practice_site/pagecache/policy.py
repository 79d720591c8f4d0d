"""Which requests and responses the page cache may keep, decided without knowing any page type.

- requests: GET or HEAD, without a session or messages cookie (a signed-in person, with the userbar,
  or someone who has entered a page's password), no Authorization header, nothing under
  PAGE_CACHE_EXCLUDED_PATHS (the admin and its previews, search results, the consultation page);
- responses: 200, no cookie set (a page with a CSRF token always sets one, so forms are never kept),
  no Cache-Control forbidding it (the consultation page sends no-store), no CSP nonce, no Vary beyond
  Cookie and Accept-Encoding. A page with view restrictions never answers a request without a session
  with its content: visitors get a password form (which sets the CSRF cookie) or a sign-in redirect.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.csp import CSP

from . import compression

CSP_HEADERS = (str(CSP.HEADER_ENFORCE), str(CSP.HEADER_REPORT_ONLY))
REFUSING_DIRECTIVES = {"private", "no-store", "no-cache"}
ALLOWED_VARY = {"cookie", "accept-encoding"}


def has_personal_cookie(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def excluded_paths() -> list[str]:
    return [*settings.PAGE_CACHE_EXCLUDED_PATHS, settings.STATIC_URL, settings.MEDIA_URL]


def may_keep_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or has_personal_cookie(request):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not any(request.path.startswith(prefix) for prefix in excluded_paths())


def serves_site(request) -> bool:
    """Whether this request is for the public site (anyone's, signed in or not), whose site-wide parts are
    read once per content version; the admin and files are not."""
    if any(request.path.startswith(prefix) for prefix in ("/admin/", settings.STATIC_URL, settings.MEDIA_URL)):
        return False
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


def storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if compression.content_type(response) not in compression.COMPRESSIBLE_TYPES:
        return False
    directives = {directive.split("=")[0] for directive in header_items(response, "Cache-Control")}
    if directives & REFUSING_DIRECTIVES:
        return False
    if any("'nonce-" in response.get(header, "") for header in CSP_HEADERS):
        return False
    return set(header_items(response, "Vary")) <= ALLOWED_VARY


def header_items(response, header: str) -> list[str]:
    return [item.strip().lower() for item in response.get(header, "").split(",") if item.strip()]
