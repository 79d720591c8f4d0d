"""Tests: real PostgreSQL (embedded, throwaway unless DATABASE_URL is set)."""

import tempfile
from pathlib import Path

from ..embedded_postgres import database_settings
from . import env
from .base import *  # noqa: F403
from .base import BACKGROUND_QUEUE, CACHES, DATABASES, PAGE_COPY_ALIAS

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

# The live server for browser tests speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

if "default" not in DATABASES:
    if env.EMBEDDED_POSTGRES_DIR:
        DATABASES["default"] = database_settings(env.EMBEDDED_POSTGRES_DIR)
    else:
        DATABASES["default"] = database_settings(
            tempfile.mkdtemp(prefix="rooted-test-pg-"), cleanup_mode="delete"
        )

TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    BACKGROUND_QUEUE: {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="rooted-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True

# Most tests change content inside a transaction that is rolled back, so publishing never commits and
# the content version never changes: they see fresh renders. tests/pagecache switches the cache on.
PAGE_CACHE_ENABLED = False
# No version watch thread holding a connection in the test process; tests that need one turn it on.
PAGE_CACHE_MEMORY_BYTES = 0

# Local outage state in a throwaway folder (a test's second process is given the same one).
LOCAL_STATE_DIR = Path(env.LOCAL_STATE_DIR or tempfile.mkdtemp(prefix="rooted-test-local-"))
INTAKE_SPOOL_DIR = Path(env.INTAKE_SPOOL_DIR or LOCAL_STATE_DIR / "intake-spool")
CACHES[PAGE_COPY_ALIAS]["LOCATION"] = str(LOCAL_STATE_DIR / "page-copies")
# In one test process the breaker would carry one test's outage into the next: every request tries the database.
OUTAGE_PROBE_EVERY_SECONDS = 0
