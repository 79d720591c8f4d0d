"""The person's side of an offered opening: the clinician's open times, a time to pick, or "no thanks".

Opening the link changes nothing; each choice is a POST. A link that is not ours, has expired or was already used
gets a kind page, never an error.
"""

from django.db import transaction
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from contact.waitlist import links, offers
from practice_site.scheduling import holding
from practice_site.scheduling.emails import describe
from practice_site.scheduling.forms import ConsultationTimeForm

PROBLEM_STATUS = {links.LinkProblem.FORGED: 404, links.LinkProblem.USED: 410, links.LinkProblem.EXPIRED: 410}


class OfferedTimeForm(ConsultationTimeForm):
    no_time_label = "No time chosen yet"

    def __init__(self, *args, entry, **kwargs):
        self.entry = entry
        super().__init__(*args, **kwargs)

    def _chosen_clinician(self):
        return self.entry.offered_clinician_id


def _page(request, context, status=200):
    return render(request, "contact/waitlist/offer.html", context, status=status)


def _problem(request, problem):
    return _page(request, {"problem": str(problem)}, PROBLEM_STATUS[problem])


@never_cache
def offered_opening(request, token):
    entry, problem = links.read_offer_token(token)
    if problem:
        return _problem(request, problem)
    context = {"until": describe(entry.offer_expires_at)}
    if request.method != "POST":
        return _page(request, context | {"form": OfferedTimeForm(entry=entry)})
    if request.POST.get("action") == "decline":
        with transaction.atomic():
            entry, problem = links.read_offer_token(token, for_update=True)
            if problem:
                return _problem(request, problem)
            offers.decline(entry)
        return _page(request, {"done": "declined"})
    form = OfferedTimeForm(request.POST, entry=entry)
    if not form.is_valid() or not form.cleaned_data.get("consultation_time"):
        return _page(request, context | {"form": form, "problem_choose": True}, status=400)
    try:
        with transaction.atomic():
            entry, problem = links.read_offer_token(token, for_update=True)
            if problem:
                return _problem(request, problem)
            booking = offers.book(entry, form.cleaned_data["consultation_time"])
    except holding.SlotTaken:
        form.time_taken()
        return _page(request, context | {"form": form, "problem_taken": True}, status=409)
    return _page(request, {"done": "booked", "call_time": describe(booking.start)})
