"""``/healthz/``, ``/readyz/`` and ``/deployz/`` for load balancers, orchestrators and deploy gates.

``/readyz/`` stays ready while the database is unreachable and this instance can still serve in outage mode (its
local state folder is writable: page copies, the intake spool), so a load balancer keeps sending visitors to the
calm pages instead of pulling every instance. ``/deployz/`` is the deploy gate: the database answers and every
migration is applied.

Answered by a middleware placed first, so that nothing that needs the database (sessions, site and
redirect lookups) or the HTTPS redirect runs for a probe: a load balancer probes over plain HTTP, with an
address for a host name, and must still be told the truth while the database is down.
"""

import os
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, Error, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponse

from practice_site.outage import monitor

HEALTH_PATH = "/healthz/"
READY_PATH = "/readyz/"
DEPLOY_PATH = "/deployz/"


@cache
def migrations_on_disk() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Every migration the code ships, with what each squashed one replaces (files do not change while running)."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return {key: list(migration.replaces) for key, migration in graph.nodes.items()}


def database_ready(alias: str = DEFAULT_DB_ALIAS) -> bool:
    return database_state(alias) == "ready"


def database_state(alias: str = DEFAULT_DB_ALIAS) -> str:
    """"ready" (it answers and every migration on disk is applied: one query), "unmigrated" or "unreachable"."""
    connection = connections[alias]
    try:
        with monitor.probing():
            # Plain tuples: building ~300 model instances (as applied_migrations() does) costs 50 times more.
            applied = set(MigrationRecorder.Migration.objects.using(alias).values_list("app", "name"))
    except Error:
        # Error, not only DatabaseError: a connection the server dropped fails with an InterfaceError. Also a
        # missing django_migrations table. A broken connection would otherwise be reused by the next probe and
        # fail even once the server is back.
        connection.close()
        return "unreachable"
    monitor.database_up()
    migrated = all(
        key in applied or (replaces and all(old in applied for old in replaces))
        for key, replaces in migrations_on_disk().items()
    )
    return "ready" if migrated else "unmigrated"


def can_keep_local_state() -> bool:
    """LOCAL_STATE_DIR is writable, or can be made where it is missing (the first outage creates it)."""
    folder = Path(settings.LOCAL_STATE_DIR)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK)


def readiness() -> HttpResponse:
    state = database_state()
    if state == "ready":
        return plain("ok", 200)
    if state == "unreachable" and can_keep_local_state():
        return plain("ok: outage mode", 200)
    return plain("not ready", 503)


def plain(text: str, status: int) -> HttpResponse:
    response = HttpResponse(text, content_type="text/plain; charset=utf-8", status=status)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH:
            return plain("ok", 200)
        if request.path == READY_PATH:
            return readiness()
        if request.path == DEPLOY_PATH:
            return plain("ok", 200) if database_ready() else plain("not ready", 503)
        return self.get_response(request)
