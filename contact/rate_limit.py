"""How many requests one client may send, counted in the shared cache.

The key is a keyed hash of the client address: the cache never holds a raw IP address.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils.crypto import salted_hmac

from practice_site.security.client_address import client_ip_address

KEY_SALT = "contact.rate-limit"


def _cache_key(request) -> str:
    address = client_ip_address(request) or ""
    return "intake-rate:" + salted_hmac(KEY_SALT, address, algorithm="sha256").hexdigest()


def is_exceeded(request) -> bool:
    try:
        count = cache.get(_cache_key(request), 0)
    except DatabaseError:
        # The cache lives in the database; when it is down the save reports the outage instead.
        return False
    return count >= settings.INTAKE_RATE_LIMIT


def record(request) -> None:
    key = _cache_key(request)
    try:
        # add() only starts the window when none is open, so the window is fixed from the first request.
        if not cache.add(key, 1, timeout=settings.INTAKE_RATE_LIMIT_WINDOW):
            cache.incr(key)
    except (DatabaseError, ValueError):
        # ValueError: the window closed between add() and incr(); the next request opens a new one.
        pass
