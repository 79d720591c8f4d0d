"""The consultation form has no file field: a large multipart body sent to it is refused before it is read.

Django would otherwise parse it (files to memory or a temporary file) for the CSRF check, then ignore it.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from contact.form.page_copy import page_copy
from practice_site.outage import lastknown


def oversized_body_response(request, page_copy: dict | None):
    """A kind 413 page for a multipart POST over INTAKE_MAX_MULTIPART_BYTES to the consultation form, else None."""
    if request.method != "POST" or page_copy is None or request.path != page_copy["path"]:
        return None
    if request.content_type != "multipart/form-data":
        return None
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= settings.INTAKE_MAX_MULTIPART_BYTES:
        return None
    context = {"practice": lastknown.practice(), "page_title": page_copy["title"], "form_path": page_copy["path"]}
    response = render(request, "contact/too_large.html", context, status=413)
    add_never_cache_headers(response)
    # The connection may still carry the unread body: the client must not send another request on it.
    response["Connection"] = "close"
    return response


class IntakeBodyLimitMiddleware:
    """Refuses a large multipart body sent to the consultation form before the CSRF check reads it.

    The form's path comes from the last-known copy of the consultation page, so no query is spent here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            refused = oversized_body_response(request, page_copy())
            if refused is not None:
                return refused
        return self.get_response(request)
