import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practice_site.settings.production")

# Imported once Django is set up by get_wsgi_application().
application = get_wsgi_application()

from practice_site.pagecache.wsgi import CachedPagesFirst  # noqa: E402

application = CachedPagesFirst(application)
