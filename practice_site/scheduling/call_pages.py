"""The person's side of a booked call: the thank-you page's time and calendar file, and the signed link to
cancel or move the call. No account and nothing typed: the signed token names the booking, and that is all."""

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse

from practice_site.core.models import PracticeSettings

from . import holding, ics, parties
from .emails import describe
from .forms import ConsultationTimeForm
from .slots import parse_value
from .tokens import LinkProblem, make_calendar_token, make_token, read_calendar_token, read_token

COOKIE = "consultation_call"
COOKIE_AGE = 60 * 60
PROBLEM_STATUS = {LinkProblem.FORGED: 404, LinkProblem.USED: 410, LinkProblem.EXPIRED: 410}


class MoveCallForm(ConsultationTimeForm):
    no_time_label = "Keep my current time"

    def __init__(self, *args, booking, **kwargs):
        self.booking = booking
        super().__init__(*args, **kwargs)

    def _chosen_clinician(self):
        return parties.party(self.booking).clinician_page_id


def remember_booking(response, page, booking) -> None:
    """Lets the thank-you page, and only this browser, show the time just booked, without it in the URL."""
    if booking is None:
        return
    response.set_cookie(
        COOKIE, make_token(booking), max_age=COOKIE_AGE, path=page.url, httponly=True, samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def call_links(page, booking) -> dict:
    token = make_token(booking)
    return {
        "call_time": describe(booking.start),
        "call_start": booking.start,
        "manage_url": page.url + page.reverse_subpage("manage_call", args=[token]).lstrip("/"),
        "calendar_url": page.url + page.reverse_subpage(
            "call_calendar", args=[make_calendar_token(booking)]).lstrip("/"),
    }


def thank_you_context(page, request) -> dict:
    booking, problem = read_token(request.COOKIES.get(COOKIE, ""))
    if booking is None or problem:
        return {}
    return call_links(page, booking)


def calendar_file(page, request, token):
    booking = read_calendar_token(token)
    if booking is None:
        return _problem(page, request, LinkProblem.FORGED)
    practice = PracticeSettings.load(request_or_site=request)
    response = HttpResponse(
        ics.booking_file(booking, practice.practice_name, practice.phone), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="consultation-call.ics"'
    return response


def _problem(page, request, problem):
    response = page.render(
        request, template="scheduling/call_link_problem.html", context_overrides={"problem": str(problem)}
    )
    response.status_code = PROBLEM_STATUS[problem]
    return response


def _render(page, request, context, status=200):
    response = page.render(request, template="scheduling/call.html", context_overrides=context)
    response.status_code = status
    return response


def manage_call(page, request, token):
    booking, problem = read_token(token)
    if problem:
        return _problem(page, request, problem)
    context = {"call_time": describe(booking.start), "token": token}
    if request.method != "POST":
        return _render(page, request, context | {"form": MoveCallForm(booking=booking)})

    if request.POST.get("action") == "cancel":
        with transaction.atomic():
            booking, problem = read_token(token, for_update=True)
            if problem or not holding.cancel(booking):
                return _problem(page, request, problem or LinkProblem.USED)
        return _render(page, request, context | {"done": "cancelled"})

    form = MoveCallForm(request.POST, booking=booking)
    start = parse_value(request.POST.get("consultation_time", ""))
    if not form.is_valid() or start is None:
        return _render(page, request, context | {"form": form, "problem": "no_time"}, status=400)
    try:
        new = holding.move(booking, start)
    except holding.SlotTaken:
        booking, problem = read_token(token)
        if problem:
            return _problem(page, request, problem)
        form.time_taken()
        return _render(page, request, context | {"form": form, "problem": "time_taken"}, status=409)
    return _render(page, request, {"done": "moved"} | call_links(page, new))
