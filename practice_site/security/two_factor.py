"""Who must use a second factor, and the life of a person's authenticator and recovery codes.

Devices are django-otp's own: one TOTPDevice (the authenticator app) and one StaticDevice whose
StaticTokens are the single-use recovery codes.
"""

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
# Apps holding sensitive records register a function ``(user) -> bool`` under this hook name; anyone for whom one
# returns True must use a second factor. This app knows none of them.
TWO_FACTOR_REQUIRED_HOOK = "two_factor_required_for"


def is_staff_account(user) -> bool:
    return user.is_staff or user.has_perm("wagtailadmin.access_admin")


def two_factor_required(user) -> bool:
    if not user.is_authenticated:
        return False
    if settings.REQUIRE_TWO_FACTOR_FOR_ALL_STAFF and is_staff_account(user):
        return True
    return any(required(user) for required in hooks.get_hooks(TWO_FACTOR_REQUIRED_HOOK))


def must_verify(user) -> bool:
    """True when this signed-in session still owes a second factor.

    Someone who enrolled of their own accord is asked too: otherwise a stolen password
    would still open their account.
    """
    if not user.is_authenticated or user.is_verified():
        return False
    return two_factor_required(user) or has_two_factor(user)


def has_two_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def authenticator_for(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_authenticator_for(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up, created on first visit so a reload keeps its key."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def activate_authenticator(device: TOTPDevice) -> list[str]:
    """Confirm a freshly verified authenticator, drop any older one, and issue new recovery codes."""
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return replace_recovery_codes(user)


@transaction.atomic
def replace_recovery_codes(user) -> list[str]:
    static_device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": RECOVERY_CODES_NAME, "confirmed": True}
    )
    static_device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static_device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def remove_two_factor(user) -> int:
    """Delete every device the person has; they enrol again at their next sign-in. Returns how many went."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)
