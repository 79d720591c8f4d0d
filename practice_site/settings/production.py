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

# A CDN that cannot be purged would serve stale pages after every publish.
_FRONTEND_CACHE_REQUIRES = {
    "cloudflare": ("CLOUDFLARE_BEARER_TOKEN", "CLOUDFLARE_ZONE_ID"),
    "cloudfront": ("CLOUDFRONT_DISTRIBUTION_ID",),
    "http": ("FRONTEND_CACHE_PURGE_URL",),
}
env.require(*_FRONTEND_CACHE_REQUIRES.get(env.FRONTEND_CACHE_BACKEND, ()))
