"""Per page: queries and HTML bytes (raw, and as the page cache keeps them); the staff listing's p50.

Runs in-process through Django's test client with the page cache off, under the bench's environment.
Prints one JSON object.
"""

import json
import statistics
import sys
import time

import django

# Not a cycle: the functions below import models only after __main__ has called django.setup()
# with the bench's own settings, which module-level imports would precede.

STAFF_URLS = {
    "list": "/admin/consultation-requests/",
    "search": "/admin/consultation-requests/?q=smith",
    "filter": "/admin/consultation-requests/?status=new",
}


def page_figures(client, paths) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from practice_site.pagecache import compression

    figures = {}
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        body = response.content
        figures[path] = {
            "status": response.status_code,
            "queries": len(queries),
            "raw": len(body),
            "br": len(compression.compress(body, "br", thorough=True)),
            "gzip": len(compression.compress(body, "gzip", thorough=True)),
        }
    return figures


def staff_client():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _ = get_user_model().objects.get_or_create(
        username="bench-staff", defaults={"is_superuser": True, "is_staff": True, "email": "bench@example.com"}
    )
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def staff_p50(repeats: int) -> dict:
    client = staff_client()
    result = {}
    for name, url in STAFF_URLS.items():
        assert client.get(url).status_code == 200, url
        timings = []
        for _ in range(repeats):
            began = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
        result[name] = statistics.median(timings)
    return result


def main():
    django.setup()
    from django.test import Client

    paths = sys.argv[1:]
    print(json.dumps({"pages": page_figures(Client(), paths), "staff": staff_p50(repeats=9)}))


if __name__ == "__main__":
    main()
