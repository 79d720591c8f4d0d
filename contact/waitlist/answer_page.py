"""The person's side of a check-in link: a page with one button, then the answer.

Opening the link changes nothing (mail scanners open links): only the button's POST does. A link that is not ours,
has expired or was already answered gets a kind page, never an error.
"""

from django.db import transaction
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from contact.waitlist import links, membership

PROBLEM_STATUS = {links.LinkProblem.FORGED: 404, links.LinkProblem.USED: 410, links.LinkProblem.EXPIRED: 410}


def _page(request, context, status=200):
    return render(request, "contact/waitlist/answer.html", context, status=status)


@never_cache
def answer(request, token):
    entry, action, problem = links.read_token(token)
    if problem:
        return _page(request, {"problem": str(problem)}, PROBLEM_STATUS[problem])
    if request.method != "POST":
        return _page(request, {"action": action})
    with transaction.atomic():
        entry, action, problem = links.read_token(token, for_update=True)
        if problem:
            return _page(request, {"problem": str(problem)}, PROBLEM_STATUS[problem])
        if action == "stay":
            membership.stay(entry)
        else:
            membership.leave(entry)
    return _page(request, {"done": action})
