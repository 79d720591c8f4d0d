from django import template
from wagtail.models import Page, Site, get_page_models

from practice_site.core.models import LINK_FIELDS, PracticeSettings

register = template.Library()

# The home page sits right under the tree's root; the menu lists its children.
MENU_DEPTH = 3


def public_home_children(request):
    """The live, public pages right under the site's home page, with just what a link needs."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().public().only(*LINK_FIELDS)


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The pages editors put in the menu (“Show in menus”)."""
    return public_home_children(context.get("request")).in_menu()


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """Practice pages kept out of the main menu (privacy, notices, accessibility) are listed in the footer."""
    footer_types = [model for model in get_page_models() if getattr(model, "listed_in_footer", False)]
    return public_home_children(context.get("request")).type(*footer_types).filter(show_in_menus=False)


@register.simple_tag(takes_context=True)
def consultation_url(context):
    """Where every “Request a consultation” link leads, or "" while the practice settings name no live page."""
    request = context.get("request")
    consultation_page = PracticeSettings.load(request_or_site=request).consultation_page
    if consultation_page is None or not consultation_page.live:
        return ""
    return consultation_page.get_url(request=request) or ""


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's ancestors from the home page down, for the breadcrumb trail."""
    if page is None or not hasattr(page, "get_ancestors") or page.depth <= 2:
        return Page.objects.none()
    return page.get_ancestors().filter(depth__gt=1).only(*LINK_FIELDS)


@register.simple_tag
def menu_page_id(page):
    """The page's id when it can be in the main menu (a child of the home page), else 0: the cached header
    differs between pages only in which menu item is marked current."""
    return page.pk if getattr(page, "depth", None) == MENU_DEPTH else 0
