"""Site-wide fragments (the header, the footer, and the cards listings show) are kept with Wagtail's
``{% wagtailcache %}``, which never keeps or serves them in a preview, under the fragments version: any change
that could show in the header or footer replaces it (version.FRAGMENTS_KEY), and a card is keyed by its page's
last publication too. Each process keeps its own in memory (PAGE_FRAGMENT_CACHE_ALIAS), as current as the shared
version. They must hold only parts that are the same wherever they are shown (a card shows its page as every
listing does), never a page's own content."""

from django import template
from django.conf import settings

from practice_site.core import sitewide

from .. import version

register = template.Library()


@register.simple_tag(takes_context=True)
def fragments_version(context):
    request = context.get("request")
    current = getattr(request, "fragments_version", None)
    if current is None:
        current = version.current(key=version.FRAGMENTS_KEY)
        if request is not None:
            request.fragments_version = current
    return sitewide.local_version(current)


@register.simple_tag
def fragment_cache_alias():
    return settings.PAGE_FRAGMENT_CACHE_ALIAS


@register.simple_tag
def fragment_timeout():
    return settings.PAGE_CACHE_TIMEOUT
