"""``/healthz/`` and ``/readyz/`` for load balancers and orchestrators.

Answered by a middleware placed first, so that nothing that needs the database (sessions, site and
redirect lookups) or the HTTPS redirect runs for a probe: a load balancer probes over plain HTTP, with an
address for a host name, and must still be told the truth while the database is down.
"""

from functools import cache

from django.db import DEFAULT_DB_ALIAS, Error, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponse

HEALTH_PATH = "/healthz/"
READY_PATH = "/readyz/"


@cache
def migrations_on_disk() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Every migration the code ships, with what each squashed one replaces (files do not change while running)."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return {key: list(migration.replaces) for key, migration in graph.nodes.items()}


def database_ready(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """The database answers, and every migration on disk is recorded as applied (one query)."""
    connection = connections[alias]
    try:
        # Plain tuples: building ~300 model instances (as applied_migrations() does) costs 50 times more.
        applied = set(MigrationRecorder.Migration.objects.using(alias).values_list("app", "name"))
    except Error:
        # Error, not only DatabaseError: a connection the server dropped fails with an InterfaceError. Also a
        # missing django_migrations table. A broken connection would otherwise be reused by the next probe and
        # fail even once the server is back.
        connection.close()
        return False
    return all(
        key in applied or (replaces and all(old in applied for old in replaces))
        for key, replaces in migrations_on_disk().items()
    )


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
            return plain("ok", 200) if database_ready() else plain("not ready", 503)
        return self.get_response(request)
