"""Django, Wagtail and staff-security settings shared by every environment, safe for production as they stand.

base.py adds the site-wide services on top (page cache, object storage, backups, outage); development and tests
loosen what they need explicitly in dev.py and test.py.
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
# Every this many weeks on the waitlist the person is asked "still interested?" (contact/waitlist/check_ins.py).
WAITLIST_CHECK_IN_WEEKS = env.WAITLIST_CHECK_IN_WEEKS
# How many days a person offered an opening has to pick a time before it can go to the next person.
WAITLIST_OFFER_DAYS = 3

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
