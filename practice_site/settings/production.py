"""Production: everything in base.py, plus the variables a public server cannot do without."""

from . import env

# Email is required too: without it, staff would never hear that a consultation request is waiting.
env.require(
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "WAGTAILADMIN_BASE_URL",
    "DATABASE_URL",
    "EMAIL_HOST",
    "DEFAULT_FROM_EMAIL",
)

from .base import *  # noqa: E402, F403

DEBUG = False
