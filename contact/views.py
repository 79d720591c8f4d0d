"""The consultation form's request handling, served by ContactPage's routes."""

import logging

from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from practice_site.core.models import PracticeSettings

from . import rate_limit
from .forms import ConsultationRequestForm
from .submission import store_request

logger = logging.getLogger(__name__)


def consultation_form(page, request):
    # Loaded up front: if the database fails mid-request, the phone number is still at hand.
    practice = PracticeSettings.load(request_or_site=request)
    privacy_page = practice.privacy_notice_page
    privacy_url = privacy_page.get_url(request) if privacy_page and privacy_page.live else ""
    if request.method != "POST":
        return render_form(page, request, ConsultationRequestForm(), practice, privacy_url)

    form = ConsultationRequestForm(request.POST)
    if rate_limit.is_exceeded(request):
        return render_form(page, request, form, practice, privacy_url, problem="rate_limited", status=429)
    if not form.is_valid():
        return render_form(page, request, form, practice, privacy_url)
    try:
        store_request(form, spam_reason=form.spam_reason)
    except DatabaseError as error:
        # The type only: the error's text can quote the values being inserted.
        logger.error("A consultation request could not be saved (%s)", type(error).__name__)
        return render_form(page, request, form, practice, privacy_url, problem="unavailable", status=503)
    rate_limit.record(request)
    return redirect(page.thank_you_url)


def render_form(page, request, form, practice, privacy_url, *, problem="", status=200):
    context = {"form": form, "practice": practice, "privacy_url": privacy_url, "problem": problem}
    try:
        response = page.render(request, context_overrides=context)
        response.status_code = status
        return response.render()
    except DatabaseError:
        # The full page needs the database (menus, settings); this one needs nothing but the form.
        context.update(page_title=page.title, problem="unavailable")
        return TemplateResponse(request, "contact/unavailable.html", context, status=503).render()
