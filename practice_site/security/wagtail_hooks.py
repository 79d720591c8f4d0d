from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from . import views

two_factor_urls = [
    path("", views.ManageView.as_view(), name="manage"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("setup/", views.SetupView.as_view(), name="setup"),
    path("recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("reset/<int:user_id>/", views.ResetView.as_view(), name="reset"),
]


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("two-factor/", include((two_factor_urls, "two_factor"), namespace="two_factor"))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor:manage"),
        "label": "Two-factor sign-in",
        "help_text": "Set up your authenticator app and recovery codes.",
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if request_user.is_superuser and user.pk != request_user.pk:
        yield Button(
            "Reset two-factor sign-in",
            reverse("two_factor:reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(
        "security.two_factor_reset", "Reset two-factor sign-in", "Reset two-factor sign-in"
    )
