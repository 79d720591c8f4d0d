"""Settings shared by every environment, safe for production as they stand: the framework's (framework.py) plus the
site-wide services below. Development and tests loosen what they need explicitly in dev.py and test.py.
"""

from pathlib import Path

from . import env
from .framework import *  # noqa: F403
from .framework import ADMIN_CSP, BASE_DIR, CACHES, DATABASES, INSTALLED_APPS, LOGGING, MIDDLEWARE, SECURE_CSP, STORAGES

# Page cache for anonymous visitors, compression and shared-cache headers (practice_site.pagecache).
INSTALLED_APPS += ["practice_site.pagecache"]
# Right after the health probes: a hit is answered before anything else runs, with the headers the
# middleware further in gave the page when it was kept (security headers included).
MIDDLEWARE.insert(
    MIDDLEWARE.index("practice_site.operations.health.HealthCheckMiddleware") + 1,
    "practice_site.pagecache.middleware.PageCacheMiddleware",
)
PAGE_CACHE_ENABLED = env.PAGE_CACHE_ENABLED
# Its own table, so culling pages never drops an intake rate-limit counter. Each page is kept three times
# (brotli, gzip, identity).
PAGE_CACHE_ALIAS = "pages"
CACHES[PAGE_CACHE_ALIAS] = {
    "BACKEND": "practice_site.pagecache.backends.PageCache",
    "LOCATION": "page_cache",
    "OPTIONS": {"MAX_ENTRIES": 60_000},
}
# The header and footer, kept in each process under the content version (so in memory: no round trip).
PAGE_FRAGMENT_CACHE_ALIAS = "fragments"
CACHES[PAGE_FRAGMENT_CACHE_ALIAS] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "page-fragments",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# Entries also stop counting as soon as the content version changes.
PAGE_CACHE_TIMEOUT = 60 * 60 * 24
# Each web process also keeps the pages it answered lately in memory, up to this many bytes (0: none), and answers
# them with no database round trip while it heard the content version from the database within the trust time:
# a publish shows in every process within it (pagecache/memory.py). A page leaves memory after the seconds below.
PAGE_CACHE_MEMORY_BYTES = 64 * 1024 * 1024
PAGE_CACHE_MEMORY_TRUST_SECONDS = 1.0
PAGE_CACHE_MEMORY_SECONDS = 60
# What shared caches (a CDN) are told: keep a page a minute, serve it stale for five while refreshing.
PAGE_CACHE_SHARED_MAX_AGE = 60
PAGE_CACHE_STALE_WHILE_REVALIDATE = 300
# Query strings are part of the key (sorted): listings page with ?page= and filter with GET fields.
# Longer ones are not cached, so made-up URLs cannot fill the cache with large keys.
PAGE_CACHE_MAX_QUERY_STRING = 200
# Left out of the key: a campaign link is answered from the page's own entry ("name*": every name so starting).
PAGE_CACHE_TRACKING_PARAMETERS = [
    "utm_*", "fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "mc_eid", "mc_cid", "yclid", "twclid",
    "ttclid", "igshid", "li_fat_id", "_ga", "_gl",
]
# Read before any page is served (the importer's WordPress shortlinks, /?p=123), so part of every page's key.
PAGE_CACHE_PARAMETERS_READ_EVERYWHERE = ["p", "page_id", "attachment_id"]
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/search/", "/contact/"]
# Saving or deleting any of these replaces the content version (pages do so when published, unpublished,
# moved or deleted). Menus come from pages' "show in menus", so publishing covers them.
PAGE_CACHE_INVALIDATED_BY = [
    "core.PracticeSettings",
    "blog.Topic",
    "directory.Concern",
    "directory.InsurancePlan",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailredirects.Redirect",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Locale",
]
# URLs per page of the sitemap (/sitemap.xml is the index of its pages).
SITEMAP_PAGE_SIZE = 1000

# Operations (practice_site.operations): media in object storage, CDN purge on publish.
from practice_site.operations.object_storage import PUBLIC_MEDIA, public_media_origins, s3_storages  # noqa: E402

if env.AWS_STORAGE_BUCKET_NAME:
    _bucket = {
        "bucket": env.AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env.AWS_S3_ENDPOINT_URL,
        "region": env.AWS_S3_REGION_NAME,
        "custom_domain": env.AWS_S3_CUSTOM_DOMAIN,
        "addressing_style": env.AWS_S3_ADDRESSING_STYLE,
    }
    STORAGES.update(
        s3_storages(
            **_bucket,
            private_bucket=env.AWS_PRIVATE_STORAGE_BUCKET_NAME,
            access_key=env.AWS_ACCESS_KEY_ID,
            secret_key=env.AWS_SECRET_ACCESS_KEY,
            signed_url_seconds=env.AWS_QUERYSTRING_EXPIRE,
        )
    )
    WAGTAILIMAGES_RENDITION_STORAGE = PUBLIC_MEDIA
    # The serve view checks collection privacy, then redirects to a signed URL that expires within a minute.
    WAGTAILDOCS_SERVE_METHOD = "redirect"
    SECURE_CSP["img-src"] = [*SECURE_CSP["img-src"], *public_media_origins(**_bucket)]
    ADMIN_CSP["img-src"] = [*ADMIN_CSP["img-src"], *public_media_origins(**_bucket)]

