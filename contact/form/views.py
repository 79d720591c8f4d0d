"""The consultation form's request handling, served by ContactPage's routes."""

import logging

from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from contact.form import rate_limit, waitlist_offer
from contact.form.page_copy import page_copy, remember_page
from contact.form.request_form import ConsultationRequestForm
from contact.form.submission import store_request
from contact.models.request import ConsultationRequest
from practice_site.core.models import PracticeSettings
from practice_site.outage import lastknown
from practice_site.outage.middleware import IntakeWriteFailed
from practice_site.scheduling import call_pages, holding

logger = logging.getLogger(__name__)


def consultation_form(page, request):
    # Loaded up front: if the database fails mid-request, the phone number is still at hand.
    around = form_surroundings(request)
    if request.method != "POST":
        form = ConsultationRequestForm()
        if not getattr(request, "is_preview", False):
            # Kept on disk for a database outage: the form then still takes requests (contact/outage/page.py).
            remember_page(page, request, form, around["privacy_url"])
            lastknown.remember_practice(around["practice"])
        return render_form(page, request, form, around)

    form = ConsultationRequestForm(request.POST)
    if not form.is_valid():
        return render_form(page, request, form, around)
    if form.has_expired and not form.spam_reason:
        # A tab left open overnight: a person, not a bot. Nothing is stored; they check it and send again.
        form.renew_form_token()
        return render_form(page, request, form, around, problem="expired")
    try:
        buttons = waitlist_offer.offer(form)
    except DatabaseError:
        # No answer to "is everyone full?": the request goes on as sent, and the outage path below still keeps it.
        buttons = []
    if buttons:
        # Nothing stored and nothing counted yet: the person chooses, and sends again with one press.
        around |= waitlist_offer.offer_context(form, buttons)
        return render_form(page, request, form, around, problem="everyone_full")
    if not rate_limit.reserve(request):
        return render_form(page, request, form, around, problem="rate_limited", status=429)
    try:
        consultation = store_request(form, spam_reason=form.spam_reason)
    except holding.SlotTaken:
        # Nothing was stored: the person picks another time, or none, and sends again.
        rate_limit.release(request)
        form.time_taken()
        return render_form(page, request, form, around, problem="time_taken", status=409)
    except DatabaseError as error:
        rate_limit.release(request)
        # The type only: the error's text can quote the values being inserted.
        logger.error("A consultation request could not be saved (%s)", type(error).__name__)
        if page_copy() is not None:
            # Read-only, full, hung or gone: the outage path keeps it in the spool and thanks the person.
            raise IntakeWriteFailed from error
        return render_form(page, request, form, around, problem="unavailable", status=503)
    on_waitlist = consultation.status == ConsultationRequest.Status.WAITLIST
    response = redirect(page.thank_you_waitlist_url if on_waitlist else page.thank_you_url)
    call_pages.remember_booking(response, page, consultation.held_booking)
    return response


def form_after_csrf_failure(page, request):
    """The form as it was sent, with a fresh CSRF token, when the browser did not send the CSRF cookie.

    The form is unbound, with what was typed as its initial values: it is never validated (no errors, nothing
    stored), only shown again so that pressing Send once more is all it takes.
    """
    form = ConsultationRequestForm()
    for name, field in form.fields.items():
        typed = field.widget.value_from_datadict(request.POST, {}, form.add_prefix(name))
        if typed is not None:
            form.initial[name] = typed
    return render_form(page, request, form, form_surroundings(request), problem="csrf", status=403)


def form_surroundings(request) -> dict:
    """What the form needs from the database besides itself: the practice's details and the privacy notice."""
    practice = PracticeSettings.load(request_or_site=request)
    privacy_page = practice.privacy_notice_page
    privacy_url = privacy_page.get_url(request) if privacy_page and privacy_page.live else ""
    return {"practice": practice, "privacy_url": privacy_url}


def render_form(page, request, form, surroundings, *, problem="", status=200):
    context = {"form": form, "problem": problem, **surroundings}
    try:
        response = page.render(request, context_overrides=context)
        response.status_code = status
        return response.render()
    except DatabaseError:
        # The full page needs the database (menus, settings); this one needs nothing but the form.
        context.update(page_title=page.title, problem="unavailable")
        return TemplateResponse(request, "contact/unavailable.html", context, status=503).render()
