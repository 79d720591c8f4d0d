"""Django's PostgreSQL backend, starting the embedded server on the first connection."""

from django.db.backends.postgresql import base as postgresql

from practice_site.embedded_postgres import ensure_running


class DatabaseWrapper(postgresql.DatabaseWrapper):
    def get_connection_params(self):
        ensure_running(self.settings_dict)
        return super().get_connection_params()
