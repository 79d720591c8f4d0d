import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils import timezone


class PageCache(DatabaseCache):
    """Django's database cache, with a lean read for cache hits.

    Every key here is made by this app (a fixed name, or a SHA-256 hex digest), so none is checked for
    characters memcached would refuse. ``read_many`` is ``get_many`` on the driver's own cursor, for the
    WSGI-level hit (see wsgi.py): on a hit, Django's query building and conversions were most of the work.
    The rows are the ones DatabaseCache writes (base64 of a pickle, an aware expiry).
    """

    def validate_key(self, key):
        pass

    def read_many(self, keys: list[str]) -> dict:
        stored = {self.make_key(key): key for key in keys}
        connection = connections[router.db_for_read(self.cache_model_class)]
        connection.ensure_connection()
        # Driver errors become Django's, as with any query, so a failed read is handled the same way.
        with connection.wrap_database_errors, connection.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT cache_key, value, expires FROM {connection.ops.quote_name(self._table)} "  # noqa: S608 (the table's name, from settings)
                f"WHERE cache_key IN ({', '.join(['%s'] * len(stored))})",
                list(stored),
            )
            rows = cursor.fetchall()
        now = timezone.now()
        # An expired row is left for get_many or the cull to remove: a hit path does not write.
        return {stored[key]: self.decoded(value) for key, value, expires in rows if expires > now}

    def row_query(self, key: str) -> tuple[str, list]:
        """SQL and parameters reading one key's value and expiry, for a connection outside Django's."""
        connection = connections[router.db_for_read(self.cache_model_class)]
        table = connection.ops.quote_name(self._table)
        return f"SELECT value, expires FROM {table} WHERE cache_key = %s", [self.make_key(key)]  # noqa: S608 (the table's name, from settings)

    @staticmethod
    def decoded(value: str):
        return pickle.loads(base64.b64decode(value))  # noqa: S301 (rows this cache wrote)
