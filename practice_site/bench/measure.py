"""Per page: queries and HTML bytes (raw, and as the page cache keeps them); the staff listing's and the
waitlist's p50.

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
WAITLIST_URL = "/admin/waitlist/"
COORDINATORS = "Intake coordinators"


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


def signed_in(username: str, **account):
    """A test client signed in as this staff account, past the second factor."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    groups = account.pop("groups", ())
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": True, "email": f"{username}@example.com", **account}
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def p50(client, url: str, repeats: int) -> float:
    """The median time of ``repeats`` answers, in ms, after one unmeasured answer that must be a 200."""
    assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(repeats):
        began = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def staff_p50(repeats: int) -> dict:
    client = signed_in("bench-staff", is_superuser=True)
    return {name: p50(client, url, repeats) for name, url in STAFF_URLS.items()}


def waitlist_p50(repeats: int) -> float:
    """The waitlist's first page as a coordinator sees it (the group's permissions, not a superuser's)."""
    return p50(signed_in("bench-coordinator", groups=[COORDINATORS]), WAITLIST_URL, repeats)


def main():
    django.setup()
    from django.test import Client

    paths = sys.argv[1:]
    print(json.dumps({"pages": page_figures(Client(), paths), "staff": staff_p50(repeats=9),
                      "waitlist": waitlist_p50(repeats=9)}))


if __name__ == "__main__":
    main()
