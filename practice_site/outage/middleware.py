"""Answers every request the database cannot serve: an app's own outage handling, a page copy, or a calm 503.

It sits inside the page cache (right after WhiteNoise): a page the cache holds is answered before this runs,
and only what the cache cannot answer comes here. Checking the connection first costs nothing in the normal
case, as every request opens or reuses it anyway. Once a connection has failed, the process is in outage mode
(a circuit breaker, monitor.py): it answers at once, without a connection attempt, and only one request every
OUTAGE_PROBE_EVERY_SECONDS tries the database again, so a host that drops packets costs one connect_timeout per
interval, not per page. Web requests' statements give up after WEB_STATEMENT_TIMEOUT_MS: a database that hangs
counts as down too. A write the intake path could not make (a read-only database, a full disk) reaches
``process_exception`` as IntakeWriteFailed and goes to the apps' outage handling, which keeps the request.
"""

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.backends.signals import connection_created
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.csp import CSP, build_policy
from wagtail import hooks

from practice_site.pagecache.copies import copy_response

from . import DATABASE_AVAILABLE_HOOK, OUTAGE_REQUEST_HOOK, lastknown, monitor
from .monitor import DATABASE_ERRORS


class IntakeWriteFailed(DatabaseError):
    """Raised by an app whose write failed while the database still answered: its outage handling takes over."""


def database_reachable() -> bool:
    # While the breaker is open, the backend refuses a new connection at once (outage/postgresql/base.py).
    connection = connections["default"]
    try:
        # With CONN_HEALTH_CHECKS, the check Django would make at the first query anyway (once per request).
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DATABASE_ERRORS:
        return False
    return True


def limit_statements(sender, connection, **kwargs):
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [settings.WEB_STATEMENT_TIMEOUT_MS])


def run_database_available_hooks(*, batch: int | None = None) -> None:
    """``batch``: how much local work a hook may do now (a web request passes a small number; None is all)."""
    for hook in hooks.get_hooks(DATABASE_AVAILABLE_HOOK):
        hook(batch=batch)


def unavailable_page(request):
    response = render(request, "outage/unavailable.html", {"practice": lastknown.practice()}, status=503)
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def during_outage(request, *, copies_allowed=True, database_answers=False):
    if not database_answers:
        monitor.database_down()
    response = None
    for hook in hooks.get_hooks(OUTAGE_REQUEST_HOOK):
        response = hook(request)
        if response is not None:
            break
    if response is None and copies_allowed:
        response = copy_response(request)
    if response is None:
        response = unavailable_page(request)
    # The CSP middleware sits further in and never sees these; the pages need no nonce.
    response.headers.setdefault(str(CSP.HEADER_ENFORCE), build_policy(settings.SECURE_CSP))
    response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
    # Django would log each 503 as an error: the outage is reported once a minute instead.
    response._has_been_logged = True
    return response


class OutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Only connections opened for web requests: the worker and management commands keep their own.
        connection_created.connect(limit_statements, dispatch_uid="outage-web-statement-timeout")

    def __call__(self, request):
        if not database_reachable():
            return during_outage(request)
        monitor.database_up()
        try:
            run_database_available_hooks(batch=settings.INTAKE_SPOOL_WEB_BATCH)
        except DATABASE_ERRORS:
            return during_outage(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        """The database went away while this request was being handled, or refused the intake path's write."""
        if isinstance(exception, IntakeWriteFailed):
            return during_outage(request, copies_allowed=False, database_answers=True)
        if isinstance(exception, DATABASE_ERRORS):
            # Middleware further in may still store a 200 in the page cache: only the 503 page here.
            return during_outage(request, copies_allowed=False)
        return None
