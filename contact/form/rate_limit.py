"""How many requests one client may send, counted in the shared cache.

The key is a keyed hash of the client address: the cache never holds a raw IP address.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.utils.crypto import salted_hmac

from practice_site.core.client_address import client_ip_address

KEY_SALT = "contact.rate-limit"


def hashed_address(request) -> str:
    address = client_ip_address(request) or ""
    return salted_hmac(KEY_SALT, address, algorithm="sha256").hexdigest()


def _cache_key(request) -> str:
    return "intake-rate:" + hashed_address(request)


def _open_window(window, now: float) -> tuple[int, float] | None:
    # Stored as (count, closes_at): each update keeps the window's original end, and the cache's own expiry
    # is only the clean-up.
    if isinstance(window, tuple | list) and len(window) == 2 and window[1] > now:
        return window[0], window[1]
    return None


def _change(request, delta: int, *, up_to: int | None = None) -> bool:
    """Add delta to the client's count unless that would pass up_to; True when it was added.

    The database cache's get-then-set is not atomic, so a PostgreSQL advisory lock on the client's hash makes
    requests from one client, even in parallel, take their turn.
    """
    key = _cache_key(request)
    lock_id = int(hashed_address(request)[:15], 16)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id])
            window = cache.get(key)
            now = time.time()
            count, closes_at = _open_window(window, now) or (0, now + settings.INTAKE_RATE_LIMIT_WINDOW)
            if up_to is not None and count + delta > up_to:
                return False
            cache.set(key, (max(count + delta, 0), closes_at), timeout=max(closes_at - now, 1))
    except DatabaseError:
        # When the database is down the save reports the outage instead.
        return True
    return True


def reserve(request) -> bool:
    """Take one of the client's places before saving; False when none is left."""
    return _change(request, 1, up_to=settings.INTAKE_RATE_LIMIT)


def release(request) -> None:
    """Give back a place reserved for a request that could not be saved."""
    _change(request, -1)
