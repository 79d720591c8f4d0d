from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator

register = template.Library()

# Search engines show about this much; Lighthouse only asks that the description is there.
DESCRIPTION_LENGTH = 160
# Where each page type keeps words that say what it is, best first: the descriptions editors write,
# then the listing summary, then the opening text.
DESCRIPTION_SOURCES = ("search_description", "social_text", "summary", "introduction", "biography")


@register.simple_tag
def meta_description(page, fallback=""):
    """The page's description for search engines, as plain text; ``fallback`` for pages without words."""
    for attribute in DESCRIPTION_SOURCES:
        text = " ".join(strip_tags(str(getattr(page, attribute, "") or "")).split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return fallback
