"""The Import screen: upload a file, watch it being checked, read the dry run, confirm, watch the import, read
the report (then or later). Both steps run on the background queue (tasks.py)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from blog.models import BlogIndexPage

from .forms import ImportForm
from .models import ImportJob
from .tasks import check_upload, import_upload

PENDING_FOR = timedelta(hours=6)
EXPIRED = "This upload waited too long to be confirmed; choose the file again."
EARLIER = 10


def may_import(user) -> bool:
    """Imports create articles under the blog index: whoever may add pages there may import."""
    blog = BlogIndexPage.objects.first()
    return blog is not None and blog.permissions_for_user(user).can_add_subpage()


class ImporterMixin(WagtailAdminTemplateMixin):
    page_title = "Import"
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def job(self) -> ImportJob:
        job = ImportJob.objects.filter(pk=self.kwargs["job_id"], user=self.request.user).first()
        if job is None:
            raise Http404
        return job


class ImportView(ImporterMixin, FormView):
    template_name = "importer/import.html"
    form_class = ImportForm

    def get_context_data(self, **kwargs):
        earlier = ImportJob.objects.filter(user=self.request.user).defer("data")[:EARLIER]
        return super().get_context_data(earlier=earlier, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        ImportJob.objects.filter(state=ImportJob.State.CHECKED, created_at__lt=timezone.now() - PENDING_FOR).update(
            state=ImportJob.State.REFUSED, error=EXPIRED, data=b""
        )
        job = ImportJob.objects.create(
            user=self.request.user, name=upload.name, data=upload.read(), status=form.cleaned_data["status"]
        )
        check_upload.enqueue(job.pk)
        return redirect("importer:job", job_id=job.pk)


class JobView(ImporterMixin, TemplateView):
    """Progress while a step runs (refreshed by the page itself, or in place with JavaScript), then its report."""

    template_name = "importer/job.html"

    def get_context_data(self, **kwargs):
        job = self.job()
        form = None
        if job.state == ImportJob.State.REFUSED:
            form = ImportForm(initial={"status": job.status})
            form.errors["file"] = form.error_class([job.error])
        edit_links = [
            (title, reverse("wagtailadmin_pages:edit", args=[page_id]), action) for title, page_id, action in job.pages
        ]
        return super().get_context_data(job=job, form=form, edit_links=edit_links, **kwargs)


class JobStatusView(ImporterMixin, View):
    def get(self, request, *args, **kwargs):
        job = self.job()
        return JsonResponse(
            {"running": job.running, "state": job.get_state_display(), "done": job.done, "total": job.total}
        )


class ConfirmView(ImporterMixin, View):
    def post(self, request, *args, **kwargs):
        job = self.job()
        updated = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.CHECKED).update(
            state=ImportJob.State.IMPORTING, done=0, total=0
        )
        if updated:  # a second click (or a second tab) imports nothing twice
            import_upload.enqueue(job.pk)
        return redirect("importer:job", job_id=job.pk)
