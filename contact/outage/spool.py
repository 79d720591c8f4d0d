"""Consultation requests sent while PostgreSQL is unreachable wait here, encrypted, until they can be stored.

One file per request in INTAKE_SPOOL_DIR (local to the machine that received it; each machine drains its own),
written atomically and fsynced, encrypted with Fernet under a key derived from SECRET_KEY (or INTAKE_SPOOL_KEY):
never plain text on disk. Its name carries when it was written and a keyed hash of the sender's address, so the
spool's own listing is the outage-time rate limit.

A drain claims a file with one atomic rename into ``claimed/``, under a name of its own that carries the claim's
time: no other drain can hold the same file, and a claim's age is known without a second step. A claim older
than STALE_CLAIM_SECONDS belongs to a drain that died and is renamed back (again one rename: whoever loses that
race finds the file gone and moves on). The SpooledRequest row still makes a second store impossible. How a
request is stored, whatever changed while it waited, is contact/outage/recovery.py.
"""

import base64
import fcntl
import json
import logging
import os
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import DatabaseError
from django.http import QueryDict
from django.utils import timezone

from contact.outage import recovery
from practice_site.outage.files import sync_folder, write_atomically

logger = logging.getLogger(__name__)

SUFFIX = ".request"
CLAIM_SUFFIX = ".claim"
CLAIMED = "claimed"
REJECTED = "rejected"
# A claim older than this belongs to a drain that died between claiming and finishing: drained again.
STALE_CLAIM_SECONDS = 300
# Fields that do not belong in the stored request (the CSRF check is done before spooling).
LEFT_OUT = {"csrfmiddlewaretoken"}
ADDRESS_CHARACTERS = 16
# A request kept by code rather than from a visitor (tests, tools): counted in the cap, not the per-address limit.
NO_ADDRESS = "0" * ADDRESS_CHARACTERS


class SpoolFull(Exception):
    """The spool holds INTAKE_SPOOL_MAX_FILES or INTAKE_SPOOL_MAX_BYTES already."""


class TooManyFromAddress(Exception):
    """This address sent INTAKE_SPOOL_RATE_LIMIT requests in the rate limit's window already."""


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


@contextmanager
def _locked():
    """One writer at a time across processes, so the limits are counted and the file written as one step."""
    folder = spool_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def keep(post: QueryDict, *, spam_reason: str, address: str = "") -> str:
    """Write one request to the spool; returns the file's name.

    Raises SpoolFull or TooManyFromAddress past the limits, OSError when it cannot be written."""
    spool_id = uuid.uuid4()
    payload = {
        "id": str(spool_id),
        "received_at": timezone.now().isoformat(),
        "spam_reason": spam_reason,
        "post": {name: post.getlist(name) for name in post if name not in LEFT_OUT},
    }
    data = fernet().encrypt(json.dumps(payload).encode())
    sender = (address or NO_ADDRESS)[:ADDRESS_CHARACTERS]
    with _locked():
        _check_limits(sender, len(data))
        name = f"{time.time_ns()}-{sender}-{spool_id}{SUFFIX}"
        write_atomically(spool_dir() / name, data)
    return name


def _check_limits(sender: str, size: int) -> None:
    window_start = time.time_ns() - settings.INTAKE_RATE_LIMIT_WINDOW * 10**9
    count = total = from_sender = 0
    with os.scandir(spool_dir()) as entries:
        for entry in entries:
            if not entry.name.endswith(SUFFIX):
                continue
            count += 1
            total += entry.stat().st_size
            written_at, _, rest = entry.name.partition("-")
            if rest.startswith(sender + "-") and written_at.isdigit() and int(written_at) >= window_start:
                from_sender += 1
    if count + 1 > settings.INTAKE_SPOOL_MAX_FILES or total + size > settings.INTAKE_SPOOL_MAX_BYTES:
        raise SpoolFull
    if sender != NO_ADDRESS and from_sender + 1 > settings.INTAKE_SPOOL_RATE_LIMIT:
        raise TooManyFromAddress


