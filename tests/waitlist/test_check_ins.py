"""The check-in sequence through a real SMTP server: a "still interested?" email after WAITLIST_CHECK_IN_WEEKS, a
second a week later, then the entry lapses for a coordinator. The emails carry the links and nothing about why
the person waits; two runs at once send each email once."""

import datetime
import re
import threading
from email import message_from_bytes, policy

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from contact.models import RequestEvent, WaitlistEntry
from contact.waitlist import check_ins
from practice_site.directory.models import Concern
from tests.waitlist.conftest import make_entry

WEEK = datetime.timedelta(weeks=1)


def bodies(inbox):
    return [message_from_bytes(envelope.content, policy=policy.default) for envelope in inbox.messages]


def run_command(*args):
    from io import StringIO

    output = StringIO()
    call_command("send_waitlist_check_ins", *args, stdout=output)
    return output.getvalue()


def age(entry, **fields):
    WaitlistEntry.objects.filter(pk=entry.pk).update(**fields)


@pytest.mark.django_db
def test_first_check_in_then_second_then_lapsed_and_nothing_private_in_the_email(
        client, smtp_inbox, settings, clinicians):
    settings.WAITLIST_CHECK_IN_WEEKS = 4
    entry = make_entry(days=29, clinicians=[clinicians[0]], name="Maya Torres", preferred_name="Maya",
                       email="maya@example.org", message="Panic attacks at work.", insurance_carrier="Aetna")
    entry.concerns.set([Concern.objects.create(name="Grief and loss")])
    recent = make_entry(days=27, email="not.yet@example.org")
    by_phone = make_entry(days=60, preferred_contact="call", email="phone@example.org")

    assert "Due now: 1 first check-in(s), 0 second, 0 to mark lapsed" in run_command("--dry-run")
    assert smtp_inbox.messages == []
    assert "Sent 1 first check-in(s) and 0 second; marked 0 lapsed" in run_command()
    (envelope,) = smtp_inbox.messages
    assert envelope.rcpt_tos == ["maya@example.org"]
    (email,) = bodies(smtp_inbox)
    body = email.get_body(("plain",)).get_content()
    assert "Are you still interested?" in email["Subject"] and "Hello Maya" in body
    for private in ("Panic", "Torres", "Grief", "Aetna", "Ana Ruiz", "Telehealth", "adult"):
        assert private.lower() not in (body + email["Subject"]).lower()
    stay_url, leave_url = re.findall(r"http://\S+/waitlist/\S+/", body)
    assert run_command().startswith("Sent 0 first"), "nothing is sent twice"

    # A week without an answer: the second one, which still offers the same two links.
    age(entry, last_check_in_at=timezone.now() - WEEK - datetime.timedelta(minutes=1))
    assert "Sent 0 first check-in(s) and 1 second" in run_command()
    second = bodies(smtp_inbox)[1].get_body(("plain",)).get_content()
    assert "asking once more" in second

    # Another week: lapsed, for a coordinator, and no third email.
    age(entry, last_check_in_at=timezone.now() - WEEK - datetime.timedelta(minutes=1))
    assert "marked 1 lapsed" in run_command()
    entry.refresh_from_db()
    assert entry.lapsed_at is not None and len(smtp_inbox.messages) == 2
    history = list(entry.consultation.events.values_list("detail", flat=True))
    assert "Waitlist check-in 1 sent" in history and "Waitlist check-in 2 sent" in history
    assert any(detail.startswith("Lapsed") for detail in history)
    recent.refresh_from_db()
    by_phone.refresh_from_db()
    assert recent.check_ins_sent == 0 and by_phone.check_ins_sent == 0

    # The person answers late, with the first email's link: kept, the clock restarts, not lapsed.
    path = stay_url.split("://", 1)[1].split("/", 1)[1]
    assert client.post("/" + path).status_code == 200
    entry.refresh_from_db()
    assert entry.lapsed_at is None and entry.check_ins_sent == 0
    assert client.post("/" + leave_url.split("://", 1)[1].split("/", 1)[1]).status_code == 410


@pytest.mark.django_db
def test_a_failed_send_is_recorded_and_tried_again_on_the_next_run(settings, smtp_inbox):
    entry = make_entry(days=40, email="sam@example.org")
    good = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2}}}
    assert "1 failed" in run_command()
    entry.refresh_from_db()
    assert entry.check_ins_sent == 0
    settings.MAILERS = good
    assert "Sent 1 first" in run_command()
    assert len(smtp_inbox.messages) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_send_each_check_in_once(smtp_inbox):
    entries = [make_entry(days=40 + n, email=f"person{n}@example.org") for n in range(12)]
    start = threading.Barrier(2)
    reports, errors = [], []

    def worker():
        try:
            start.wait()
            reports.append(check_ins.run())
        except Exception as error:  # noqa: BLE001 -- reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    recipients = sorted(address for envelope in smtp_inbox.messages for address in envelope.rcpt_tos)
    assert recipients == sorted(f"person{n}@example.org" for n in range(12))
    assert sum(report.first for report in reports) == 12
    assert RequestEvent.objects.filter(detail="Waitlist check-in 1 sent").count() == len(entries)
