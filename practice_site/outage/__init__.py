"""Keeping the public site calm through a PostgreSQL outage, and telling operators about it in few words.

Apps hand over their own outage behaviour through two Wagtail hooks (this package knows no page or intake app):
``handle_request_during_outage`` (request -> response or None, tried before the page copies and the 503 page)
and ``database_available`` (keyword ``batch``: local work waiting for the database; the web server's next
request does a small batch of it, the worker all).
"""

OUTAGE_REQUEST_HOOK = "handle_request_during_outage"
DATABASE_AVAILABLE_HOOK = "database_available"
