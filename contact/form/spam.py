"""Spam checks that need no tracker or CAPTCHA: a honeypot field and a signed time token.

A suspicious request is still stored (as spam), so staff can rescue a real person's request. A form that was
simply open too long (a tab left overnight) is no sign of a bot: it is shown again instead, see `has_expired`.
"""

import time

from django.conf import settings
from django.core import signing

SIGNING_SALT = "contact.form-shown-at"


def issue_form_token() -> str:
    return signing.dumps(time.time(), salt=SIGNING_SALT)


def form_age_seconds(token: str) -> float | None:
    """Seconds since the form was shown, or None when the token is missing or was not signed by us."""
    try:
        shown_at = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(shown_at, int | float):
        return None
    return time.time() - shown_at


def has_expired(token: str) -> bool:
    """True when we signed the token, but longer ago than a form may stay open."""
    age = form_age_seconds(token)
    return age is not None and age > settings.INTAKE_MAX_FORM_AGE


def spam_reason(*, honeypot: str, form_token: str) -> str:
    """Why a request looks automated, in words staff understand; empty when it looks like a person."""
    if honeypot:
        return "Filled in the hidden field that people never see."
    age = form_age_seconds(form_token)
    if age is None:
        return "The form's time token was missing or altered."
    if age < settings.INTAKE_MIN_SECONDS:
        return f"Sent {age:.1f} seconds after the form was shown, faster than a person types."
    return ""
