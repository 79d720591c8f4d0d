"""Settings shared by every environment, safe for production as they stand.

Development and tests loosen what they need explicitly in dev.py and test.py.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from . import env

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
SECRET_KEY = env.SECRET_KEY
ALLOWED_HOSTS = env.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS

INSTALLED_APPS = [
    # First, so its admin login template and lockout page win over the apps below.
    "practice_site.security",
    "practice_site.core",
    "practice_site.directory",
    "practice_site.scheduling",
    "practice_site.referrals",
    "practice_site.pages",
    "practice_site.home",
    "practice_site.demo",
    "blog",
    "contact",
    "practice_site.importer",
    "practice_site.operations",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    # First: load balancer probes get an answer before the HTTPS redirect, sessions or site lookups.
    "practice_site.operations.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Inside the CSP middleware, so the admin policy is chosen before the header is written.
    "practice_site.security.middleware.SecurityHeadersMiddleware",
    "practice_site.security.middleware.AdminIdleTimeoutMiddleware",
    "practice_site.security.middleware.TwoFactorRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username or address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "practice_site.urls"
WSGI_APPLICATION = "practice_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Filled from DATABASE_URL here; dev.py and test.py start an embedded server when it is unset,
# and production.py refuses to start without it.
DATABASES = {}
if env.DATABASE_URL:
    DATABASES["default"] = dj_database_url.parse(
        env.DATABASE_URL, conn_max_age=600, conn_health_checks=True
    )
    # PgBouncer in transaction mode cannot keep a server-side cursor open across transactions.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.DISABLE_SERVER_SIDE_CURSORS

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every worker process, unlike the local-memory default (the intake rate limit needs that).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    },
    # Wagtail looks renditions up here; in the database cache each image on a page would cost queries.
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
}

# Two queues. Wagtail 8's own tasks (search and reference index) are built on the django-tasks backport,
# whose Task objects django-tasks-db (built on Django 6's django.tasks) refuses to store, so they keep
# running in-request on "default". The project's own tasks (emails) declare backend=BACKGROUND_QUEUE and
# are stored in PostgreSQL for `manage.py db_worker --backend background` to run.
BACKGROUND_QUEUE = "background"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    BACKGROUND_QUEUE: {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Chicago"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.STATIC_ROOT or BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.MEDIA_ROOT or BASE_DIR / "media"
# The web server or proxy serves uploads in production; Django does only in development and browser tests.
SERVE_MEDIA = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Transport security. Behind a trusted proxy that terminates TLS, X-Forwarded-Proto says whether the
# visitor used HTTPS (the same switch makes the proxy's client-address header count).
SECURE_SSL_REDIRECT = env.SECURE_SSL_REDIRECT
if env.TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# A failed CSRF check re-shows the consultation form with what was typed, instead of a bare 403.
CSRF_FAILURE_VIEW = "contact.form.csrf.csrf_failure"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Wagtail's admin (everything under /admin/, swapped in by practice_site.security) needs three
# exceptions, each seen blocked in Chromium under the public policy: inline scripts and inline styles
# (page editor, settings, user listing) and blob: images (previews in the multiple image upload).
# A nonce would make browsers ignore 'unsafe-inline', so the admin policy has none.
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
}
# Wagtail's preview views send X-Frame-Options: SAMEORIGIN; only those may sit in the editor's frame.
PREVIEW_FRAME_ANCESTORS = [CSP.SELF]

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env.EMAIL_HOST or "localhost",
            "port": env.EMAIL_PORT,
            "username": env.EMAIL_HOST_USER,
            "password": env.EMAIL_HOST_PASSWORD,
            "use_tls": env.EMAIL_USE_TLS,
            "timeout": 20,
        },
    }
}
DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL
SERVER_EMAIL = env.DEFAULT_FROM_EMAIL
INTAKE_NOTIFICATION_EMAILS = env.INTAKE_NOTIFICATION_EMAILS

# Logs go to stdout as plain lines. Django's request logger is kept at WARNING and no
# handler here formats request bodies: form contents are health information.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env.LOG_LEVEL},
    "loggers": {
        "django.request": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "django_tasks": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "django.tasks": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}

WAGTAIL_SITE_NAME = "Rooted Therapy"
WAGTAILADMIN_BASE_URL = env.WAGTAILADMIN_BASE_URL or "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Every rich-text field names one of these editors. No headings in rich text: headings are blocks of their own,
# so the outline stays h2/h3.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    name: {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea", "OPTIONS": {"features": features}}
    for name, features in {
        "default": ["bold", "italic", "link", "document-link", "ol", "ul"],  # page bodies
        "intro": ["bold", "italic", "link"],  # short introductions
        "plain": ["bold", "italic", "link", "ol", "ul"],  # intake pages: no documents
    }.items()
}

# Consultation requests
# Stored requests per client address (kept only as a keyed hash) within the window.
INTAKE_RATE_LIMIT = 5
INTAKE_RATE_LIMIT_WINDOW = 60 * 60
# A form sent sooner than this after it was shown, or later than the maximum, is marked as spam.
INTAKE_MIN_SECONDS = 4
INTAKE_MAX_FORM_AGE = 60 * 60 * 24
INTAKE_NOTIFICATION_MAX_ATTEMPTS = 5

# Spam, and requests closed without becoming a client, are deleted by
# `manage.py purge_consultation_requests` once this many days old.
INTAKE_RETENTION_DAYS = env.INTAKE_RETENTION_DAYS
# New or Contacted requests untouched this long are flagged to coordinators ("stale"), and purged like closed ones
# once the retention period has passed; who viewed or exported a request is kept this many years after its purge.
INTAKE_STALE_DAYS = env.INTAKE_STALE_DAYS
INTAKE_ACCESS_RECORD_YEARS = 6

# Staff access security: two-factor sign-in, login throttling, idle sessions (practice_site.security).
# Avatars from gravatar.com would send a hash of each staff email to a third party on every admin page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_USER_LOGIN_FORM = "practice_site.security.forms.PasswordStepLoginForm"
REQUIRE_TWO_FACTOR_FOR_ALL_STAFF = env.REQUIRE_TWO_FACTOR_FOR_ALL_STAFF
ADMIN_IDLE_TIMEOUT_MINUTES = env.ADMIN_IDLE_TIMEOUT_MINUTES
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
TRUSTED_PROXY = env.TRUSTED_PROXY
TRUSTED_PROXY_CLIENT_IP_HEADER = env.TRUSTED_PROXY_CLIENT_IP_HEADER

AXES_FAILURE_LIMIT = env.LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=env.LOGIN_COOLOFF_MINUTES)
# Each entry is its own counter: one username, whatever the address; one address, whatever the username.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_CLIENT_IP_CALLABLE = "practice_site.core.client_address.client_ip_address"

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
