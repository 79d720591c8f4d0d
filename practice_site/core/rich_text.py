from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from practice_site.core import sitewide
from practice_site.core.models import LINK_FIELDS


class LinkFieldsPageLinkHandler(PageLinkHandler):
    """Links to pages in rich text need only the address. Wagtail reads each linked page as its own type (two
    queries, full rows); this reads just the link fields, in one, and no root paths while a page is served."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Page | None]:
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = {str(page.pk): page for page in Page.objects.filter(id__in=ids).only(*LINK_FIELDS)}
        root_paths = sitewide.site_root_paths()
        if root_paths is not None:
            for page in pages.values():
                # Where Wagtail keeps them on a page built without a request.
                page._wagtail_cached_site_root_paths = root_paths
        return [pages.get(str(id_)) for id_ in ids]
