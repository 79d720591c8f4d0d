"""Who viewed or exported which request, and when, for coordinators: also for requests purged since."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from contact.models.request import AccessRecord
from contact.review.permissions import consultation_request_policy

PER_PAGE = 100


def access_report(request):
    if not consultation_request_policy.sees_every_request(request.user):
        raise PermissionDenied
    records = AccessRecord.objects.all()
    number = request.GET.get("request", "").strip().lstrip("#")
    if number.isdigit():
        records = records.filter(request_number=int(number))
    page = Paginator(records, PER_PAGE).get_page(request.GET.get("p"))
    context = {"page_obj": page, "records": page.object_list, "number": number}
    return render(request, "contact/admin/access_report.html", context)
