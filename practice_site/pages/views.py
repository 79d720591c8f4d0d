from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

from practice_site.pages.forms import SearchForm

RESULTS_PER_PAGE = 10


def search(request):
    """Site search over live, public pages with Wagtail's database backend."""
    form = SearchForm(request.GET or None)
    query = ""
    results = None
    if form.is_valid():
        query = form.cleaned_data["q"]
    if query:
        matches = Page.objects.live().public().search(query)
        # get_page() turns a bad or out-of-range ?page= into the nearest real page instead of an error.
        results = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "query": query, "results": results, "query_prefix": urlencode({"q": query}) + "&"}
    return render(request, "search/search.html", context)
