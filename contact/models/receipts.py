"""What makes a request count once: a form token is used once, a spooled request is stored once."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

REUSED_TOKEN_REASON = "The same form (its time token) was sent before."  # noqa: S105 -- not a password


class UsedFormToken(models.Model):
    """A form token already sent, kept until it would have expired anyway (INTAKE_MAX_FORM_AGE)."""

    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return "Used form token"


class SpooledRequest(models.Model):
    """A spool file already stored: a drain that is interrupted, or two drains at once, never store it twice."""

    spool_id = models.UUIDField(unique=True)
    stored_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Spooled request {self.spool_id}"


def use_form_token(token: str) -> bool:
    """Record the token as used; False when it already was (the same form sent again)."""
    now = timezone.now()
    UsedFormToken.objects.filter(expires_at__lt=now).delete()
    try:
        with transaction.atomic():
            UsedFormToken.objects.create(
                digest=hashlib.sha256(token.encode()).hexdigest(),
                expires_at=now + timedelta(seconds=settings.INTAKE_MAX_FORM_AGE),
            )
    except IntegrityError:
        return False
    return True
