"""`manage.py measure_outage_latency`: how fast this process answers while its database never answers.

A local TCP listener on 127.0.0.1 accepts connections and stays silent (as a host dropping packets looks after the
connect): the default database points at it, and pages and a form post are sent through the whole middleware
stack in this process. The first request waits for connect_timeout; after it, the circuit breaker answers from
outage mode. Changes nothing: the database is never reached, and a form post here fails the form's own checks.
"""

import socket
import statistics
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections
from django.test import Client


def silent_listener() -> tuple[socket.socket, list]:
    """A listener that accepts and never answers; the list fills with the connections it accepted."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    held = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return listener, held


class Command(BaseCommand):
    help = "Measure page and form answers while the database host accepts connections and never answers (p50, p95)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=60, help="Requests after the first (default 60).")
        parser.add_argument("--path", action="append", help="Paths to load (default / and /contact/).")

    def handle(self, *, requests, path, **options):
        paths = path or ["/", "/contact/"]
        listener, _ = silent_listener()
        database = connections["default"].settings_dict
        connections.close_all()
        database["HOST"], database["PORT"] = "127.0.0.1", str(listener.getsockname()[1])
        host = next((name for name in settings.ALLOWED_HOSTS if name not in ("*", "")), "localhost").lstrip(".")
        client = Client(HTTP_HOST=host, raise_request_exception=False)
        try:
            started = time.perf_counter()
            client.get(paths[0], secure=True)
            first = time.perf_counter() - started
            timings, statuses = [], {}
            for number in range(requests):
                target = paths[number % len(paths)]
                started = time.perf_counter()
                if number % 4 == 3:
                    response = client.post(target, {"name": ""}, secure=True)
                else:
                    response = client.get(target, secure=True)
                timings.append(time.perf_counter() - started)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        finally:
            listener.close()
        self.stdout.write(f"First request (waits for connect_timeout): {first * 1000:.0f} ms")
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
        self.stdout.write(
            f"After it, {len(timings)} requests: p50 {statistics.median(timings) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms; statuses {dict(sorted(statuses.items()))}"
        )
