from wagtail import hooks


@hooks.register("before_serve_page")
def note_the_page_being_served(page, request, serve_args, serve_kwargs):
    """What the page cache keeps with the page: the query parameters its type reads (keys.py) and which page it
    is, at which path (so an outage copy is dropped once the page leaves public view: copies.py)."""
    request.cache_query_parameters = getattr(page, "cache_query_parameters", ())
    request.cached_page = (page.pk, page.url_path)