# Backups (manage.py backup / restore): encrypted to this public key when set; `--to s3://…` uses the media
# buckets' provider and credentials.
BACKUP_PUBLIC_KEY = env.BACKUP_PUBLIC_KEY
BACKUP_PRIVATE_KEY_FILE = env.BACKUP_PRIVATE_KEY_FILE
from practice_site.operations.object_storage import s3_connection  # noqa: E402

BACKUP_S3_OPTIONS = s3_connection(
    endpoint_url=env.AWS_S3_ENDPOINT_URL, region=env.AWS_S3_REGION_NAME, access_key=env.AWS_ACCESS_KEY_ID,
    secret_key=env.AWS_SECRET_ACCESS_KEY, addressing_style=env.AWS_S3_ADDRESSING_STYLE,
)

_FRONTEND_CACHE_BACKENDS = {
    "cloudflare": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.CLOUDFLARE_BEARER_TOKEN,
        "ZONEID": env.CLOUDFLARE_ZONE_ID,
    },
    "cloudfront": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.CLOUDFRONT_DISTRIBUTION_ID,
        "AWS_ACCESS_KEY_ID": env.AWS_ACCESS_KEY_ID or None,
        "AWS_SECRET_ACCESS_KEY": env.AWS_SECRET_ACCESS_KEY or None,
    },
    "http": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env.FRONTEND_CACHE_PURGE_URL,
    },
}
# Empty unless FRONTEND_CACHE_BACKEND is set; publishing then purges nothing.
WAGTAILFRONTENDCACHE = {}
if env.FRONTEND_CACHE_BACKEND:
    WAGTAILFRONTENDCACHE["cdn"] = _FRONTEND_CACHE_BACKENDS[env.FRONTEND_CACHE_BACKEND]
    if env.FRONTEND_CACHE_HOSTNAMES:
        WAGTAILFRONTENDCACHE["cdn"]["HOSTNAMES"] = env.FRONTEND_CACHE_HOSTNAMES

# Through a database outage (practice_site.outage): a last-known copy of the practice's details and a local copy of
# recently served cached pages live in LOCAL_STATE_DIR; consultation requests sent meanwhile wait, encrypted, in
# INTAKE_SPOOL_DIR. Both are local to each machine (each drains its own spool) and must be writable by the web
# server and the worker.
INSTALLED_APPS += ["practice_site.outage"]
# Before sessions and everything else that needs the database. The page cache, further out, goes on
# without its table when the database is unreachable (first_read), so this answers.
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "practice_site.outage.middleware.OutageMiddleware",
)
# Before the CSRF check reads the body: refuses a large multipart body sent to the consultation form.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.csrf.CsrfViewMiddleware"), "contact.form.body_limit.IntakeBodyLimitMiddleware"
)
LOCAL_STATE_DIR = Path(env.LOCAL_STATE_DIR or BASE_DIR / ".data" / "local")
INTAKE_SPOOL_DIR = Path(env.INTAKE_SPOOL_DIR or LOCAL_STATE_DIR / "intake-spool")
# Empty: derived from SECRET_KEY (and SECRET_KEY_FALLBACKS, so rotating it still opens older spool files).
INTAKE_SPOOL_KEY = env.INTAKE_SPOOL_KEY
# The consultation form has no file field: a multipart body larger than this is refused with a kind page.
INTAKE_MAX_MULTIPART_BYTES = 256 * 1024
OUTAGE_RETRY_AFTER_SECONDS = 30
# After a failed connection a process answers from its outage mode at once, and tries the database again at most
# this often (a circuit breaker: a host dropping packets then costs one connect_timeout per interval, not per page).
OUTAGE_PROBE_EVERY_SECONDS = 5
# A web request's statements give up after this long (a hung database counts as down); the worker and commands
# keep the server's own setting.
WEB_STATEMENT_TIMEOUT_MS = 5000
# During an outage: requests a web request drains when the database is back (the worker drains the rest), the
# spool's limits (past them the kind 503 with the phone number), and requests kept per address per window.
INTAKE_SPOOL_WEB_BATCH = 2
INTAKE_SPOOL_MAX_FILES = 2000
INTAKE_SPOOL_MAX_BYTES = 50 * 1024 * 1024
INTAKE_SPOOL_RATE_LIMIT = 5
PAGE_COPY_ALIAS = "page_copies"
CACHES[PAGE_COPY_ALIAS] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": str(LOCAL_STATE_DIR / "page-copies"),
    "TIMEOUT": env.PAGE_COPY_MAX_AGE_HOURS * 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# A page copy older than this (seconds) is never served, even during an outage.
PAGE_COPY_MAX_AGE = env.PAGE_COPY_MAX_AGE_HOURS * 60 * 60
# A connection attempt to an unreachable server gives up quickly, so an outage page is not a hanging page.
if "default" in DATABASES:
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    # Django's PostgreSQL backend behind the outage circuit breaker (practice_site/outage/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "practice_site.outage.postgresql"
LOGGING["filters"] = {"database_outage": {"()": "practice_site.outage.monitor.OutageLogFilter"}}
LOGGING["handlers"]["stdout"]["filters"] = ["database_outage"]
# Paths that are keys (a call's manage and calendar links, a host's feed) never reach a log line.
LOGGING["filters"]["secret_paths"] = {"()": "practice_site.scheduling.logs.SecretPathFilter"}
LOGGING["handlers"]["stdout"]["filters"].append("secret_paths")
