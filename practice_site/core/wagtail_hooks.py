from wagtail import hooks

from practice_site.core.rich_text import LinkFieldsPageLinkHandler


# After Wagtail's own (order 0), so this handler replaces its "page" link type.
@hooks.register("register_rich_text_features", order=1)
def register_page_link_handler(features):
    features.register_link_type(LinkFieldsPageLinkHandler)
