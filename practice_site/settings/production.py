"""Production: everything in base.py, plus the variables a public server cannot do without."""

from . import env

env.require("SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "WAGTAILADMIN_BASE_URL", "DATABASE_URL")

from .base import *  # noqa: E402, F403

DEBUG = False
