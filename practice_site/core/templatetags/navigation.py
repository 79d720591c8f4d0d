from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The live, public pages under the site's home page that editors put in the menu."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().public().in_menu().only(
        "id", "title", "url_path", "path", "depth", "locale_id"
    )
