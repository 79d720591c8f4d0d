from .body_limit import oversized_body_response
from .outage import page_copy


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
