"""Django's PostgreSQL backend with the process's circuit breaker in front of every new connection.

Once a connection attempt failed, every part of the process (the page cache's first read, the outage middleware,
sessions) is refused at once instead of each waiting out connect_timeout; one attempt every
OUTAGE_PROBE_EVERY_SECONDS goes through to find the database back (practice_site/outage/monitor.py).
"""

from django.db import OperationalError
from django.db.backends.postgresql import base

from practice_site.outage import monitor


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        if not monitor.may_try_database():
            raise OperationalError("The database was unreachable moments ago; not tried again yet")
        try:
            return super().get_new_connection(conn_params)
        except self.Database.OperationalError:
            monitor.database_down()
            raise