def waiting() -> bool:
    """Whether any request waits here: one directory read, so every web request may ask."""
    try:
        with os.scandir(spool_dir()) as entries:
            return any(entry.name.endswith(SUFFIX) for entry in entries)
    except FileNotFoundError:
        return False


def set_aside_count() -> int:
    """Files that could not be read, kept in ``rejected/`` for an operator: coordinators see this number."""
    try:
        with os.scandir(spool_dir() / REJECTED) as entries:
            return sum(1 for entry in entries if entry.name.endswith(SUFFIX))
    except FileNotFoundError:
        return 0


@dataclass
class DrainReport:
    stored: int = 0
    already_stored: int = 0
    rejected: int = 0
    failed: int = 0
    interrupted: bool = False
    set_aside: list = field(default_factory=list)


def drain(limit: int | None = None) -> DrainReport:
    """Store waiting requests, at most ``limit`` of them. A database error stops the drain and leaves the rest."""
    report = DrainReport()
    _return_stale_claims()
    taken = 0
    for path in sorted(spool_dir().glob(f"*{SUFFIX}")):
        if limit is not None and taken >= limit:
            break
        claimed = claim(path)
        if claimed is None:
            continue  # another drain took it
        taken += 1
        try:
            outcome = recovery.store_kept(claimed.read_bytes(), fernet())
        except DatabaseError as error:
            _release(claimed, path)
            if not recovery.database_gone(error):
                # This request's own problem, not the database's: the others are still stored.
                logger.error("Intake spool file %s could not be stored (%s)", path.name, type(error).__name__)
                report.failed += 1
                continue
            report.interrupted = True
            break
        if outcome == "rejected":
            _set_aside(claimed, path.name)
            report.set_aside.append(path.name)
        else:
            claimed.unlink(missing_ok=True)
            sync_folder(claimed.parent)
        setattr(report, outcome, getattr(report, outcome) + 1)
    if report.stored or report.rejected or report.failed:
        logger.info(
            "Intake spool drained: %d stored, %d already stored, %d set aside, %d left to try again",
            report.stored, report.already_stored, report.rejected, report.failed,
        )
    if report.set_aside:
        recovery.alert_set_aside(len(report.set_aside))
    return report


def claim(path: Path) -> Path | None:
    """Take ``path`` for this drain alone, or None if another drain has it."""
    claims = spool_dir() / CLAIMED
    claims.mkdir(exist_ok=True)
    claimed = claims / f"{path.name}.{time.time_ns()}.{os.getpid()}-{uuid.uuid4().hex[:8]}{CLAIM_SUFFIX}"
    try:
        os.rename(path, claimed)
    except FileNotFoundError:
        return None
    return claimed


def _release(claimed: Path, path: Path) -> None:
    try:
        os.rename(claimed, path)
    except FileNotFoundError:
        pass  # a stale claim returned by another drain meanwhile: it is waiting already


def _return_stale_claims() -> None:
    claims = spool_dir() / CLAIMED
    if not claims.is_dir():
        return
    now = time.time_ns()
    for claimed in claims.glob(f"*{CLAIM_SUFFIX}"):
        original, claimed_at, _claimer, _ = claimed.name.rsplit(".", 3)
        if claimed_at.isdigit() and now - int(claimed_at) > STALE_CLAIM_SECONDS * 10**9:
            _release(claimed, spool_dir() / original)


def _set_aside(claimed: Path, name: str) -> None:
    rejected = spool_dir() / REJECTED / name
    rejected.parent.mkdir(exist_ok=True)
    os.replace(claimed, rejected)
    # The file name only: its content is a person's request.
    logger.error("Intake spool file %s cannot be decrypted or read; kept in %s/ for an operator", name, REJECTED)
