"""A page cache for anonymous visitors that knows publishing, plus compression and shared-cache headers.

Site-wide: it knows no page or intake app. Which models change what visitors see comes from the
PAGE_CACHE_INVALIDATED_BY setting; Wagtail's publishing signals cover pages themselves.
"""
