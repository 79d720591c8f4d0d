"""The consultation form while PostgreSQL is unreachable: Wagtail cannot find the page, so this answers instead.

A POST to the consultation page's path (from a last-known copy, refreshed whenever the form is shown) is checked
as usual (CSRF, the form's own validation, spam checks) and kept in the encrypted spool; the thank-you page comes
from the same copy. Only if the spool cannot be written does the person get the form back, with everything typed,
the phone number and the crisis notice, as a 503.
"""

import logging

from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe

from contact.form import rate_limit
from contact.form.body_limit import oversized_body_response
from contact.form.page_copy import page_copy
from contact.form.request_form import ConsultationRequestForm
from contact.outage import spool
from practice_site.outage import lastknown

logger = logging.getLogger(__name__)

class OfflineConsultationRequestForm(ConsultationRequestForm):
    """The form with its database choices from the last-known copy; checked again in full when stored."""

    def __init__(self, *args, known_choices: dict, **kwargs):
        self.known_choices = known_choices
        super().__init__(*args, **kwargs)

    def load_choices(self) -> None:
        for name, choices in self.known_choices.items():
            if name in self.fields:
                self.fields[name].choices = [tuple(choice) for choice in choices]

    def load_times(self) -> None:
        # Open call times live in the database: the request is kept without one, and staff call back as before.
        self.open_slots = []
        self.fields.pop("consultation_time", None)


def csrf_rejection(request):
    """Django's CSRF check, which runs further in than this answer is given."""
    check = CsrfViewMiddleware(lambda request: None)
    check.process_request(request)
    return check.process_view(request, handle_request_during_outage, (), {})


def handle_request_during_outage(request):
    copy = page_copy()
    if copy is None:
        return None
    if request.path == copy["thank_you_path"] and request.method in ("GET", "HEAD"):
        return _never_cached(thank_you(request, copy))
    if request.path != copy["path"] or request.method != "POST":
        return None
    return _never_cached(receive(request, copy))


def receive(request, copy):
    too_large = oversized_body_response(request, copy)
    if too_large is not None:
        return too_large
    rejection = csrf_rejection(request)
    if rejection is not None:
        return rejection
    form = OfflineConsultationRequestForm(request.POST, known_choices=copy["choices"])
    if not form.is_valid():
        return form_again(request, form, copy)
    if form.has_expired and not form.spam_reason:
        form.renew_form_token()
        return form_again(request, form, copy, problem="expired")
    try:
        spool.keep(request.POST, spam_reason=form.spam_reason, address=rate_limit.hashed_address(request))
    except (spool.SpoolFull, spool.TooManyFromAddress) as error:
        # A script replaying form tokens must not fill the disk: a person gets the phone number and 988.
        logger.warning("A consultation request was not kept in the local spool (%s)", type(error).__name__)
        return form_again(request, form, copy, problem="unavailable", status=503)
    except Exception as error:  # noqa: BLE001 -- whatever failed, the person keeps what they typed
        # The type only: the error's text could quote a path or, worse, a value.
        logger.error("A consultation request could not be kept in the local spool (%s)", type(error).__name__)
        return form_again(request, form, copy, problem="unavailable", status=503)
    return redirect(copy["thank_you_path"])


def form_again(request, form, copy, *, problem="", status=200):
    context = {
        "form": form, "problem": problem, "practice": lastknown.practice(), "privacy_url": copy["privacy_url"],
        "page_title": copy["title"],
    }
    return render(request, "contact/unavailable.html", context, status=status)


def thank_you(request, copy):
    context = {
        "practice": lastknown.practice(), "page_title": copy["title"],
        # Rendered from the page's rich text when the copy was made.
        "thank_you_text": mark_safe(copy["thank_you_text"]),  # noqa: S308
    }
    return render(request, "contact/thank_you_offline.html", context)


def _never_cached(response):
    add_never_cache_headers(response)
    return response
