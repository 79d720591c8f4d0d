"""Signing staff in for tests, second factor included.

Other apps' tests that open the admin use ``login_verified(client, user)`` (a fixture in
tests/conftest.py) instead of ``client.force_login(user)``: anyone who can see consultation
requests is refused every admin page until their session has passed the second factor.
"""

import time
from datetime import timedelta

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from practice_site.security.two_factor import activate_authenticator


def enrol(user) -> TOTPDevice:
    """Give the person a confirmed authenticator (and recovery codes), as enrolment would."""
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    activate_authenticator(device)
    return device


def current_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the person's app shows now (or at ``at``, a Unix time)."""
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time() if at is None else at
    return f"{generator.token():0{device.digits}d}"


def force_login_verified(client, user) -> TOTPDevice:
    """client.force_login, plus a session that has passed the second factor."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first() or enrol(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def let_throttle_pass(device) -> None:
    """After a wrong code django-otp refuses every code for a second or more; a person takes that long anyway."""
    device.refresh_from_db()
    if device.throttling_failure_timestamp:
        device.throttling_failure_timestamp -= timedelta(minutes=5)
        device.save(update_fields=["throttling_failure_timestamp"])


def csp_violations(page) -> list[str]:
    """Chromium reports every blocked resource or inline code as a console error naming the policy."""
    return [message.text for message in page.console_messages if "Content Security Policy" in message.text]


def sign_in_in_browser(page, username, password, device=None, *, next_path="/admin/"):
    """The real sign-in form, then (with a device) the code from the person's app."""
    page.goto(f"/admin/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.get_by_label("Code from your authenticator app, or a recovery code").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
