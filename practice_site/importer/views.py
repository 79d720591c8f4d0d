"""The Import screen: upload one file, read the dry run, confirm. Errors come back beside the upload field."""

import logging
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from blog.models import BlogIndexPage

from .bundle import Folder, ImportRefused
from .forms import ConfirmForm, ImportForm
from .models import PendingUpload
from .sources import read_document
from .writer import Importer

logger = logging.getLogger(__name__)
SESSION_KEY = "importer_upload"
PENDING_FOR = timedelta(hours=6)
UNREADABLE = "This file could not be imported; nothing was saved. Check that it is a complete export and try again."


def may_import(user) -> bool:
    """Imports create articles under the blog index: whoever may add pages there may import."""
    blog = BlogIndexPage.objects.first()
    return blog is not None and blog.permissions_for_user(user).can_add_subpage()


def run_import(name: str, data: bytes, status: str, *, dry_run: bool):
    # No downloads from the admin: an uploaded file must not make the server fetch addresses it names.
    bundles = read_document(name, data, Folder(), media_dir=None, download=None)
    return Importer(status=status, dry_run=dry_run).run(bundles)


class ImportView(WagtailAdminTemplateMixin, FormView):
    page_title = "Import"
    header_icon = "download"
    template_name = "importer/import.html"
    form_class = ImportForm

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        status = form.cleaned_data["status"]
        data = upload.read()
        try:
            report = run_import(upload.name, data, status, dry_run=True)
        except ImportRefused as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        except Exception:
            logger.exception("Import preview failed for %s", upload.name)
            form.add_error("file", UNREADABLE)
            return self.form_invalid(form)
        PendingUpload.objects.filter(created_at__lt=timezone.now() - PENDING_FOR).delete()
        with transaction.atomic():
            PendingUpload.objects.filter(user=self.request.user).delete()
            pending = PendingUpload.objects.create(
                user=self.request.user, token=secrets.token_urlsafe(32), name=upload.name, data=data, status=status
            )
        self.request.session[SESSION_KEY] = pending.token
        return self.render_to_response(
            self.get_context_data(
                form=form,
                report=report,
                file_name=upload.name,
                confirm_form=ConfirmForm(initial={"token": pending.token}),
            )
        )


class ConfirmView(ImportView):
    page_title = "Import"

    def get(self, request, *args, **kwargs):
        return redirect("importer:import")

    def post(self, request, *args, **kwargs):
        confirm = ConfirmForm(request.POST)
        pending = None
        if confirm.is_valid() and confirm.cleaned_data["token"] == request.session.get(SESSION_KEY):
            pending = PendingUpload.objects.filter(user=request.user, token=confirm.cleaned_data["token"]).first()
        form = ImportForm(initial={"status": "draft"})
        if pending is None:
            form.errors["file"] = form.error_class(["That upload has expired; choose the file again."])
            return self.render_to_response(self.get_context_data(form=form))
        try:
            report = run_import(pending.name, bytes(pending.data), pending.status, dry_run=False)
        except ImportRefused as error:
            form.errors["file"] = form.error_class([str(error)])
            return self.render_to_response(self.get_context_data(form=form))
        except Exception:
            logger.exception("Import failed for %s", pending.name)
            form.errors["file"] = form.error_class([UNREADABLE])
            return self.render_to_response(self.get_context_data(form=form))
        finally:
            pending.delete()
            request.session.pop(SESSION_KEY, None)
        return self.render_to_response(
            self.get_context_data(
                form=ImportForm(initial={"status": "draft"}), report=report, file_name=pending.name, done=True,
                edit_links=[(title, reverse("wagtailadmin_pages:edit", args=[page_id]), action)
                            for title, page_id, action in report.pages],
            )
        )
