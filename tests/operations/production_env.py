"""Environment for a separate process running the production settings against this test run's services."""

import os

from django.conf import settings

SECRET_KEY = settings.SECRET_KEY  # the same key: sessions and signed form tokens made here are valid there


def database_url(database: dict) -> str:
    """A DATABASE_URL for an embedded server's database (a unix socket in its data folder)."""
    return f"postgresql://{database['USER']}@/{database['NAME']}?host={database['HOST']}"


def production_environment(**overrides) -> dict[str, str]:
    return {
        **{name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ},
        "DJANGO_SETTINGS_MODULE": "practice_site.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "EMAIL_HOST": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "Rooted Therapy <no-reply@localhost>",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        **overrides,
    }
