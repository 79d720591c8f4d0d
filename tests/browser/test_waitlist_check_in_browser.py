"""A person on the waitlist follows the "still interested?" email's links, sent through a real SMTP server: first
keeps their place, then, at the next check-in, leaves (axe clean on each screen)."""

import re
from email import message_from_bytes, policy

import pytest
from django.utils import timezone

from contact.models import ConsultationRequest, WaitlistEntry
from contact.waitlist import check_ins
from tests.browser.axe import assert_no_axe_violations
from tests.waitlist.conftest import make_entry, smtp_inbox  # noqa: F401 -- the fixture, for this module

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def links_in_last_email(inbox):
    email = message_from_bytes(inbox.messages[-1].content, policy=policy.default)
    return re.findall(r"http://\S+/waitlist/\S+/", email.get_body(("plain",)).get_content())


def test_the_still_interested_links_keep_then_remove_the_entry(page, site_url, smtp_inbox):  # noqa: F811
    entry = make_entry(days=45, email="maya@example.org", preferred_name="Maya")
    check_ins.run()
    stay_url, leave_url = links_in_last_email(smtp_inbox)
    assert stay_url.startswith(site_url)

    page.goto(stay_url)
    assert page.get_by_role("heading", name="Keep your place on our waitlist?").is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Yes, keep my place").click()
    page.get_by_role("heading", name="Thank you, you keep your place").wait_for()
    assert_no_axe_violations(page)
    entry.refresh_from_db()
    assert entry.check_ins_sent == 0

    page.goto(leave_url)
    assert page.get_by_role("heading", name="This link has already been used").is_visible()
    assert_no_axe_violations(page)

    # The next check-in, weeks later: this time they leave.
    WaitlistEntry.objects.filter(pk=entry.pk).update(clock_started_at=timezone.now() - check_ins.period())
    check_ins.run()
    _, leave_url = links_in_last_email(smtp_inbox)
    page.goto(leave_url)
    page.get_by_role("button", name="Take me off the waitlist").click()
    page.get_by_role("heading", name="You are off the waitlist").wait_for()
    assert_no_axe_violations(page)
    assert not WaitlistEntry.objects.filter(pk=entry.pk).exists()
    assert ConsultationRequest.objects.get(pk=entry.pk).status == ConsultationRequest.Status.CLOSED
