import re

from django import forms
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms.auth import LoginForm

AUTHENTICATOR_CODE = re.compile(r"\d{6}")


class PasswordStepLoginForm(LoginForm):
    """Wagtail's sign-in form without "Remember me": admin sessions end when the browser closes.

    The code is asked for on the next page (TwoFactorRequiredMiddleware sends the person there).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["remember"]


class CodeForm(OTPAuthenticationFormMixin, forms.Form):
    code_label = "Code"
    otp_token = forms.CharField(
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": "", "spellcheck": "false"}),
    )

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "Please enter the code.",
        "invalid_token": "That code did not work. Codes change every 30 seconds: please try the newest one.",
        "device_required": "That code did not work. Please check it and try again.",
        "n_failed_attempts": "Several codes in a row did not work, so checking is paused briefly. "
        "Please wait a minute, then enter the newest code.",
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["otp_token"].label = self.code_label

    def clean_otp_token(self):
        # People copy codes with spaces or dashes ("123 456", "abcd-efgh"); neither is part of a code.
        return re.sub(r"[\s-]", "", self.cleaned_data["otp_token"]).lower()

    def clean(self):
        super().clean()
        if not self.errors:
            self.clean_otp(self.user)
        return self.cleaned_data

    @property
    def verified_device(self):
        return getattr(self.user, "otp_device", None)


class VerifyForm(CodeForm):
    """The second sign-in step: a code from the authenticator app, or one recovery code."""

    code_label = "Code from your authenticator app, or a recovery code"

    def _chosen_device(self, user):
        # Checking a code against one device only, picked by its shape, keeps a typo from
        # counting as a failure against the other device (django-otp's throttling is per device).
        token = self.cleaned_data.get("otp_token", "")
        model = TOTPDevice if AUTHENTICATOR_CODE.fullmatch(token) else StaticDevice
        return model.objects.select_for_update().filter(user=user, confirmed=True).first()


class ConfirmAuthenticatorForm(CodeForm):
    """The last enrolment step: the first code proves the app holds the right key."""

    code_label = "6-digit code from the app"

    def __init__(self, user, device, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.device = device

    def _chosen_device(self, user):
        return TOTPDevice.objects.select_for_update().get(pk=self.device.pk, user=user)
