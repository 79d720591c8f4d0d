"""Request guards and headers for staff access: second factor, idle admin sessions, admin CSP."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.csp import CSP

from .two_factor import has_two_factor, must_verify

LAST_ACTIVITY_SESSION_KEY = "security_last_activity"
CSP_HEADER = str(CSP.HEADER_ENFORCE)

# Admin URLs a signed-in person may open before giving the second factor: signing in and out,
# the second factor itself, and the assets those pages load.
OPEN_BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor:verify",
    "two_factor:setup",
}

# Requests the admin's pages send by themselves while open; they say nothing about a person being there.
BACKGROUND_REQUESTS = {"wagtailadmin_editing_sessions:ping"}


def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def login_url() -> str:
    # Where Wagtail sends someone signed out.
    return getattr(settings, "WAGTAILADMIN_LOGIN_URL", reverse("wagtailadmin_login"))


def view_name(request) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def redirect_with_next(url_name: str, request):
    """Send the person to the view ``url_name``, to come back to this page afterwards.

    Only the path comes back: a query string can hold a client's name (an admin search), which must
    not travel into another URL, the access log or the browser's history.
    """
    return redirect(f"{reverse(url_name)}?{urlencode({'next': request.path})}")


def without_query_in_sign_in_redirect(request, response):
    """Wagtail sends someone signed out to sign in with the whole URL, query string included, as ``next``."""
    if not request.META.get("QUERY_STRING"):
        return response
    if response.get("Location") == redirect_to_login(request.get_full_path(), login_url())["Location"]:
        return redirect_to_login(request.path, login_url())
    return response


class TwoFactorRequiredMiddleware:
    """Keeps a session that still owes its second factor out of every admin URL but the sign-in pages.

    Guarding the whole /admin/ prefix rather than chosen views means a new admin view (say, a
    consultation request export) cannot be forgotten. Wagtail's own sign-in redirect for someone
    signed out is trimmed here too, as ours are: it would carry the query string into ``next``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(admin_prefix()):
            return self.get_response(request)
        if must_verify(request.user):
            name = view_name(request)
            if name not in OPEN_BEFORE_SECOND_FACTOR and not (name or "").startswith("wagtailadmin_password_reset"):
                step = "two_factor:verify" if has_two_factor(request.user) else "two_factor:setup"
                return redirect_with_next(step, request)
        return without_query_in_sign_in_redirect(request, self.get_response(request))


class AdminIdleTimeoutMiddleware:
    """Signs a person out after ADMIN_IDLE_TIMEOUT_MINUTES without an admin request of their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and request.path_info.startswith(admin_prefix()):
            now = time.time()
            last_activity = request.session.get(LAST_ACTIVITY_SESSION_KEY)
            if last_activity is not None and now - last_activity > settings.ADMIN_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    f"You were signed out after {settings.ADMIN_IDLE_TIMEOUT_MINUTES} minutes without activity, "
                    "to keep client information safe. Please sign in again.",
                )
                return redirect_with_next("wagtailadmin_login", request)
            if view_name(request) not in BACKGROUND_REQUESTS:
                request.session[LAST_ACTIVITY_SESSION_KEY] = now
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere (Django has no setting for it) and the admin's own CSP.

    The public site keeps SECURE_CSP. Wagtail's admin needs a few relaxations (ADMIN_CSP).
    Previews are the exception inside /admin/: Wagtail renders the public page through the
    whole middleware chain (so it already carries the public policy, with its own nonce) and
    marks the response X-Frame-Options: SAMEORIGIN for the editor's preview panel. Only
    frame-ancestors changes for those, to match.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if response.get("X-Frame-Options") == "SAMEORIGIN" and CSP_HEADER in response:
            response[CSP_HEADER] = with_frame_ancestors(response[CSP_HEADER], settings.PREVIEW_FRAME_ANCESTORS)
        elif request.path_info.startswith(admin_prefix()):
            policy = dict(settings.ADMIN_CSP)
            if response.get("X-Frame-Options") == "SAMEORIGIN":
                policy["frame-ancestors"] = settings.PREVIEW_FRAME_ANCESTORS
            response._csp_config = policy
        return response


def with_frame_ancestors(policy: str, sources) -> str:
    directives = [directive.strip() for directive in policy.split(";") if directive.strip()]
    kept = [directive for directive in directives if directive.split()[0] != "frame-ancestors"]
    return "; ".join([*kept, "frame-ancestors " + " ".join(sources)])
