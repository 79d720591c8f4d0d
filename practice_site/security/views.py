"""Two-factor sign-in: the second sign-in step, enrolment, recovery codes and a superuser's reset."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from . import two_factor
from .forms import ConfirmAuthenticatorForm, VerifyForm

# Recovery codes wait here between the POST that makes them and the one page that shows them.
NEW_RECOVERY_CODES_SESSION_KEY = "security_new_recovery_codes"


def safe_next_url(request, default_name="wagtailadmin_home"):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse(default_name)


def mark_verified(request, device):
    otp_login(request, device)
    # A new session key once the second factor is proven, like Django does at sign-in.
    request.session.cycle_key()


class VerifyView(FormView):
    """The sign-in page's second step, reached right after the password."""

    template_name = "security/verify.html"
    form_class = VerifyForm

    def dispatch(self, request, *args, **kwargs):
        if not two_factor.must_verify(request.user):
            return redirect(safe_next_url(request))
        if not two_factor.has_two_factor(request.user):
            return redirect(f"{reverse('two_factor:setup')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        device = form.verified_device
        mark_verified(self.request, device)
        if isinstance(device, StaticDevice):
            left = two_factor.recovery_codes_left(self.request.user)
            messages.warning(
                self.request,
                f"You signed in with a recovery code; {left} of {two_factor.RECOVERY_CODE_COUNT} are left. "
                "You can make a new set under Account, Two-factor sign-in.",
            )
        return redirect(safe_next_url(self.request))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": safe_next_url(self.request)}


class SetupView(FormView):
    """Enrolment: QR code and key for the app, then a first code to confirm it."""

    template_name = "security/setup.html"
    form_class = ConfirmAuthenticatorForm

    def dispatch(self, request, *args, **kwargs):
        # Without this, a stolen password could swap in the thief's own authenticator.
        if two_factor.has_two_factor(request.user) and not request.user.is_verified():
            return redirect(f"{reverse('two_factor:verify')}?{request.GET.urlencode()}")
        self.device = two_factor.pending_authenticator_for(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "device": self.device}

    def form_valid(self, form):
        codes = two_factor.activate_authenticator(self.device)
        mark_verified(self.request, self.device)
        self.request.session[NEW_RECOVERY_CODES_SESSION_KEY] = codes
        messages.success(self.request, "Two-factor sign-in is on.")
        return redirect(f"{reverse('two_factor:recovery_codes')}?{urlencode({'next': safe_next_url(self.request)})}")

    def get_context_data(self, **kwargs):
        key = b32encode(self.device.bin_key).decode()
        return {
            **super().get_context_data(**kwargs),
            "qr_svg": segno.make(self.device.config_url, error="m").svg_inline(
                scale=5, title="QR code for your authenticator app"
            ),
            "manual_key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            "next": safe_next_url(self.request),
            "replacing": two_factor.has_two_factor(self.request.user),
        }


class RecoveryCodesView(TemplateView):
    """Shows a new set of recovery codes exactly once; POST makes a new set."""

    template_name = "security/recovery_codes.html"

    def get(self, request, *args, **kwargs):
        codes = request.session.pop(NEW_RECOVERY_CODES_SESSION_KEY, None)
        if not codes:
            messages.info(request, "Recovery codes are shown only once. You can make a new set here.")
            return redirect("two_factor:manage")
        return self.render_to_response({"codes": codes, "next": safe_next_url(request)})

    def post(self, request, *args, **kwargs):
        if not two_factor.has_two_factor(request.user):
            return redirect("two_factor:setup")
        request.session[NEW_RECOVERY_CODES_SESSION_KEY] = two_factor.replace_recovery_codes(request.user)
        messages.success(request, "Your old recovery codes no longer work.")
        return redirect(f"{reverse('two_factor:recovery_codes')}?{urlencode({'next': reverse('two_factor:manage')})}")


class ManageView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "security/manage.html"
    page_title = "Two-factor sign-in"
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_account"), "label": "Account"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "authenticator": two_factor.authenticator_for(user),
            "recovery_codes_left": two_factor.recovery_codes_left(user),
            "required": two_factor.two_factor_required(user),
        }


class ResetView(WagtailAdminTemplateMixin, TemplateView):
    """A superuser removes someone's authenticator and codes; they enrol again at their next sign-in."""

    template_name = "security/reset.html"
    page_title = "Reset two-factor sign-in"
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        self.person = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailusers_users:index"), "label": "Users"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "person": self.person,
            "has_two_factor": two_factor.has_two_factor(self.person),
        }

    def post(self, request, *args, **kwargs):
        two_factor.remove_two_factor(self.person)
        log(instance=self.person, action="security.two_factor_reset", user=request.user)
        messages.success(
            request,
            f"Two-factor sign-in for {self.person.get_username()} was reset. "
            "They will set up a new authenticator when they next sign in.",
        )
        return redirect("wagtailusers_users:index")
