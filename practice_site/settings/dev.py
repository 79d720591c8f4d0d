"""Local development: loosened on purpose, never for a public server."""

from ..embedded_postgres import database_settings
from . import env
from .base import *  # noqa: F403
from .base import BACKGROUND_QUEUE, BASE_DIR, DATABASES

DEBUG = True
SECRET_KEY = env.SECRET_KEY or "dev-only-insecure-key-not-for-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

if "default" not in DATABASES:
    DATABASES["default"] = database_settings(env.EMBEDDED_POSTGRES_DIR or BASE_DIR / ".data" / "postgres")

TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    BACKGROUND_QUEUE: {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
