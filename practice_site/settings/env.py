"""The one place that reads the process environment.

Settings modules ask this module for values instead of touching ``os.environ``
themselves, so every variable the project understands is listed here and in the
README's table.
"""

import os
import sys


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def flag(name: str, default: bool = False) -> bool:
    raw = text(name)
    if not raw:
        return default
    return raw.lower() in {"1", "true", "yes", "on"}


def integer(name: str, default: int) -> int:
    raw = text(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        sys.exit(f"Environment variable {name} must be a whole number, got {raw!r}.")


def items(name: str, default: tuple[str, ...] = ()) -> list[str]:
    raw = text(name)
    if not raw:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def choice(name: str, choices: tuple[str, ...]) -> str:
    raw = text(name).lower()
    if raw and raw not in choices:
        sys.exit(f"Environment variable {name} must be one of {', '.join(choices)}, got {raw!r}.")
    return raw


def require(*names: str) -> None:
    """Stop with one line naming every missing variable (no traceback)."""
    missing = [name for name in names if not text(name)]
    if missing:
        sys.exit(
            "Missing required environment variable(s) for production: "
            + ", ".join(missing)
            + ". See the README's table of environment variables."
        )


DATABASE_URL = text("DATABASE_URL")
EMBEDDED_POSTGRES_DIR = text("EMBEDDED_POSTGRES_DIR")
SECRET_KEY = text("SECRET_KEY")
ALLOWED_HOSTS = items("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = items("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = text("WAGTAILADMIN_BASE_URL")
SECURE_SSL_REDIRECT = flag("SECURE_SSL_REDIRECT", default=True)
EMAIL_HOST = text("EMAIL_HOST")
EMAIL_PORT = integer("EMAIL_PORT", 587)
EMAIL_HOST_USER = text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = flag("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = text("DEFAULT_FROM_EMAIL", "Rooted Therapy <no-reply@localhost>")
LOG_LEVEL = text("LOG_LEVEL", "INFO")
INTAKE_NOTIFICATION_EMAILS = items("INTAKE_NOTIFICATION_EMAILS")
INTAKE_RETENTION_DAYS = integer("INTAKE_RETENTION_DAYS", 180)
INTAKE_STALE_DAYS = integer("INTAKE_STALE_DAYS", 30)
WAITLIST_CHECK_IN_WEEKS = integer("WAITLIST_CHECK_IN_WEEKS", 4)
# Staff access security (practice_site.security).
REQUIRE_TWO_FACTOR_FOR_ALL_STAFF = flag("REQUIRE_TWO_FACTOR_FOR_ALL_STAFF")
ADMIN_IDLE_TIMEOUT_MINUTES = integer("ADMIN_IDLE_TIMEOUT_MINUTES", 30)
LOGIN_FAILURE_LIMIT = integer("LOGIN_FAILURE_LIMIT", 5)
LOGIN_COOLOFF_MINUTES = integer("LOGIN_COOLOFF_MINUTES", 15)
TRUSTED_PROXY = flag("TRUSTED_PROXY")
TRUSTED_PROXY_CLIENT_IP_HEADER = text("TRUSTED_PROXY_CLIENT_IP_HEADER", "X-Forwarded-For")
# Page cache for anonymous visitors (practice_site.pagecache); off only to measure uncached pages.
PAGE_CACHE_ENABLED = flag("PAGE_CACHE_ENABLED", default=True)
# Operations (practice_site.operations): files, media in object storage, CDN purge, PgBouncer.
MEDIA_ROOT = text("MEDIA_ROOT")
STATIC_ROOT = text("STATIC_ROOT")
AWS_STORAGE_BUCKET_NAME = text("AWS_STORAGE_BUCKET_NAME")
AWS_PRIVATE_STORAGE_BUCKET_NAME = text("AWS_PRIVATE_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = text("AWS_S3_ENDPOINT_URL")
AWS_S3_REGION_NAME = text("AWS_S3_REGION_NAME")
AWS_ACCESS_KEY_ID = text("AWS_ACCESS_KEY_ID")
AWS_SECRET_ACCESS_KEY = text("AWS_SECRET_ACCESS_KEY")
AWS_S3_CUSTOM_DOMAIN = text("AWS_S3_CUSTOM_DOMAIN")
AWS_S3_ADDRESSING_STYLE = text("AWS_S3_ADDRESSING_STYLE")
AWS_QUERYSTRING_EXPIRE = integer("AWS_QUERYSTRING_EXPIRE", 60)
FRONTEND_CACHE_BACKEND = choice("FRONTEND_CACHE_BACKEND", ("cloudflare", "cloudfront", "http"))
FRONTEND_CACHE_PURGE_URL = text("FRONTEND_CACHE_PURGE_URL")
FRONTEND_CACHE_HOSTNAMES = items("FRONTEND_CACHE_HOSTNAMES")
CLOUDFLARE_BEARER_TOKEN = text("CLOUDFLARE_BEARER_TOKEN")
CLOUDFLARE_ZONE_ID = text("CLOUDFLARE_ZONE_ID")
CLOUDFRONT_DISTRIBUTION_ID = text("CLOUDFRONT_DISTRIBUTION_ID")
DISABLE_SERVER_SIDE_CURSORS = flag("DISABLE_SERVER_SIDE_CURSORS")
# Keeping going through a database outage (practice_site.outage, contact.outage.spool): local folders on this machine.
LOCAL_STATE_DIR = text("LOCAL_STATE_DIR")
INTAKE_SPOOL_DIR = text("INTAKE_SPOOL_DIR")
INTAKE_SPOOL_KEY = text("INTAKE_SPOOL_KEY")
PAGE_COPY_MAX_AGE_HOURS = integer("PAGE_COPY_MAX_AGE_HOURS", 72)
# Backups (practice_site.operations: manage.py backup / restore).
BACKUP_PUBLIC_KEY = text("BACKUP_PUBLIC_KEY")
BACKUP_PRIVATE_KEY_FILE = text("BACKUP_PRIVATE_KEY_FILE")
