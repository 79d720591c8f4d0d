"""Settings for the processes an outage test starts (gunicorn, the worker): the test settings with what production
has and the tests switch off, pointed at the test database by DATABASE_URL."""

from practice_site.settings import base
from practice_site.settings.test import *  # noqa: F403
from practice_site.settings.test import BACKGROUND_QUEUE, TASKS

PAGE_CACHE_ENABLED = True
INTAKE_MIN_SECONDS = 0
TASKS = {**TASKS, BACKGROUND_QUEUE: {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# SMTP from EMAIL_HOST and EMAIL_PORT, as in production (the worker test runs an aiosmtpd server).
MAILERS = base.MAILERS
# Every request tries the database, so a test sees it back at once (tests/outage/breaker_settings.py has the
# circuit breaker as in production).
OUTAGE_PROBE_EVERY_SECONDS = 0
