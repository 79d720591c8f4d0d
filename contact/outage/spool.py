"""Consultation requests sent while PostgreSQL is unreachable wait here, encrypted, until they can be stored.

One file per request in INTAKE_SPOOL_DIR (local to the machine that received it; each machine drains its own),
written atomically and fsynced, encrypted with Fernet under a key derived from SECRET_KEY (or INTAKE_SPOOL_KEY):
never plain text on disk. A drain (the worker, or the next web request that finds the database up) claims a file
by renaming it into ``claimed/``, stores the request as the form would have (spam checks, notifications, original
time) and deletes the file once committed; the SpooledRequest row makes a second store of it impossible. A file
that cannot be read is moved to ``rejected/`` and reported by name only, never lost.
"""

import base64
import json
import logging
import os
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import DatabaseError, IntegrityError
from django.http import QueryDict
from django.utils import timezone

from contact.form.request_form import ConsultationRequestForm
from contact.form.submission import store_request
from practice_site.outage.files import sync_folder, write_atomically

logger = logging.getLogger(__name__)

SUFFIX = ".request"
CLAIMED = "claimed"
REJECTED = "rejected"
# A claimed file older than this belongs to a drain that died between claiming and finishing: drained again.
STALE_CLAIM_SECONDS = 300
# Fields that do not belong in the stored request (the CSRF check is done before spooling).
LEFT_OUT = {"csrfmiddlewaretoken"}
# Choices that may have gone while the request waited (a page unpublished): "not sure" then, not a lost request.
DATABASE_CHOICES = ("service", "preferred_clinician")


def derived_key(secret: str) -> bytes:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"rooted intake spool").derive(secret.encode())
    return base64.urlsafe_b64encode(key)


def fernet() -> MultiFernet:
    if settings.INTAKE_SPOOL_KEY:
        return MultiFernet([Fernet(settings.INTAKE_SPOOL_KEY)])
    # Older keys too, so files written before a SECRET_KEY rotation still open.
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([Fernet(derived_key(secret)) for secret in secrets])


def spool_dir() -> Path:
    return Path(settings.INTAKE_SPOOL_DIR)


def keep(post: QueryDict, *, spam_reason: str) -> str:
    """Write one request to the spool; returns the file's name. Raises OSError when it cannot be written."""
    spool_id = uuid.uuid4()
    payload = {
        "id": str(spool_id),
        "received_at": timezone.now().isoformat(),
        "spam_reason": spam_reason,
        "post": {name: post.getlist(name) for name in post if name not in LEFT_OUT},
    }
    name = f"{time.time_ns()}-{spool_id}{SUFFIX}"
    write_atomically(spool_dir() / name, fernet().encrypt(json.dumps(payload).encode()))
    return name


def waiting() -> bool:
    """Whether any request waits here: one directory read, so every web request may ask."""
    try:
        with os.scandir(spool_dir()) as entries:
            return any(entry.name.endswith(SUFFIX) for entry in entries)
    except FileNotFoundError:
        return False


@dataclass
class DrainReport:
    stored: int = 0
    already_stored: int = 0
    rejected: int = 0
    interrupted: bool = False


def drain() -> DrainReport:
    """Store every waiting request. A database error stops the drain and leaves the rest waiting."""
    report = DrainReport()
    _return_stale_claims()
    for path in sorted(spool_dir().glob(f"*{SUFFIX}")):
        claimed = _claim(path)
        if claimed is None:
            continue  # another process took it
        try:
            outcome = _store(claimed)
        except DatabaseError:
            os.replace(claimed, path)
            report.interrupted = True
            break
        setattr(report, outcome, getattr(report, outcome) + 1)
    if report.stored or report.rejected:
        logger.info(
            "Intake spool drained: %d stored, %d already stored, %d rejected",
            report.stored, report.already_stored, report.rejected,
        )
    return report


def _claim(path: Path) -> Path | None:
    claimed = spool_dir() / CLAIMED / path.name
    claimed.parent.mkdir(exist_ok=True)
    try:
        os.replace(path, claimed)
    except FileNotFoundError:
        return None
    # The claim's age counts from now, not from when the request was written.
    os.utime(claimed)
    return claimed


def _return_stale_claims() -> None:
    claims = spool_dir() / CLAIMED
    if not claims.is_dir():
        return
    for path in claims.glob(f"*{SUFFIX}"):
        try:
            if time.time() - path.stat().st_mtime > STALE_CLAIM_SECONDS:
                os.replace(path, spool_dir() / path.name)
        except FileNotFoundError:
            continue


def _store(claimed: Path) -> str:
    try:
        payload = json.loads(fernet().decrypt(claimed.read_bytes()))
        spool_id = uuid.UUID(payload["id"])
        received_at = datetime.fromisoformat(payload["received_at"])
        post = QueryDict(mutable=True)
        for name, values in payload["post"].items():
            post.setlist(name, values)
        spam_reason = payload["spam_reason"]
    except (InvalidToken, ValueError, KeyError, TypeError, AttributeError):
        return _reject(claimed, "cannot be decrypted or read")
    form = ConsultationRequestForm(post)
    if not form.is_valid() and set(form.errors) <= set(DATABASE_CHOICES):
        for name in form.errors:
            post[name] = ""
        form = ConsultationRequestForm(post)
    if not form.is_valid():
        return _reject(claimed, "no longer passes the form's checks")
    try:
        store_request(form, spam_reason=spam_reason, received_at=received_at, spool_id=spool_id)
    except IntegrityError:
        outcome = "already_stored"
    else:
        outcome = "stored"
    claimed.unlink()
    sync_folder(claimed.parent)
    return outcome


def _reject(claimed: Path, why: str) -> str:
    rejected = spool_dir() / REJECTED / claimed.name
    rejected.parent.mkdir(exist_ok=True)
    os.replace(claimed, rejected)
    # The file name only: its content is a person's request.
    logger.error("Intake spool file %s %s; kept in %s/ for an operator", claimed.name, why, REJECTED)
    return "rejected"
